#include "core/text/age.hpp"

#include <ctime>

#include <fmt/format.h>

namespace flinktop::text {

std::string human_duration(std::chrono::seconds duration) {
  // kubectl's HumanDuration: two units while they are informative, one once they are not.
  const long long s = std::max<long long>(0, duration.count());
  const long long m = s / 60, h = s / 3600, d = s / 86400, y = d / 365;
  if (s < 120) return fmt::format("{}s", s);
  if (m < 10) return s % 60 ? fmt::format("{}m{}s", m, s % 60) : fmt::format("{}m", m);
  if (m < 180) return fmt::format("{}m", m);
  if (h < 8) return m % 60 ? fmt::format("{}h{}m", h, m % 60) : fmt::format("{}h", h);
  if (h < 48) return fmt::format("{}h", h);
  if (h < 24 * 8) return h % 24 ? fmt::format("{}d{}h", d, h % 24) : fmt::format("{}d", d);
  if (d < 365 * 2) return fmt::format("{}d", d);
  if (d < 365 * 8) return d % 365 ? fmt::format("{}y{}d", y, d % 365) : fmt::format("{}y", y);
  return fmt::format("{}y", y);
}

std::string age(std::chrono::system_clock::time_point since, std::chrono::system_clock::time_point now) {
  if (since == std::chrono::system_clock::time_point{}) return "";
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - since));
}

std::chrono::system_clock::time_point age_changes_at(std::chrono::system_clock::time_point since,
                                                     std::chrono::system_clock::time_point now) {
  using std::chrono::seconds;
  if (since == std::chrono::system_clock::time_point{}) return std::chrono::system_clock::time_point::max();
  const long long s = std::chrono::duration_cast<seconds>(now - since).count();
  if (s < 0) return since + seconds(1);  // "0s" until the clock catches up
  // The unit human_duration shows last, for this age: the text changes when that unit ticks.
  long long unit = 1;
  if (s >= 600) unit = 60;
  if (s >= 8 * 3600) unit = 3600;
  if (s >= 8 * 86400) unit = 86400;
  return since + seconds((s / unit + 1) * unit);
}

std::string rfc3339(std::chrono::system_clock::time_point time) {
  if (time == std::chrono::system_clock::time_point{}) return "";
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer, n);
}

}  // namespace flinktop::text
