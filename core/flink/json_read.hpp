// Tolerant readers for Flink's REST JSON: a missing member, a null or one of another type yields
// the default instead of an exception. Flink's shapes drift between versions (renamed, added and
// removed fields), and one odd field must not cost the user the whole view.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::flink::json_read {

using nlohmann::json;

// The member `key` of `j`, or nullptr when `j` is not an object, has no such member, or it is null.
const json* find(const json& j, std::string_view key) noexcept;
// The first of `keys` that is present (for renamed fields: new name first, then old ones).
const json* find_any(const json& j, std::initializer_list<std::string_view> keys) noexcept;
// The member when it is an object / array; otherwise a static empty one (lookups chain safely).
const json& object(const json& j, std::string_view key) noexcept;
const json& array(const json& j, std::string_view key) noexcept;

std::string string(const json& j, std::string_view key, std::string_view fallback = {});
std::string string_any(const json& j, std::initializer_list<std::string_view> keys);
// Integral numbers, and floats with an integral value (Flink writes 4.0 for some counts).
std::int64_t integer(const json& j, std::string_view key, std::int64_t fallback = 0) noexcept;
std::optional<std::int64_t> optional_integer(const json& j, std::string_view key) noexcept;
// Any number, or a string holding one ("0.25", metric values); `fallback` otherwise.
double number(const json& j, std::string_view key, double fallback = 0) noexcept;
std::optional<double> optional_number(const json& j, std::string_view key) noexcept;
bool boolean(const json& j, std::string_view key, bool fallback = false) noexcept;
// Members whose values are integral numbers (task counts by state, timestamps by status).
std::map<std::string, std::int64_t> integer_map(const json& j, std::string_view key);

// A string that holds a number: "34", "0.019614", "1.7E12", "NaN". nullopt if it is not one.
std::optional<double> parse_number(std::string_view text) noexcept;

}  // namespace flinktop::flink::json_read
