// sanitize_line: a byte loop with a fast path for runs of printable ASCII (nearly all of a Flink
// log), which are appended whole; everything else is looked at one character at a time.
#include "core/logs/sanitize.hpp"

#include <cstdint>
#include <cstring>

namespace flinktop::logs {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool printable_ascii(unsigned char c) noexcept {
  return c >= 0x20 && c < 0x7F;
}
bool continuation(unsigned char c) noexcept {
  return (c & 0xC0) == 0x80;
}

// Whether all eight bytes of `v` are printable ASCII (0x20..0x7E), tested at once: no high bit,
// no byte below 0x20, no 0x7F (the classic "has a byte less than n" / "has a zero byte" tricks).
bool printable_ascii8(std::uint64_t v) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const std::uint64_t below_space = (v - ones * 0x20) & ~v;
  const std::uint64_t del = v ^ (ones * 0x7F);
  const std::uint64_t is_del = (del - ones) & ~del;
  return ((v | below_space | is_del) & highs) == 0;
}

// Where the run of printable ASCII starting at s[i] ends, eight bytes at a time where it can.
std::size_t printable_run(const unsigned char* s, std::size_t i, std::size_t n) noexcept {
  std::size_t j = i;
  while (j + 8 <= n) {
    std::uint64_t v;
    std::memcpy(&v, s + j, 8);
    if (!printable_ascii8(v)) break;
    j += 8;
  }
  while (j < n && printable_ascii(s[j])) ++j;
  return j;
}

// Length of the valid UTF-8 sequence at s[0..n) (n >= 1, s[0] >= 0x80), or 0 when invalid.
// Overlong forms, surrogates and code points above U+10FFFF are invalid (RFC 3629).
std::size_t utf8_length(const unsigned char* s, std::size_t n) noexcept {
  const unsigned char b = s[0];
  if (b >= 0xC2 && b <= 0xDF) return n >= 2 && continuation(s[1]) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (n < 3 || !continuation(s[2])) return 0;
    const unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = b == 0xED ? 0x9F : 0xBF;
    return s[1] >= lo && s[1] <= hi ? 3 : 0;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (n < 4 || !continuation(s[2]) || !continuation(s[3])) return 0;
    const unsigned char lo = b == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;
    return s[1] >= lo && s[1] <= hi ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::size_t sanitize_line(std::string_view raw, std::string& out, const SanitizeOptions& options) {
  const auto* s = reinterpret_cast<const unsigned char*>(raw.data());
  const std::size_t n = raw.size();
  const std::size_t limit = out.size() + options.max_bytes;
  std::size_t column = 0;
  std::size_t i = 0;
  // Appends `piece` when it fits; otherwise the line is cut before the character at i.
  auto fits = [&](std::size_t bytes) { return out.size() + bytes <= limit; };

  while (i < n) {
    const std::size_t j = printable_run(s, i, n);
    if (j > i) {
      const std::size_t room = limit - out.size();
      const std::size_t take = j - i < room ? j - i : room;
      out.append(raw.data() + i, take);
      column += take;
      i += take;
      if (i < j) return n - i;
      continue;
    }
    const unsigned char c = s[i];
    if (c == '\t') {
      const std::size_t width = options.tab_width > 0
                                    ? static_cast<std::size_t>(options.tab_width) - column % options.tab_width
                                    : 1;
      if (!fits(width)) return n - i;
      out.append(width, ' ');
      column += width;
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      if (!fits(2)) return n - i;
      out.push_back('^');
      out.push_back(c == 0x7F ? '?' : static_cast<char>(c + 0x40));
      column += 2;
      ++i;
    } else {
      const std::size_t length = utf8_length(s + i, n - i);
      // U+0080..U+009F (C2 80..C2 9F) are the C1 controls: CSI (U+009B) moves a cursor too.
      const bool c1 = length == 2 && c == 0xC2 && s[i + 1] <= 0x9F;
      if (length == 0 || c1) {
        if (!fits(kReplacement.size())) return n - i;
        out.append(kReplacement);
        i += length == 0 ? 1 : length;
      } else {
        if (!fits(length)) return n - i;
        out.append(raw.data() + i, length);
        i += length;
      }
      ++column;
    }
  }
  return 0;
}

std::string sanitized(std::string_view raw, const SanitizeOptions& options) {
  std::string out;
  sanitize_line(raw, out, options);
  return out;
}

}  // namespace flinktop::logs
