#include "core/kube/yaml_json.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/error.hpp"

namespace flinktop::kube {

namespace {

// YAML 1.2 core schema, the resolution Kubernetes' YAML reader (sigs.k8s.io/yaml) gives plain
// scalars. Anything else is a string.
nlohmann::json plain_scalar(const std::string& s) {
  static const std::regex kNull("null|Null|NULL|~|");
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kDecimal("[-+]?[0-9]+");
  static const std::regex kOctal("0o[0-7]+");
  static const std::regex kHex("0x[0-9a-fA-F]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  static const std::regex kInfinity(R"([-+]?\.(inf|Inf|INF))");
  static const std::regex kNan(R"(\.(nan|NaN|NAN))");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kTrue)) return true;
  if (std::regex_match(s, kFalse)) return false;
  auto integer = [&](const char* digits, int base) -> nlohmann::json {
    errno = 0;
    char* end = nullptr;
    if (s[0] == '-') {
      const long long v = std::strtoll(digits, &end, base);
      if (errno == 0 && *end == '\0') return v;
    } else {
      const unsigned long long v = std::strtoull(digits, &end, base);
      if (errno == 0 && *end == '\0') {
        if (v <= static_cast<unsigned long long>(INT64_MAX)) return static_cast<std::int64_t>(v);
        return v;
      }
    }
    return std::strtod(s.c_str(), nullptr);  // too big for 64 bits: a float, as Go reads it
  };
  if (std::regex_match(s, kDecimal)) return integer(s.c_str() + (s[0] == '+' ? 1 : 0), 10);
  if (std::regex_match(s, kOctal)) return integer(s.c_str() + 2, 8);
  if (std::regex_match(s, kHex)) return integer(s.c_str() + 2, 16);
  // JSON has no infinity or NaN: the API server could not take them either; keep the text.
  if (std::regex_match(s, kInfinity) || std::regex_match(s, kNan)) return s;
  if (std::regex_match(s, kFloat)) return std::strtod(s.c_str(), nullptr);
  return s;
}

// Text a YAML reader would take for something else ("true", "1.20", "0x1F", "null", "") keeps
// its quotes; so do YAML 1.1's yes/no/on/off, which older readers take for booleans. yaml-cpp
// quotes by itself what cannot be plain at all (": ", a leading "-", ...).
bool needs_quotes(const std::string& s) {
  if (!plain_scalar(s).is_string()) return true;
  bool b;
  return YAML::convert<bool>::decode(YAML::Node(s), b);
}

// A "|" block reads back with exactly one final newline ("clip"), and yaml-cpp writes no
// indentation or chomping indicators: the text must end in one newline and start with a
// character that is not a space. Anything else is written double-quoted, with escapes, so that
// it reads back as it was (an edit must not change what the user did not touch).
bool literal_block(const std::string& s) {
  const std::size_t n = s.size();
  if (n < 2 || s[n - 1] != '\n' || s[n - 2] == '\n') return false;
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') return false;
  return s.find_first_of("\r\t") == std::string::npos;
}

void emit(YAML::Emitter& out, const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      if (j.empty()) out << YAML::Flow;  // "labels: {}" on one line
      out << YAML::BeginMap;
      for (const auto& [key, value] : j.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      if (j.empty()) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& value : j) emit(out, value);
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      if (literal_block(s)) {
        out << YAML::Literal << s;
      } else if (needs_quotes(s)) {
        out << YAML::DoubleQuoted << s;
      } else {
        out << s;
      }
      break;
    }
    case nlohmann::json::value_t::boolean: out << j.get<bool>(); break;
    case nlohmann::json::value_t::number_integer: out << j.get<std::int64_t>(); break;
    case nlohmann::json::value_t::number_unsigned: out << j.get<std::uint64_t>(); break;
    case nlohmann::json::value_t::number_float: out << j.dump(); break;  // JSON's shortest round-trip form
    default: out << YAML::Null; break;
  }
}

}  // namespace

nlohmann::json without_managed_fields(nlohmann::json object) {
  if (object.is_object() && object.contains("metadata") && object["metadata"].is_object()) {
    object["metadata"].erase("managedFields");
  }
  return object;
}

std::string object_yaml(const nlohmann::json& object) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::Block;
  emit(out, without_managed_fields(object));
  return out.c_str();
}

namespace {

[[noreturn]] void fail_at(const YAML::Mark& mark, const std::string& what) {
  if (mark.is_null()) throw Error(ErrorKind::Decode, what);
  throw Error(ErrorKind::Decode, fmt::format("line {}, column {}: {}", mark.line + 1, mark.column + 1, what));
}

// Aliases can make a small document expand without end ("billion laughs"): no manifest is this
// deep or this big.
constexpr int kMaxDepth = 100;
constexpr std::size_t kMaxNodes = 100'000;

nlohmann::json to_json(const YAML::Node& node, int depth, std::size_t& nodes) {
  if (depth > kMaxDepth) fail_at(node.Mark(), fmt::format("nested more than {} levels deep", kMaxDepth));
  if (++nodes > kMaxNodes) fail_at(node.Mark(), fmt::format("more than {} values (aliases expanding?)", kMaxNodes));
  switch (node.Type()) {
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Undefined: return nullptr;
    case YAML::NodeType::Scalar:
      // "!" is the tag of a quoted or block scalar: a string whatever it spells.
      return node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" ? nlohmann::json(node.Scalar())
                                                                        : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const YAML::Node& item : node) out.push_back(to_json(item, depth + 1, nodes));
      return out;
    }
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) fail_at(entry.first.Mark(), "a key must be a plain value, not a list or a map");
        const std::string key = entry.first.Scalar();
        if (out.contains(key)) fail_at(entry.first.Mark(), fmt::format("key \"{}\" appears twice", key));
        out[key] = to_json(entry.second, depth + 1, nodes);
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace

nlohmann::json yaml_to_json(std::string_view text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    fail_at(e.mark, e.msg);
  }
  if (documents.size() > 1) fail_at(documents[1].Mark(), "more than one document (---): give one object");
  if (documents.empty()) return nullptr;
  std::size_t nodes = 0;
  return to_json(documents[0], 0, nodes);
}

}  // namespace flinktop::kube
