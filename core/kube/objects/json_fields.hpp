// Tolerant readers for Kubernetes JSON: a missing field or one of the wrong type yields the default
// instead of an exception, because one odd object in a watch stream must not blind the whole view.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::kube {

using Timestamp = std::chrono::system_clock::time_point;

namespace json_fields {

// The member `key` of `j`, or nullptr when `j` is not an object or has no such member.
const nlohmann::json* find(const nlohmann::json& j, std::string_view key) noexcept;
// The member `key` when it is an object; otherwise an empty object (so lookups can be chained).
const nlohmann::json& object(const nlohmann::json& j, std::string_view key) noexcept;
// The member `key` when it is an array; otherwise an empty array.
const nlohmann::json& array(const nlohmann::json& j, std::string_view key) noexcept;
bool has_object(const nlohmann::json& j, std::string_view key) noexcept;

std::string string(const nlohmann::json& j, std::string_view key, std::string_view fallback = {});
// Integral numbers, and floats with an integral value; anything else is `fallback`.
std::int64_t integer(const nlohmann::json& j, std::string_view key, std::int64_t fallback = 0) noexcept;
std::optional<std::int64_t> optional_integer(const nlohmann::json& j, std::string_view key) noexcept;
bool boolean(const nlohmann::json& j, std::string_view key, bool fallback = false) noexcept;
std::optional<bool> optional_boolean(const nlohmann::json& j, std::string_view key) noexcept;
// Only string values are kept (labels, selectors, clusterInfo).
std::map<std::string, std::string> string_map(const nlohmann::json& j, std::string_view key);
// Flink configuration as the operator's CRDs hold it (spec.flinkConfiguration): flat
// ("state.savepoints.dir": "s3://...") or nested YAML (state: {savepoints: {dir: ...}}), values of
// any scalar type. Flattened to dotted keys, scalars as text.
std::map<std::string, std::string> flink_configuration(const nlohmann::json& j, std::string_view key);
// Only string items are kept.
std::vector<std::string> string_list(const nlohmann::json& j, std::string_view key);

// "2024-05-01T10:20:30Z", "2024-05-01T10:20:30.123456+02:00" (RFC 3339); nullopt if malformed.
std::optional<Timestamp> parse_rfc3339(std::string_view text) noexcept;
// "1714558830123": milliseconds since the epoch, as the operator writes jobStatus.startTime.
std::optional<Timestamp> parse_epoch_millis(std::string_view text) noexcept;
Timestamp from_epoch_millis(std::int64_t millis) noexcept;
// A string field holding an RFC 3339 time.
std::optional<Timestamp> time(const nlohmann::json& j, std::string_view key) noexcept;
// A field that is either epoch millis (number or digit string) or an RFC 3339 string.
std::optional<Timestamp> flexible_time(const nlohmann::json& j, std::string_view key) noexcept;

// Throws Error(Decode) naming `kind` unless `j` is an object.
void require_object(const nlohmann::json& j, std::string_view kind);

}  // namespace json_fields
}  // namespace flinktop::kube
