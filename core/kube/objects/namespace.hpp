// A Kubernetes Namespace: its name and whether it is Active or Terminating.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

struct Namespace {
  ObjectMeta meta;
  std::string phase;  // "Active", "Terminating"

  static Namespace from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
