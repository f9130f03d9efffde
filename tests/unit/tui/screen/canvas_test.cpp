// Canvas: text layout, clipping, wide characters, combining marks, and the promise that no
// control character from outside text ever lands in a cell.
#include "tui/screen/canvas.hpp"

#include <gtest/gtest.h>
#include <locale.h>

#include <chrono>
#include <clocale>
#include <cwchar>
#include <random>
#include <string>

namespace flinktop::tui {
namespace {

const Style kPlain{};
const Style kRed{Color::indexed(1), Color::none(), kAttrBold};

// Every cell holds a printable glyph, a right half (0) after a wide glyph, and a mark that is a
// combining character or nothing.
void expect_only_printable(const Canvas& c) {
  for (int y = 0; y < c.height(); ++y) {
    for (int x = 0; x < c.width(); ++x) {
      const Cell& cell = c.at(x, y);
      if (cell.ch == 0) {
        ASSERT_GT(x, 0) << "a right half at the left edge, row " << y;
        ASSERT_EQ(column_width(c.at(x - 1, y).ch), 2) << "an orphan right half at " << x << "," << y;
      } else {
        ASSERT_GE(column_width(cell.ch), 1)
            << "U+" << std::hex << static_cast<unsigned>(cell.ch) << " at " << x << "," << y;
      }
      if (cell.mark != 0) {
        ASSERT_EQ(column_width(cell.mark), 0);
      }
      if (column_width(cell.ch) == 2) {
        ASSERT_LT(x + 1, c.width());
        ASSERT_EQ(c.at(x + 1, y).ch, 0U);
      }
    }
  }
}

std::string row(const Canvas& c, int y) {
  std::string all = c.to_string();
  std::size_t start = 0;
  for (int i = 0; i < y; ++i) start = all.find('\n', start) + 1;
  return all.substr(start, all.find('\n', start) - start);
}

TEST(CanvasText, WritesAndSnapshots) {
  Canvas c(12, 3);
  EXPECT_EQ(c.text(1, 0, "hello", kRed), 5);
  c.text(0, 2, "flink", kPlain);
  EXPECT_EQ(c.to_string(),
            " hello\n"
            "\n"
            "flink\n");
  EXPECT_EQ(c.at(1, 0).ch, U'h');
  EXPECT_EQ(c.at(1, 0).style, kRed);
  EXPECT_EQ(c.at(0, 0).style, kPlain);
}

TEST(CanvasText, ClipsToMaxWidthAndEdges) {
  Canvas c(10, 2);
  EXPECT_EQ(c.text(0, 0, "abcdefgh", kPlain, 3), 3);
  EXPECT_EQ(c.text(7, 1, "xyz123", kPlain), 3);
  EXPECT_EQ(c.to_string(), "abc\n       xyz\n");
  EXPECT_EQ(c.text(0, 5, "out of range", kPlain), 0);
  EXPECT_EQ(c.text(0, -1, "out of range", kPlain), 0);
  EXPECT_EQ(c.text(20, 0, "right of it", kPlain), 0);
  Canvas d(6, 1);
  d.text(-3, 0, "abcdefgh", kPlain);  // starts left of the canvas
  EXPECT_EQ(d.to_string(), "defgh\n");
}

TEST(CanvasText, WideCharactersTakeTwoCells) {
  Canvas c(7, 2);
  EXPECT_EQ(c.text(0, 0, "日本x", kPlain), 5);
  EXPECT_EQ(c.at(0, 0).ch, U'日');
  EXPECT_EQ(c.at(1, 0).ch, 0U);
  EXPECT_EQ(c.at(2, 0).ch, U'本');
  EXPECT_EQ(c.at(4, 0).ch, U'x');
  EXPECT_EQ(row(c, 0), "日本x");
  // A wide character that does not fit whole is not drawn.
  EXPECT_EQ(c.text(0, 1, "abcdef😀", kPlain), 6);
  EXPECT_EQ(row(c, 1), "abcdef");
  EXPECT_EQ(c.text(0, 1, "日本語", kPlain, 5), 4);
  expect_only_printable(c);
}

TEST(CanvasText, OverwritingHalfAWideCharacterBlanksTheOtherHalf) {
  Canvas c(6, 1);
  c.text(0, 0, "日本語", kPlain);
  c.text(1, 0, "a", kPlain);  // the right half of 日
  EXPECT_EQ(c.to_string(), " a本語\n");
  c.text(2, 0, "b", kPlain);  // the left half of 本
  EXPECT_EQ(c.to_string(), " ab 語\n");
  c.text(3, 0, "日", kPlain);  // a wide one over the right half of 本 and the left half of 語
  EXPECT_EQ(c.to_string(), " ab日\n");
  expect_only_printable(c);
}

TEST(CanvasText, CombiningMarkJoinsThePreviousCharacter) {
  Canvas c(6, 1);
  EXPECT_EQ(c.text(0, 0, "e\u0301x", kPlain), 2);
  EXPECT_EQ(c.at(0, 0).ch, U'e');
  EXPECT_EQ(c.at(0, 0).mark, U'\u0301');
  EXPECT_EQ(c.at(1, 0).ch, U'x');
  EXPECT_EQ(c.to_string(), "e\u0301x\n");
  c.text(0, 0, "\u0301ab", kPlain);  // nothing to join: dropped
  EXPECT_EQ(c.to_string(), "ab\n");
  expect_only_printable(c);
}

TEST(CanvasSanitise, EscapeSequencesAreRemovedWhole) {
  Canvas c(40, 1);
  c.text(0, 0, "\x1b[31mred\x1b[0m \x1b]0;title\x07ok \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b(Bz",
         kPlain);
  EXPECT_EQ(c.to_string(), "red ok link z\n");
  c.clear();
  c.text(0, 0,
         "a\xc2\x9b"
         "2Jb\xc2\x9d"
         "0;t\xc2\x9c"
         "c",
         kPlain);  // 8-bit CSI, OSC, ST
  EXPECT_EQ(c.to_string(), "abc\n");
  expect_only_printable(c);
}

TEST(CanvasSanitise, ControlsAreDroppedAndBreaksBecomeSpaces) {
  Canvas c(30, 1);
  const std::string nul_del(
      "a\0b\x7f"
      "c\x07"
      "d\x08"
      "e",
      9);
  c.text(0, 0, nul_del, kPlain);
  EXPECT_EQ(c.to_string(), "abcde\n");
  c.clear();
  c.text(0, 0, "one\r\ntwo\nthree\rfour", kPlain);
  EXPECT_EQ(c.to_string(), "one two three four\n");
  c.clear();
  c.text(0, 0, "zero\u200bwidth\u202eevil", kPlain);  // ZWSP and a bidi override: invisible
  EXPECT_EQ(c.to_string(), "zerowidthevil\n");
}

TEST(CanvasSanitise, TabsAdvanceToTheNextMultipleOfEight) {
  Canvas c(30, 1);
  EXPECT_EQ(c.text(2, 0, "a\tb\t\tc", kPlain), 25);
  EXPECT_EQ(c.to_string(), "  a       b               c\n");
  EXPECT_EQ(text_width("ab\t"), 8);
}

TEST(CanvasSanitise, InvalidUtf8BecomesReplacementCharacters) {
  Canvas c(20, 1);
  c.text(0, 0,
         "a\x9b"
         "b",
         kPlain);  // a lone 0x9b (8-bit CSI in Latin-1) is not UTF-8
  EXPECT_EQ(c.to_string(), "a\uFFFDb\n");
  c.clear();
  c.text(0, 0, "\xc0\xaf|\xed\xa0\x80|\xe6\x97|\xf4\x90\x80\x80|\xff", kPlain);
  // One U+FFFD per maximal subpart: overlong (2), surrogate (3), truncated (1), > U+10FFFF (4), 0xFF.
  EXPECT_EQ(c.to_string(), "\uFFFD\uFFFD|\uFFFD\uFFFD\uFFFD|\uFFFD|\uFFFD\uFFFD\uFFFD\uFFFD|\uFFFD\n");
  expect_only_printable(c);
}

TEST(CanvasSanitise, HostileInputNeverPutsAControlInACell) {
  std::mt19937 random(42);
  std::string noise(1 << 20, '\0');
  for (char& ch : noise) ch = static_cast<char>(random());
  std::string controls;
  for (int b = 0; b < 0x20; ++b) controls += static_cast<char>(b);
  controls += "\x7f\xc2\x80\xc2\x9b\xc2\x9f\x1b";
  const std::string long_line(1 << 20, 'x');
  Canvas c(240, 4);
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& text : {noise, controls, long_line, std::string("\x1b[") + long_line}) {
    for (int y = 0; y < 4; ++y) c.text(y * 3 - 3, y, text, kPlain);
    expect_only_printable(c);
    EXPECT_GE(text_width(text), 0);
    const std::string cut = truncate_to_width(text, 50);
    EXPECT_LE(text_width(cut), 50);
    for (char ch : cut) EXPECT_TRUE(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(CanvasCells, SetAndFillKeepTheInvariants) {
  Canvas c(5, 2);
  c.set(0, 0, U'\x1b', kPlain);
  EXPECT_EQ(c.at(0, 0).ch, U'\uFFFD');
  c.set(4, 0, U'日', kPlain);  // does not fit
  EXPECT_EQ(c.at(4, 0).ch, U' ');
  c.set(9, 9, U'x', kPlain);  // out of range: ignored
  c.fill({0, 1, 5, 1}, U'本', kRed);
  EXPECT_EQ(row(c, 1), "本本");
  EXPECT_EQ(c.at(4, 1).ch, U' ');
  EXPECT_EQ(c.at(4, 1).style, kRed);
  c.fill({-2, -2, 3, 3}, U'#', kPlain);
  EXPECT_EQ(c.at(0, 0).ch, U'#');
  expect_only_printable(c);
  c.resize(3, 1);
  EXPECT_EQ(c.to_string(), "\n");
}

TEST(CanvasWidth, TruncateAddsAnEllipsis) {
  EXPECT_EQ(truncate_to_width("hello world", 8), "hello w…");
  EXPECT_EQ(truncate_to_width("hello", 5), "hello");
  EXPECT_EQ(truncate_to_width("hello", 0), "");
  EXPECT_EQ(truncate_to_width("日本語", 5), "日本…");
  EXPECT_EQ(truncate_to_width("日本語", 4), "日…");
  EXPECT_EQ(truncate_to_width("a\x1b[1mb", 5), "ab");
  EXPECT_EQ(text_width("日本語abc"), 9);
  EXPECT_EQ(text_width("e\u0301"), 1);
}

TEST(CanvasWidth, ColumnWidthOfCommonCharacters) {
  EXPECT_EQ(column_width(U'a'), 1);
  EXPECT_EQ(column_width(U'\u0301'), 0);
  EXPECT_EQ(column_width(U'日'), 2);
  EXPECT_EQ(column_width(U'\U0001F600'), 2);
  EXPECT_EQ(column_width(U'─'), 1);
  EXPECT_EQ(column_width(0x1b), -1);
  EXPECT_EQ(column_width(0x9b), -1);
  EXPECT_EQ(column_width(0xD800), -1);
  EXPECT_EQ(column_width(0x110000), -1);
}

// The table must agree with the libc ncurses uses here, or ncurses and the Canvas would
// disagree about where the cursor is.
TEST(CanvasWidth, ColumnWidthMatchesGlibc) {
  locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  if (utf8 == static_cast<locale_t>(0)) GTEST_SKIP() << "no C.UTF-8 locale";
  const locale_t previous = uselocale(utf8);
  int mismatches = 0;
  for (char32_t ch = 0xA0; ch <= 0x10FFFF; ++ch) {
    if (ch >= 0xD800 && ch <= 0xDFFF) continue;
    const int libc = ::wcwidth(static_cast<wchar_t>(ch));
    if (libc >= 0 && libc != column_width(ch) && ++mismatches < 10) {
      ADD_FAILURE() << "U+" << std::hex << static_cast<unsigned>(ch) << ": libc " << libc << ", ours "
                    << column_width(ch);
    }
  }
  uselocale(previous);
  freelocale(utf8);
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace flinktop::tui
