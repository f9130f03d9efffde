// A Kubernetes apps/v1 Deployment: replica counts, selector and the labels/images of its pod template.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/kube/objects/object_meta.hpp"
#include "core/kube/objects/pod.hpp"

namespace flinktop::kube {

struct Deployment {
  ObjectMeta meta;
  int replicas = 1;  // spec.replicas (the API server defaults it to 1)
  int status_replicas = 0;
  int ready_replicas = 0;
  int available_replicas = 0;
  int updated_replicas = 0;
  std::map<std::string, std::string> selector;         // spec.selector.matchLabels
  std::map<std::string, std::string> template_labels;  // spec.template.metadata.labels
  std::vector<ContainerSpec> template_containers;      // spec.template.spec.containers

  static Deployment from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
