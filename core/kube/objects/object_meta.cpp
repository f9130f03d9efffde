// Decoding of ObjectMeta.
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <map>
#include <mutex>

namespace flinktop::kube {

namespace jf = json_fields;

const std::string& ObjectMeta::label(const std::string& key) const {
  static const std::string empty;
  const auto it = labels.find(key);
  return it == labels.end() ? empty : it->second;
}

ObjectMeta ObjectMeta::from_object(const nlohmann::json& object) { return from_json(jf::object(object, "metadata")); }

namespace {

// zlib with an 8 KiB window and a small state (~40 KiB, not deflate's default 256 KiB): thousands
// of objects are deflated while a big list arrives. Each is deflated against a dictionary: the text
// of the first object of its kind this process kept. Objects of a kind share most of their text
// (keys, images, labels, resources), so what is stored is mostly what differs — a demo pod of 1 KB
// keeps ~130 bytes rather than ~550 deflated alone. Stored as the text's size (8 bytes, little
// endian) then the raw deflate stream.
constexpr int kWindowBits = 13;
constexpr int kMemLevel = 2;

std::shared_ptr<const std::string> dictionary_for(std::string_view kind, const std::string& text) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const std::string>, std::less<>> dictionaries;
  std::lock_guard lock(mutex);
  if (const auto it = dictionaries.find(kind); it != dictionaries.end()) return it->second;
  constexpr std::size_t kWindow = std::size_t{1} << kWindowBits;  // deflate reads no further back
  auto dictionary = std::make_shared<const std::string>(text.size() > kWindow ? text.substr(text.size() - kWindow) : text);
  dictionaries.emplace(std::string(kind), dictionary);
  return dictionary;
}

std::string deflated(const std::string& text, const std::string& dictionary) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, -kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  if (deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size())) !=
      Z_OK) {
    deflateEnd(&z);
    return {};
  }
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

ObjectMeta ObjectMeta::from_object_keeping_raw(const nlohmann::json& object, std::string_view kind) {
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
  auto dictionary = dictionary_for(kind, text);
  if (std::string packed = deflated(text, *dictionary); !packed.empty()) {
    meta.raw = std::make_shared<const Packed>(Packed{std::move(packed), std::move(dictionary)});
  }
  return meta;
}

std::string raw_json(const ObjectMeta& meta) {
  if (!meta.raw || meta.raw->bytes.size() < 8 || !meta.raw->dictionary) return "";
  const std::string& bytes = meta.raw->bytes;
  const std::string& dictionary = *meta.raw->dictionary;
  std::size_t size = 0;
  for (int i = 0; i < 8; ++i) size |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)])) << (8 * i);
  if (size > (std::size_t{1} << 30)) return "";
  std::string text(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -kWindowBits) != Z_OK) return "";
  bool whole = inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                                    static_cast<uInt>(dictionary.size())) == Z_OK;
  if (whole) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + 8));
    z.avail_in = static_cast<uInt>(bytes.size() - 8);
    z.next_out = reinterpret_cast<Bytef*>(text.data());
    z.avail_out = static_cast<uInt>(text.size());
    const int rc = inflate(&z, Z_FINISH);
    whole = rc == Z_STREAM_END && z.total_out == size;
  }
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
