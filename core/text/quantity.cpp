#include "core/text/quantity.hpp"

#include <fmt/format.h>

#include "core/text/age.hpp"

namespace flinktop::text {

std::string age_from_millis(std::int64_t epoch_ms, std::chrono::system_clock::time_point now) {
  if (epoch_ms <= 0) return "";
  return age(std::chrono::system_clock::time_point(std::chrono::milliseconds(epoch_ms)), now);
}

std::string duration_from_millis(std::int64_t ms) {
  if (ms < 0) return "";
  if (ms < 1000) return fmt::format("{}ms", ms);
  if (ms < 10'000) return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  return human_duration(std::chrono::seconds(ms / 1000));
}

std::string bytes(std::int64_t value) {
  if (value < 0) return "";
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(value);
  int unit = 0;
  while (v >= 1024.0 && unit < 5) {
    v /= 1024.0;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", value) : fmt::format("{:.1f} {}", v, units[unit]);
}

std::string count(std::int64_t value) {
  if (value < 1000) return std::to_string(value);
  if (value < 1'000'000) return fmt::format("{:.1f}k", static_cast<double>(value) / 1e3);
  if (value < 1'000'000'000) return fmt::format("{:.1f}M", static_cast<double>(value) / 1e6);
  return fmt::format("{:.1f}G", static_cast<double>(value) / 1e9);
}

}  // namespace flinktop::text
