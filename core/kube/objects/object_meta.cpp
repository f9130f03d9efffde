// Decoding of ObjectMeta.
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json.hpp>
#include <zlib.h>

namespace flinktop::kube {

namespace jf = json_fields;

const std::string& ObjectMeta::label(const std::string& key) const {
  static const std::string empty;
  const auto it = labels.find(key);
  return it == labels.end() ? empty : it->second;
}

ObjectMeta ObjectMeta::from_object(const nlohmann::json& object) { return from_json(jf::object(object, "metadata")); }

namespace {

// zlib with a 1 KiB window and the smallest state (~6 KiB, not deflate's default 256 KiB): an object
// is a kilobyte or two, and thousands are deflated while a big list arrives. Stored as the text's
// size (8 bytes, little endian) then the raw deflate stream.
constexpr int kWindowBits = 10;
constexpr int kMemLevel = 1;

std::string deflated(const std::string& text) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, -kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(8 + deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((text.size() >> (8 * i)) & 0xFF);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data() + 8);
  z.avail_out = static_cast<uInt>(out.size() - 8);
  const int rc = deflate(&z, Z_FINISH);
  out.resize(8 + z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return {};
  out.shrink_to_fit();
  return out;
}

}  // namespace

ObjectMeta ObjectMeta::from_object_keeping_raw(const nlohmann::json& object) {
  ObjectMeta meta = from_object(object);
  if (!object.is_object()) return meta;
  const auto metadata = object.find("metadata");
  std::string text;
  if (metadata != object.end() && metadata->is_object() && metadata->contains("managedFields")) {
    nlohmann::json copy = object;
    copy["metadata"].erase("managedFields");  // server bookkeeping: long, and nobody reads it here
    text = copy.dump();
  } else {
    text = object.dump();
  }
  if (std::string packed = deflated(text); !packed.empty()) meta.raw = std::make_shared<const std::string>(std::move(packed));
  return meta;
}

std::string raw_json(const ObjectMeta& meta) {
  if (!meta.raw || meta.raw->size() < 8) return "";
  std::size_t size = 0;
  for (int i = 0; i < 8; ++i) size |= static_cast<std::size_t>(static_cast<unsigned char>((*meta.raw)[static_cast<std::size_t>(i)])) << (8 * i);
  if (size > (std::size_t{1} << 30)) return "";
  std::string text(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -kWindowBits) != Z_OK) return "";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(meta.raw->data() + 8));
  z.avail_in = static_cast<uInt>(meta.raw->size() - 8);
  z.next_out = reinterpret_cast<Bytef*>(text.data());
  z.avail_out = static_cast<uInt>(text.size());
  const int rc = inflate(&z, Z_FINISH);
  const bool whole = rc == Z_STREAM_END && z.total_out == size;
  inflateEnd(&z);
  return whole ? text : "";
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
