// Decoding of Deployment.
#include "core/kube/objects/deployment.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

namespace {
int to_int(std::int64_t v) { return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : static_cast<int>(v); }
}  // namespace

Deployment Deployment::from_json(const nlohmann::json& j) {
  jf::require_object(j, "Deployment");
  Deployment d;
  d.meta = ObjectMeta::from_object(j);
  const auto& spec = jf::object(j, "spec");
  const auto& status = jf::object(j, "status");
  d.replicas = to_int(jf::integer(spec, "replicas", 1));
  d.status_replicas = to_int(jf::integer(status, "replicas"));
  d.ready_replicas = to_int(jf::integer(status, "readyReplicas"));
  d.available_replicas = to_int(jf::integer(status, "availableReplicas"));
  d.updated_replicas = to_int(jf::integer(status, "updatedReplicas"));
  d.selector = jf::string_map(jf::object(spec, "selector"), "matchLabels");
  const auto& tmpl = jf::object(spec, "template");
  d.template_labels = jf::string_map(jf::object(tmpl, "metadata"), "labels");
  for (const auto& c : jf::array(jf::object(tmpl, "spec"), "containers")) {
    if (c.is_object()) d.template_containers.push_back({jf::string(c, "name"), jf::string(c, "image"), {}, {}});
  }
  return d;
}

}  // namespace flinktop::kube
