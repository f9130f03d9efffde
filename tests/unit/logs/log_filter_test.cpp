// core/logs/log_filter: RE2 with `!`, smart case, one-line errors and match positions.
#include "core/logs/log_filter.hpp"

#include <gtest/gtest.h>

namespace flinktop::logs {
namespace {

TEST(LogFilter, EmptyAndLoneBangMatchEverything) {
  EXPECT_FALSE(LogFilter().active());
  EXPECT_TRUE(LogFilter().matches("anything"));
  EXPECT_FALSE(LogFilter("!").active());
  EXPECT_TRUE(LogFilter("!").matches("anything"));
}

TEST(LogFilter, RegexAndSmartCase) {
  const LogFilter lower("checkpoint \\d+");
  EXPECT_TRUE(lower.matches("Completed Checkpoint 42 for job"));  // all lower case: ignores case
  EXPECT_FALSE(lower.matches("Completed checkpoint for job"));
  const LogFilter upper("ERROR|WARN");
  EXPECT_TRUE(upper.matches("2026 ERROR x"));
  EXPECT_FALSE(upper.matches("an error"));                // an upper-case letter: case matters
  EXPECT_TRUE(LogFilter("\\Serror").matches("anERROR"));  // \S is a class, not an upper-case letter
}

TEST(LogFilter, BangInverts) {
  const LogFilter not_info("!INFO");
  EXPECT_TRUE(not_info.active());
  EXPECT_TRUE(not_info.inverted());
  EXPECT_FALSE(not_info.matches("2026 INFO x"));
  EXPECT_TRUE(not_info.matches("2026 WARN x"));
  EXPECT_TRUE(not_info.spans("2026 WARN x").empty());
}

TEST(LogFilter, InvalidRegexIsOneLineAndMatchesAsPlainText) {
  const LogFilter bad("Task(");
  EXPECT_NE(bad.error().find("invalid regex /Task(/"), std::string::npos) << bad.error();
  EXPECT_EQ(bad.error().find('\n'), std::string::npos);
  EXPECT_TRUE(bad.matches("switched Task( state"));
  EXPECT_FALSE(bad.matches("switched Task state"));
}

TEST(LogFilter, SpansForHighlighting) {
  const LogFilter f("ab");
  EXPECT_EQ(f.spans("xxabyyAB"), (std::vector<MatchSpan>{{2, 4}, {6, 8}}));
  EXPECT_EQ(LogFilter("b*").spans("abba"), (std::vector<MatchSpan>{{1, 3}}));  // empty matches are skipped
  EXPECT_EQ(LogFilter("x").spans(std::string(100, 'x'), 3).size(), 3u);
  EXPECT_TRUE(LogFilter("zzz").spans("abc").empty());
}

TEST(LogFilter, APathologicalPatternStaysLinear) {
  // (a*)*b on a long run of a's: exponential with backtracking engines, instant with RE2.
  const LogFilter f("(a*)*b");
  EXPECT_FALSE(f.matches(std::string(100'000, 'a')));
}

}  // namespace
}  // namespace flinktop::logs
