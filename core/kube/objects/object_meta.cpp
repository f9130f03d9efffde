// Decoding of ObjectMeta.
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

const std::string& ObjectMeta::label(const std::string& key) const {
  static const std::string empty;
  const auto it = labels.find(key);
  return it == labels.end() ? empty : it->second;
}

ObjectMeta ObjectMeta::from_object(const nlohmann::json& object) { return from_json(jf::object(object, "metadata")); }

ObjectMeta ObjectMeta::from_object_keeping_raw(const nlohmann::json& object) {
  ObjectMeta meta = from_object(object);
  if (!object.is_object()) return meta;
  const auto metadata = object.find("metadata");
  if (metadata != object.end() && metadata->is_object() && metadata->contains("managedFields")) {
    nlohmann::json copy = object;
    copy["metadata"].erase("managedFields");  // server bookkeeping: long, and nobody reads it here
    meta.raw = std::make_shared<const std::string>(copy.dump());
  } else {
    meta.raw = std::make_shared<const std::string>(object.dump());
  }
  return meta;
}

ObjectMeta ObjectMeta::from_json(const nlohmann::json& m) {
  ObjectMeta meta;
  meta.name = jf::string(m, "name");
  meta.namespace_ = jf::string(m, "namespace");
  meta.uid = jf::string(m, "uid");
  meta.resource_version = jf::string(m, "resourceVersion");
  meta.creation_timestamp = jf::time(m, "creationTimestamp").value_or(Timestamp{});
  meta.deletion_timestamp = jf::time(m, "deletionTimestamp");
  if (!meta.deletion_timestamp && jf::find(m, "deletionTimestamp") != nullptr &&
      jf::find(m, "deletionTimestamp")->is_string()) {
    // Being deleted even if the time is unreadable: that fact matters more than the time.
    meta.deletion_timestamp = Timestamp{};
  }
  meta.generation = jf::integer(m, "generation");
  meta.labels = jf::string_map(m, "labels");
  for (const auto& o : jf::array(m, "ownerReferences")) {
    if (!o.is_object()) continue;
    meta.owner_references.push_back(
        {jf::string(o, "kind"), jf::string(o, "name"), jf::string(o, "uid"), jf::boolean(o, "controller")});
  }
  return meta;
}

}  // namespace flinktop::kube
