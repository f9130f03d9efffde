// The time Kubernetes puts before each line with `timestamps=true` ("2026-05-01T10:00:00.123456789Z ",
// RFC 3339 with up to nine fraction digits, trailing zeros trimmed) — read without allocating, and
// written back for `sinceTime` and for `--timestamps` output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/logs/log_line.hpp"

namespace flinktop::logs {

// Nanoseconds since the epoch of an RFC 3339 time ("Z" or "+hh:mm"), or nullopt.
std::optional<std::int64_t> parse_rfc3339_ns(std::string_view text) noexcept;

// "2026-05-01T10:00:00.123456789Z": always nine fraction digits, so the column stays aligned.
std::string format_rfc3339_ns(std::int64_t ns);
// "2026-05-01T10:00:00Z": whole seconds (what the API server's sinceTime keeps).
std::string format_rfc3339_seconds(std::int64_t ns);

struct TimestampedText {
  std::optional<std::int64_t> ns;  // nullopt when the line has no (valid) timestamp prefix
  std::string_view text;           // the line after the timestamp and its one space
};

// Splits "<RFC 3339> <text>"; a line without a valid prefix is returned whole.
TimestampedText split_timestamp(std::string_view line) noexcept;

LogTime to_log_time(std::int64_t ns) noexcept;
std::int64_t to_ns(LogTime time) noexcept;

}  // namespace flinktop::logs
