#include "core/flink/version.hpp"

#include <charconv>

namespace flinktop::flink {

namespace {

// Reads a run of digits at `pos`; advances `pos`. nullopt when there is none or it overflows.
std::optional<int> read_number(std::string_view text, std::size_t& pos) {
  std::size_t end = pos;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == pos || end - pos > 6) return std::nullopt;
  int value = 0;
  std::from_chars(text.data() + pos, text.data() + end, value);
  pos = end;
  return value;
}

}  // namespace

bool FlinkVersion::at_least(int want_major, int want_minor, int want_patch) const noexcept {
  return *this >= FlinkVersion{want_major, want_minor, want_patch, {}};
}

std::string FlinkVersion::to_string() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor);
  if (patch != 0 || qualifier.empty()) out += "." + std::to_string(patch);
  if (!qualifier.empty()) out += "-" + qualifier;
  return out;
}

std::optional<FlinkVersion> parse_flink_version(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == 'v')) text.remove_prefix(1);
  std::size_t pos = 0;
  FlinkVersion v;
  auto major = read_number(text, pos);
  if (!major || pos >= text.size() || text[pos] != '.') return std::nullopt;
  ++pos;
  auto minor = read_number(text, pos);
  if (!minor) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t after_dot = pos + 1;
    if (auto patch = read_number(text, after_dot)) {
      v.patch = *patch;
      pos = after_dot;
    }
  }
  if (pos < text.size()) {
    // "-SNAPSHOT", "-preview1", "-rc1"; anything else after the numbers (" @ commit") is not ours.
    if (text[pos] != '-') return v;
    std::size_t end = text.find_first_of(" \t", pos + 1);
    v.qualifier = std::string(text.substr(pos + 1, end == std::string_view::npos ? end : end - pos - 1));
  }
  return v;
}

}  // namespace flinktop::flink
