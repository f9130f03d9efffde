// LineSplitter: lines across chunk boundaries, CRLF, over-long lines in pieces, cut streams.
#include "core/http/line_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace flinktop::http {
namespace {

using Lines = std::vector<std::string>;

Lines feed_all(LineSplitter& splitter, const std::vector<std::string>& chunks) {
  Lines lines;
  for (const std::string& chunk : chunks) {
    splitter.feed(chunk, [&](std::string_view line) {
      lines.emplace_back(line);
      return true;
    });
  }
  return lines;
}

TEST(LineSplitter, JoinsLinesAcrossChunks) {
  LineSplitter s;
  EXPECT_EQ(feed_all(s, {"a\nb", "c", "d\ne\n"}), (Lines{"a", "bcd", "e"}));
  EXPECT_EQ(s.remainder(), "");
}

TEST(LineSplitter, StripsCrlfEvenWhenSplitBetweenChunks) {
  LineSplitter s;
  EXPECT_EQ(feed_all(s, {"x\r\ny\r", "\nz\rz\n"}), (Lines{"x", "y", "z\rz"}));
}

TEST(LineSplitter, KeepsEmptyLines) {
  LineSplitter s;
  EXPECT_EQ(feed_all(s, {"\n\r\n", "\n"}), (Lines{"", "", ""}));
}

TEST(LineSplitter, DeliversOverLongLinesInPiecesOfMaxLine) {
  LineSplitter whole(4);
  EXPECT_EQ(feed_all(whole, {"abcdefghij\nok\n"}), (Lines{"abcd", "efgh", "ij", "ok"}));
  LineSplitter chunked(4);
  EXPECT_EQ(feed_all(chunked, {"abc", "defgh", "ij\n"}), (Lines{"abcd", "efgh", "ij"}));
}

TEST(LineSplitter, BoundsMemoryForAnUnterminatedLine) {
  LineSplitter s(8);
  Lines lines;
  for (int i = 0; i < 100; ++i) {
    s.feed("0123456789", [&](std::string_view line) {
      lines.emplace_back(line);
      return true;
    });
    EXPECT_LE(s.remainder().size(), 9u);
  }
  EXPECT_EQ(lines.size(), 124u);  // 1000 bytes: 124 pieces of 8 out, the last 8 wait for more
  EXPECT_EQ(s.remainder(), "23456789");
  EXPECT_EQ(lines.front(), "01234567");
}

TEST(LineSplitter, LineOfExactlyMaxLineEndingInCrlfIsOneLine) {
  LineSplitter s(3);
  EXPECT_EQ(feed_all(s, {"abc\r", "\n", "abc", "\r\n"}), (Lines{"abc", "abc"}));
}

TEST(LineSplitter, LeavesTheRemainderOfACutStream) {
  LineSplitter s;
  EXPECT_EQ(feed_all(s, {"one\ntw"}), (Lines{"one"}));
  EXPECT_EQ(s.remainder(), "tw");
  s.reset();
  EXPECT_EQ(s.remainder(), "");
}

TEST(LineSplitter, StopsWhenOnLineReturnsFalseAndResumesLater) {
  LineSplitter s;
  Lines lines;
  const bool went_on = s.feed("a\nb\nc", [&](std::string_view line) {
    lines.emplace_back(line);
    return false;
  });
  EXPECT_FALSE(went_on);
  EXPECT_EQ(lines, (Lines{"a"}));
  EXPECT_EQ(feed_all(s, {"\n"}), (Lines{"b", "c"}));
}

}  // namespace
}  // namespace flinktop::http
