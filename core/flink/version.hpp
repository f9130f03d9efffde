// The Flink version a cluster runs, as /config and /overview report it ("1.20.1", "2.1.0",
// "1.20-SNAPSHOT"), and the questions the client asks of it (which REST shapes to expect).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace flinktop::flink {

struct FlinkVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::string qualifier;  // "SNAPSHOT", "preview1", ... (after the first '-'); empty for a release

  bool at_least(int want_major, int want_minor, int want_patch = 0) const noexcept;
  // "1.20.1", "1.20-SNAPSHOT" style: the patch is shown only when the source had one or it is not 0.
  std::string to_string() const;

  // Orders by major, minor, patch; the qualifier is ignored (a SNAPSHOT speaks its release's API).
  friend std::strong_ordering operator<=>(const FlinkVersion& a, const FlinkVersion& b) noexcept {
    if (auto c = a.major <=> b.major; c != 0) return c;
    if (auto c = a.minor <=> b.minor; c != 0) return c;
    return a.patch <=> b.patch;
  }
  friend bool operator==(const FlinkVersion& a, const FlinkVersion& b) noexcept {
    return (a <=> b) == std::strong_ordering::equal;
  }
};

// nullopt for anything that does not start with MAJOR.MINOR (e.g. "", "<unknown>", "latest").
std::optional<FlinkVersion> parse_flink_version(std::string_view text);

}  // namespace flinktop::flink
