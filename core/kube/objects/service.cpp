// Decoding of Service.
#include "core/kube/objects/service.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

namespace {
int to_int(std::int64_t v) { return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : static_cast<int>(v); }
}  // namespace

Service Service::from_json(const nlohmann::json& j) {
  jf::require_object(j, "Service");
  Service s;
  s.meta = ObjectMeta::from_object(j);
  const auto& spec = jf::object(j, "spec");
  s.type = jf::string(spec, "type", "ClusterIP");
  s.cluster_ip = jf::string(spec, "clusterIP");
  s.selector = jf::string_map(spec, "selector");
  for (const auto& p : jf::array(spec, "ports")) {
    if (!p.is_object()) continue;
    ServicePort port;
    port.name = jf::string(p, "name");
    port.port = to_int(jf::integer(p, "port"));
    if (const auto* t = jf::find(p, "targetPort"); t != nullptr && t->is_string()) {
      port.target_port = t->get_ref<const std::string&>();
    } else if (const auto n = jf::optional_integer(p, "targetPort")) {
      port.target_port = std::to_string(*n);
    }
    port.node_port = to_int(jf::integer(p, "nodePort"));
    port.protocol = jf::string(p, "protocol", "TCP");
    s.ports.push_back(std::move(port));
  }
  return s;
}

}  // namespace flinktop::kube
