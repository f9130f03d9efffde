// RFC 3339 by hand: fixed positions and Howard Hinnant's days_from_civil, because this runs for
// every line of a followed pod and must not allocate or consult the time zone database.
#include "core/logs/log_timestamp.hpp"

#include <fmt/format.h>

namespace flinktop::logs {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) noexcept {
  if (at + count > text.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  value = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// Parses the time at the start of `text`; `used` is how many bytes it took.
std::optional<std::int64_t> parse_prefix(std::string_view text, std::size_t& used) noexcept {
  int year, month, day, hour, minute, second;
  if (text.size() < 20 || !digits(text, 0, 4, year) || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
      !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
      !digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::size_t at = 19;
  std::int64_t fraction = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::size_t count = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (count < 9) fraction = fraction * 10 + (text[at] - '0');
      ++count;
      ++at;
    }
    if (count == 0) return std::nullopt;
    for (std::size_t i = count; i < 9; ++i) fraction *= 10;
  }
  std::int64_t offset_seconds = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int oh, om;
    if (!digits(text, at + 1, 2, oh) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !digits(text, at + 4, 2, om)) {
      return std::nullopt;
    }
    offset_seconds = (oh * 3600 + om * 60) * (text[at] == '+' ? 1 : -1);
    at += 6;
  } else {
    return std::nullopt;
  }
  used = at;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * kNanosPerSecond + fraction;
}

std::string format_seconds_part(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const Civil c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day, rest / 3600,
                     rest / 60 % 60, rest % 60);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339_ns(std::string_view text) noexcept {
  std::size_t used = 0;
  auto ns = parse_prefix(text, used);
  if (!ns || used != text.size()) return std::nullopt;
  return ns;
}

std::string format_rfc3339_ns(std::int64_t ns) {
  const std::int64_t seconds = floor_div(ns, kNanosPerSecond);
  return fmt::format("{}.{:09}Z", format_seconds_part(seconds), ns - seconds * kNanosPerSecond);
}

std::string format_rfc3339_seconds(std::int64_t ns) {
  return format_seconds_part(floor_div(ns, kNanosPerSecond)) + "Z";
}

TimestampedText split_timestamp(std::string_view line) noexcept {
  std::size_t used = 0;
  auto ns = parse_prefix(line, used);
  if (!ns || (used < line.size() && line[used] != ' ')) return {std::nullopt, line};
  return {ns, line.substr(used < line.size() ? used + 1 : used)};
}

LogTime to_log_time(std::int64_t ns) noexcept {
  return LogTime(std::chrono::duration_cast<LogTime::duration>(std::chrono::nanoseconds(ns)));
}

std::int64_t to_ns(LogTime time) noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

}  // namespace flinktop::logs
