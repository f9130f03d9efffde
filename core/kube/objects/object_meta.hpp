// metadata of any Kubernetes object: identity, labels, owners and the two timestamps the UI shows.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/kube/objects/json_fields.hpp"

namespace flinktop::kube {

struct OwnerReference {
  std::string kind;
  std::string name;
  std::string uid;
  bool controller = false;
};

struct ObjectMeta {
  std::string name;
  std::string namespace_;
  std::string uid;
  std::string resource_version;
  Timestamp creation_timestamp{};               // epoch when missing
  std::optional<Timestamp> deletion_timestamp;  // set while the object is being deleted
  std::int64_t generation = 0;
  std::map<std::string, std::string> labels;
  std::vector<OwnerReference> owner_references;
  // The whole object as the API server sent it (compact JSON, metadata.managedFields dropped),
  // for describe and YAML: raw_json() gives it back. Kept only for the kinds a user can open that
  // way (pods, FlinkDeployments, FlinkSessionJobs), deflated against a dictionary shared by the
  // objects of its kind: a parsed tree would cost several times the text on every pod of a large
  // cluster, the text five times these bytes, and only the one object on screen is ever read.
  // Null for other kinds.
  struct Packed {
    std::string bytes;                             // the text's size (8 bytes, little endian), raw deflate
    std::shared_ptr<const std::string> dictionary;  // what `bytes` was deflated against
  };
  std::shared_ptr<const Packed> raw;

  // The label's value, or "" when absent.
  const std::string& label(const std::string& key) const;
  bool has_label(const std::string& key) const { return labels.find(key) != labels.end(); }
  bool terminating() const { return deletion_timestamp.has_value(); }

  // Reads `metadata` of a whole object (not the metadata object itself).
  static ObjectMeta from_object(const nlohmann::json& object);
  static ObjectMeta from_json(const nlohmann::json& metadata);
  // from_object() plus `raw`; `kind` names the dictionary it shares with its kind ("Pod").
  static ObjectMeta from_object_keeping_raw(const nlohmann::json& object, std::string_view kind);
};

// The object's JSON text kept in `raw`; "" when none was kept (or it does not inflate).
std::string raw_json(const ObjectMeta& meta);

}  // namespace flinktop::kube
