#include "tui/views/object_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace flinktop::tui {

namespace {

// Text YAML would read as something else ("true", "1.20", "null", "") must keep its quotes.
bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  try {
    const YAML::Node node = YAML::Load(s);
    if (!node.IsScalar()) return true;
    bool b;
    double d;
    if (YAML::convert<bool>::decode(node, b) || YAML::convert<double>::decode(node, d)) return true;
    return s == "~" || s == "null" || s == "Null" || s == "NULL";
  } catch (const YAML::Exception&) {
    return true;
  }
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
      if (s.find('\n') != std::string::npos) {
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

std::string object_yaml(const nlohmann::json& object) {
  nlohmann::json copy = object;
  if (copy.is_object() && copy.contains("metadata") && copy["metadata"].is_object()) {
    copy["metadata"].erase("managedFields");
  }
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::Block;
  emit(out, copy);
  return out.c_str();
}

}  // namespace flinktop::tui
