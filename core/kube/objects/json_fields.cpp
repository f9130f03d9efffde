// Tolerant field readers and the two time encodings Kubernetes and the Flink operator use.
#include "core/kube/objects/json_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace flinktop::kube::json_fields {

namespace {

const nlohmann::json& empty_object() {
  static const nlohmann::json value = nlohmann::json::object();
  return value;
}

const nlohmann::json& empty_array() {
  static const nlohmann::json value = nlohmann::json::array();
  return value;
}

std::optional<std::int64_t> as_integer(const nlohmann::json& v) noexcept {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    // 2^63 is exactly representable; anything at or beyond it would overflow the cast.
    if (!std::isfinite(d) || d != std::trunc(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
      return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

// Parses exactly `width` digits at text[pos]; advances pos.
bool digits(std::string_view text, std::size_t& pos, int width, int& out) noexcept {
  if (pos + static_cast<std::size_t>(width) > text.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    const char c = text[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(width);
  out = value;
  return true;
}

}  // namespace

const nlohmann::json* find(const nlohmann::json& j, std::string_view key) noexcept {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

const nlohmann::json& object(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  return v != nullptr && v->is_object() ? *v : empty_object();
}

const nlohmann::json& array(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  return v != nullptr && v->is_array() ? *v : empty_array();
}

bool has_object(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  return v != nullptr && v->is_object();
}

std::string string(const nlohmann::json& j, std::string_view key, std::string_view fallback) {
  const auto* v = find(j, key);
  if (v != nullptr && v->is_string()) return v->get_ref<const std::string&>();
  return std::string(fallback);
}

std::int64_t integer(const nlohmann::json& j, std::string_view key, std::int64_t fallback) noexcept {
  return optional_integer(j, key).value_or(fallback);
}

std::optional<std::int64_t> optional_integer(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  return v == nullptr ? std::nullopt : as_integer(*v);
}

bool boolean(const nlohmann::json& j, std::string_view key, bool fallback) noexcept {
  return optional_boolean(j, key).value_or(fallback);
}

std::optional<bool> optional_boolean(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  if (v != nullptr && v->is_boolean()) return v->get<bool>();
  return std::nullopt;
}

std::map<std::string, std::string> string_map(const nlohmann::json& j, std::string_view key) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : object(j, key).items()) {
    if (v.is_string()) out.emplace(k, v.get_ref<const std::string&>());
  }
  return out;
}

namespace {
void flatten_into(const nlohmann::json& value, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) flatten_into(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (value.is_string()) {
    out[prefix] = value.get_ref<const std::string&>();
  } else if (value.is_number() || value.is_boolean()) {
    out[prefix] = value.dump();
  }
}
}  // namespace

std::map<std::string, std::string> flink_configuration(const nlohmann::json& j, std::string_view key) {
  std::map<std::string, std::string> out;
  flatten_into(object(j, key), "", out);
  return out;
}

std::vector<std::string> string_list(const nlohmann::json& j, std::string_view key) {
  std::vector<std::string> out;
  const auto& items = array(j, key);
  out.reserve(items.size());
  for (const auto& v : items) {
    if (v.is_string()) out.push_back(v.get_ref<const std::string&>());
  }
  return out;
}

std::optional<Timestamp> parse_rfc3339(std::string_view text) noexcept {
  using namespace std::chrono;
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  auto expect = [&](char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  if (!digits(text, pos, 4, y) || !expect('-') || !digits(text, pos, 2, mo) || !expect('-') ||
      !digits(text, pos, 2, d))
    return std::nullopt;
  if (!(expect('T') || expect('t') || expect(' '))) return std::nullopt;
  if (!digits(text, pos, 2, h) || !expect(':') || !digits(text, pos, 2, mi) || !expect(':') ||
      !digits(text, pos, 2, s))
    return std::nullopt;
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::int64_t nanos = 0;
  if (expect('.')) {
    int count = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (count < 9) nanos = nanos * 10 + (text[pos] - '0');
      ++count;
      ++pos;
    }
    if (count == 0) return std::nullopt;
    for (int i = count; i < 9; ++i) nanos *= 10;
  }
  int offset_minutes = 0;
  if (expect('Z') || expect('z')) {
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!digits(text, pos, 2, oh) || !expect(':') || !digits(text, pos, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  // Outside 1678..2261 the nanosecond clock overflows; such times (e.g. Go's zero time) mean "unknown".
  if (!date.ok() || y < 1678 || y > 2261) return std::nullopt;
  const auto t = sys_days{date} + hours{h} + minutes{mi} + seconds{s} - minutes{offset_minutes};
  return time_point_cast<system_clock::duration>(t + nanoseconds{nanos});
}

Timestamp from_epoch_millis(std::int64_t millis) noexcept {
  // The clock counts nanoseconds in 64 bits (±292 years): clamp instead of overflowing.
  constexpr std::int64_t kLimit = 9'000'000'000'000'000;
  millis = std::clamp(millis, -kLimit, kLimit);
  return Timestamp{std::chrono::duration_cast<Timestamp::duration>(std::chrono::milliseconds{millis})};
}

std::optional<Timestamp> parse_epoch_millis(std::string_view text) noexcept {
  if (text.empty() || text.size() > 18) return std::nullopt;  // 18 digits cannot overflow int64
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return from_epoch_millis(value);
}

std::optional<Timestamp> time(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return parse_rfc3339(v->get_ref<const std::string&>());
}

std::optional<Timestamp> flexible_time(const nlohmann::json& j, std::string_view key) noexcept {
  const auto* v = find(j, key);
  if (v == nullptr) return std::nullopt;
  if (const auto n = as_integer(*v)) return from_epoch_millis(*n);
  if (!v->is_string()) return std::nullopt;
  const auto& s = v->get_ref<const std::string&>();
  if (auto t = parse_epoch_millis(s)) return t;
  return parse_rfc3339(s);
}

void require_object(const nlohmann::json& j, std::string_view kind) {
  if (!j.is_object()) {
    throw Error(ErrorKind::Decode,
                std::string("cannot read ") + std::string(kind) + ": expected a JSON object, got " + j.type_name());
  }
}

}  // namespace flinktop::kube::json_fields
