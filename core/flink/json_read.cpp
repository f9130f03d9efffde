#include "core/flink/json_read.hpp"

#include <cmath>
#include <cstdlib>

namespace flinktop::flink::json_read {

namespace {
const json kEmptyObject = json::object();
const json kEmptyArray = json::array();
}  // namespace

const json* find(const json& j, std::string_view key) noexcept {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

const json* find_any(const json& j, std::initializer_list<std::string_view> keys) noexcept {
  for (std::string_view key : keys) {
    if (const json* v = find(j, key)) return v;
  }
  return nullptr;
}

const json& object(const json& j, std::string_view key) noexcept {
  const json* v = find(j, key);
  return v && v->is_object() ? *v : kEmptyObject;
}

const json& array(const json& j, std::string_view key) noexcept {
  const json* v = find(j, key);
  return v && v->is_array() ? *v : kEmptyArray;
}

std::string string(const json& j, std::string_view key, std::string_view fallback) {
  const json* v = find(j, key);
  if (v && v->is_string()) return v->get<std::string>();
  return std::string(fallback);
}

std::string string_any(const json& j, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    const json* v = find(j, key);
    if (v && v->is_string()) return v->get<std::string>();
  }
  return {};
}

std::optional<std::int64_t> optional_integer(const json& j, std::string_view key) noexcept {
  const json* v = find(j, key);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned()) {
      auto u = v->get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<std::int64_t>(u);
    }
    return v->get<std::int64_t>();
  }
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.2e18) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::int64_t integer(const json& j, std::string_view key, std::int64_t fallback) noexcept {
  return optional_integer(j, key).value_or(fallback);
}

std::optional<double> parse_number(std::string_view text) noexcept {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 64) return std::nullopt;
  char buffer[65];
  text.copy(buffer, text.size());
  buffer[text.size()] = '\0';
  char* end = nullptr;
  double value = std::strtod(buffer, &end);
  if (end != buffer + text.size()) return std::nullopt;
  return value;
}

std::optional<double> optional_number(const json& j, std::string_view key) noexcept {
  const json* v = find(j, key);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_string()) return parse_number(v->get_ref<const std::string&>());
  return std::nullopt;
}

double number(const json& j, std::string_view key, double fallback) noexcept {
  return optional_number(j, key).value_or(fallback);
}

bool boolean(const json& j, std::string_view key, bool fallback) noexcept {
  const json* v = find(j, key);
  return v && v->is_boolean() ? v->get<bool>() : fallback;
}

std::map<std::string, std::int64_t> integer_map(const json& j, std::string_view key) {
  std::map<std::string, std::int64_t> out;
  const json& o = object(j, key);
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (auto n = optional_integer(o, it.key())) out[it.key()] = *n;
  }
  return out;
}

}  // namespace flinktop::flink::json_read
