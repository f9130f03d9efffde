// core/logs/sanitize: nothing a log line holds may reach the terminal as a control sequence, and
// every output is valid UTF-8 of bounded size.
#include "core/logs/sanitize.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace flinktop::logs {
namespace {

// True when `text` is valid UTF-8 without C0/C1 controls or DEL: safe to hand to a terminal.
bool terminal_safe(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = s[i];
    if (c < 0x20 || c == 0x7F) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
    }
    if (n == 2 && c == 0xC2 && s[i + 1] <= 0x9F) return false;  // C1
    i += n;
  }
  return true;
}

TEST(LogSanitize, PrintableAsciiAndUtf8PassUnchanged) {
  const std::string text = "2026-01-01 12:00:00,123 INFO  org.apache.flink [] - Größe 日本 🚀 ok";
  EXPECT_EQ(sanitized(text), text);
}

TEST(LogSanitize, EscapeSequencesBecomeVisibleCaretText) {
  EXPECT_EQ(sanitized("\x1b[31mred\x1b[0m"), "^[[31mred^[[0m");
  EXPECT_EQ(sanitized("\x1b]0;pwned title\x07 after"), "^[]0;pwned title^G after");
  EXPECT_EQ(sanitized("\x1b[2J\x1b[H"), "^[[2J^[[H");
  EXPECT_EQ(sanitized(std::string("a\0b", 3)), "a^@b");
  EXPECT_EQ(sanitized("progress\r50%\rdone"), "progress^M50%^Mdone");
  EXPECT_EQ(sanitized("bell\x07 del\x7f"), "bell^G del^?");
  EXPECT_EQ(sanitized("back\bspace"), "back^Hspace");
}

TEST(LogSanitize, ControlsAnywhereInAnEightByteWordAreFound) {
  // The printable-ASCII fast path looks at eight bytes at a time: a control in any position of a
  // word, or in the tail after the last whole word, must still be caught.
  for (std::size_t at = 0; at < 20; ++at) {
    for (char control : {'\x1b', '\x7f', '\x00', '\x1f', '\x80'}) {
      std::string raw(20, 'a');
      raw[at] = control;
      const std::string out = sanitized(raw);
      ASSERT_TRUE(terminal_safe(out)) << "at " << at << " byte " << int(static_cast<unsigned char>(control));
      ASSERT_GT(out.size(), raw.size()) << "at " << at;  // the control became two or three bytes
    }
  }
  EXPECT_EQ(sanitized("~~~~~~~~ !!!!!!!"), "~~~~~~~~ !!!!!!!");  // 0x7E and 0x20 are printable
}

TEST(LogSanitize, C1ControlsAndInvalidUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(sanitized("\xc2\x9b"
                      "31m"),
            "\xEF\xBF\xBD"
            "31m");  // CSI as a code point
  EXPECT_EQ(sanitized("\x9b"
                      "31m"),
            "\xEF\xBF\xBD"
            "31m");                                                              // CSI as a raw byte
  EXPECT_EQ(sanitized("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(sanitized("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(sanitized("cut \xe6\x97"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");          // truncated sequence
  EXPECT_EQ(sanitized("\xf4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // > U+10FFFF
  EXPECT_EQ(sanitized("\xc2\xa0nbsp"), "\xc2\xa0nbsp");  // U+00A0 is not a control
}

TEST(LogSanitize, TabsExpandToTabStops) {
  EXPECT_EQ(sanitized("\tat org.Foo"), "        at org.Foo");
  EXPECT_EQ(sanitized("ab\tc"), "ab      c");
  EXPECT_EQ(sanitized("日\tx"), "日       x");  // columns are characters, not bytes
  EXPECT_EQ(sanitized("\tat x", {.max_bytes = 100, .tab_width = 4}), "    at x");
  EXPECT_EQ(sanitized("a\tb", {.max_bytes = 100, .tab_width = 0}), "a b");
}

TEST(LogSanitize, AMegabyteLineIsCutAtTheLimitOnACharacterBoundary) {
  std::string line(1024 * 1024, 'x');
  std::string out;
  const std::size_t cut = sanitize_line(line, out, {.max_bytes = 1000, .tab_width = 8});
  EXPECT_EQ(out.size(), 1000u);
  EXPECT_EQ(cut, line.size() - 1000);

  std::string wide;
  for (int i = 0; i < 1000; ++i) wide += "日";  // 3 bytes each
  out.clear();
  const std::size_t cut_wide = sanitize_line(wide, out, {.max_bytes = 1000, .tab_width = 8});
  EXPECT_EQ(out.size(), 999u);  // 333 whole characters
  EXPECT_EQ(cut_wide, wide.size() - 999);
  EXPECT_TRUE(terminal_safe(out));
}

TEST(LogSanitize, RandomBytesAlwaysComeOutTerminalSafe) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 2000; ++round) {
    std::string raw(static_cast<std::size_t>(byte(random)), '\0');
    for (char& c : raw) c = static_cast<char>(byte(random));
    const std::string out = sanitized(raw, {.max_bytes = 200, .tab_width = 8});
    ASSERT_TRUE(terminal_safe(out)) << "round " << round;
    ASSERT_LE(out.size(), 200u);
  }
}

}  // namespace
}  // namespace flinktop::logs
