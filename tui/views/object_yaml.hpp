// A Kubernetes object as YAML, the way `kubectl get -o yaml` shows it: the JSON the API server
// sent, re-emitted by yaml-cpp (keys in their order, multi-line strings as literal blocks,
// metadata.managedFields left out).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace flinktop::tui {

std::string object_yaml(const nlohmann::json& object);

}  // namespace flinktop::tui
