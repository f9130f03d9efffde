// A Kubernetes Service: type, selector and ports (enough to find a Flink REST endpoint).
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

struct ServicePort {
  std::string name;
  int port = 0;
  std::string target_port;  // "8081" or a container port name such as "rest"; "" when unset
  int node_port = 0;
  std::string protocol = "TCP";
};

struct Service {
  ObjectMeta meta;
  std::string type = "ClusterIP";  // ClusterIP, NodePort, LoadBalancer, ExternalName
  std::string cluster_ip;          // "None" for a headless service
  std::map<std::string, std::string> selector;
  std::vector<ServicePort> ports;

  static Service from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
