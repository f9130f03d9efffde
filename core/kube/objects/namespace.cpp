// Decoding of Namespace.
#include "core/kube/objects/namespace.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

Namespace Namespace::from_json(const nlohmann::json& j) {
  json_fields::require_object(j, "Namespace");
  Namespace ns;
  ns.meta = ObjectMeta::from_object(j);
  ns.phase = json_fields::string(json_fields::object(j, "status"), "phase");
  return ns;
}

}  // namespace flinktop::kube
