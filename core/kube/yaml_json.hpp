// Kubernetes objects as YAML and back, the way kubectl shows and reads them: the JSON the API
// server sent, re-emitted by yaml-cpp (keys in their order, multi-line strings as literal blocks,
// metadata.managedFields left out); and a manifest a user wrote or edited, read into the JSON the
// API server takes.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace flinktop::kube {

std::string object_yaml(const nlohmann::json& object);
// `object` as object_yaml shows it: metadata.managedFields (server bookkeeping) left out.
nlohmann::json without_managed_fields(nlohmann::json object);

// One YAML document → JSON. Plain scalars are typed by YAML 1.2's core schema (null, true/false,
// integers, floats), quoted ones stay strings; anchors and aliases are resolved. Throws
// Error(Decode) "line L, column C: what" for text that is not YAML, and for keys that are not
// scalars. An empty document (only comments) is a null.
nlohmann::json yaml_to_json(std::string_view text);

}  // namespace flinktop::kube
