// The log pane: follow and pause, filter (hide or highlight) with stack traces kept with their
// record, folding per source, wrap and cut, pretty JSON, jumps to errors, the capacity, and that
// nothing a log line holds reaches the terminal as a control sequence.
#include "tui/widgets/log_view.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/logs/log_level.hpp"
#include "tui/screen/theme.hpp"

namespace flinktop::tui {
namespace {

using logs::LogLevel;

class LogViewTest : public ::testing::Test {
 protected:
  std::shared_ptr<const logs::LogOrigin> source(const std::string& label, std::uint32_t index) {
    auto origin = std::make_shared<logs::LogOrigin>();
    origin->label = label;
    origin->index = index;
    return origin;
  }

  // A line as the ingest makes it: level detected, a stack-trace line carrying its record's level.
  logs::LogLinePtr line(const std::string& text, std::shared_ptr<const logs::LogOrigin> from = nullptr) {
    auto l = std::make_shared<logs::LogLine>();
    l->seq = ++seq_;
    l->origin = from ? from : tm1_;
    l->text = text;
    const auto shape = logs::trace_shape(text);
    l->continuation = shape == logs::TraceShape::Frame || shape == logs::TraceShape::ExceptionHeader;
    l->level = logs::detect_level(text);
    if (l->continuation) l->level = LogLevel::Error;
    return l;
  }

  void add(std::initializer_list<std::string> texts, std::shared_ptr<const logs::LogOrigin> from = nullptr) {
    std::vector<logs::LogLinePtr> lines;
    for (const auto& t : texts) lines.push_back(line(t, from));
    view_.append(lines);
  }

  std::string screen(int width = 60, int height = 6) {
    Canvas canvas(width, height);
    view_.draw(canvas, {0, 0, width, height}, DrawContext{theme_, true, {}});
    return canvas.to_string();
  }

  Theme theme_ = Theme::builtin();
  std::uint64_t seq_ = 0;
  std::shared_ptr<const logs::LogOrigin> tm1_ = source("tm-1", 0);
  std::shared_ptr<const logs::LogOrigin> tm2_ = source("tm-2", 1);
  LogView view_{1000};
};

TEST_F(LogViewTest, FollowsTheNewestLineUntilTheCursorMovesUp) {
  for (int i = 1; i <= 10; ++i) add({"INFO line " + std::to_string(i)});
  EXPECT_EQ(screen(40, 3), "INFO line 8\nINFO line 9\nINFO line 10\n");
  EXPECT_TRUE(view_.following());

  view_.handle_key(Key::character('k'));  // pauses on line 9
  EXPECT_FALSE(view_.following());
  EXPECT_EQ(view_.cursor_line()->text, "INFO line 9");
  add({"INFO line 11", "INFO line 12"});
  EXPECT_EQ(screen(40, 3), "INFO line 8\nINFO line 9\nINFO line 10\n") << "paused: the screen stays put";
  EXPECT_EQ(view_.below(), 2u);

  view_.handle_key(Key::character('G'));
  EXPECT_TRUE(view_.following());
  EXPECT_EQ(screen(40, 3), "INFO line 10\nINFO line 11\nINFO line 12\n");

  view_.handle_key(Key::character('k'));
  view_.handle_key(Key::character('j'));  // down onto the newest line: following again
  EXPECT_TRUE(view_.following());
}

TEST_F(LogViewTest, FilterHidesOtherLinesButKeepsTheStackTraceOfAMatchingRecord) {
  add({"INFO starting", "ERROR task failed", "java.lang.IllegalStateException: boom", "    at a.B.c(B.java:1)",
       "INFO still running", "WARN slow"});
  EXPECT_EQ(view_.set_filter("ERROR"), "");
  EXPECT_EQ(view_.shown(), 3u);
  EXPECT_EQ(screen(), "ERROR task failed\njava.lang.IllegalStateException: boom\n    at a.B.c(B.java:1)\n\n\n\n");

  view_.set_filter("!INFO");  // inverted: what does not match
  EXPECT_EQ(view_.shown(), 4u);
  EXPECT_EQ(view_.saved_lines().size(), 4u) << "a save writes what the filter lets through";

  EXPECT_NE(view_.set_filter("x("), "") << "a pattern that does not compile says why";
  view_.set_filter("");
  EXPECT_EQ(view_.shown(), 6u);
}

TEST_F(LogViewTest, HighlightOnlyKeepsEveryLineAndNextMatchJumpsBetweenMatches) {
  add({"INFO a", "WARN checkpoint slow", "INFO b", "WARN checkpoint declined", "INFO c"});
  view_.set_hide_unmatched(false);
  view_.set_filter("checkpoint");
  EXPECT_EQ(view_.shown(), 5u);
  ASSERT_TRUE(view_.next_match(false));  // from the newest line upwards
  EXPECT_EQ(view_.cursor_line()->text, "WARN checkpoint declined");
  ASSERT_TRUE(view_.next_match(false));
  EXPECT_EQ(view_.cursor_line()->text, "WARN checkpoint slow");
  EXPECT_FALSE(view_.next_match(false)) << "nothing above the first match";
  ASSERT_TRUE(view_.next_match(true));
  EXPECT_EQ(view_.cursor_line()->text, "WARN checkpoint declined");
}

TEST_F(LogViewTest, FoldsEachSourcesStackTraceUnderItsOwnRecord) {
  // tm-2's line arrives in the middle of tm-1's trace: the trace still folds under tm-1's record.
  view_.append({line("ERROR tm-1 failed", tm1_), line("java.lang.RuntimeException: x", tm1_),
                line("INFO tm-2 fine", tm2_), line("    at a.B.c(B.java:1)", tm1_), line("    at a.B.d(B.java:2)", tm1_)});
  view_.set_prefix(true);
  view_.set_folded(true);
  EXPECT_EQ(view_.shown(), 2u);
  EXPECT_EQ(screen(60, 3), "tm-1 [3 trace lines] ERROR tm-1 failed\ntm-2 INFO tm-2 fine\n\n");
  view_.append({line("    at a.B.e(B.java:3)", tm1_)});  // folds as it arrives
  EXPECT_NE(screen(60, 3).find("[4 trace lines] ERROR"), std::string::npos);
  EXPECT_EQ(screen(24, 3).substr(0, 21), "tm-1 [4 trace lines] ") << "a narrow pane still says a trace is folded";
  view_.set_folded(false);
  EXPECT_EQ(view_.shown(), 6u);
}

TEST_F(LogViewTest, NextErrorStopsAtErrorRecordsAndExceptions) {
  add({"INFO a", "ERROR first", "    at x.Y.z(Y.java:1)", "WARN retrying", "java.io.IOException: reset", "INFO b"});
  ASSERT_TRUE(view_.next_error(false));
  EXPECT_EQ(view_.cursor_line()->text, "java.io.IOException: reset");
  ASSERT_TRUE(view_.next_error(false));
  EXPECT_EQ(view_.cursor_line()->text, "ERROR first");
  EXPECT_FALSE(view_.next_error(false));
}

TEST_F(LogViewTest, LongLinesAreCutOrWrappedAndAMegabyteLineCostsOneScreen) {
  add({"INFO " + std::string(100, 'a')});
  EXPECT_EQ(screen(20, 3), "INFO aaaaaaaaaaaaaa…\n\n\n");
  view_.set_wrap(true);
  EXPECT_EQ(screen(20, 6), "INFO aaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaaaaaa\n"
                           "aaaaaaaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaaaaaa\naaaaa\n");
  add({"INFO " + std::string(1 << 20, 'b')});
  const std::string wrapped = screen(20, 6);
  EXPECT_EQ(wrapped, "INFO bbbbbbbbbbbbbbb\nbbbbbbbbbbbbbbbbbbbb\nbbbbbbbbbbbbbbbbbbbb\nbbbbbbbbbbbbbbbbbbbb\n"
                     "bbbbbbbbbbbbbbbbbbbb\nbbbbbbbbbbbbbbbbbbbb\n")
      << "the newest line fills the screen from its start; its tail is never laid out";
}

TEST_F(LogViewTest, NoControlSequenceFromALogLineReachesTheScreen) {
  add({"INFO \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b[31mred\x9b""1m\r\n", "WARN bell\x07 nul" + std::string(1, '\0') + "end"});
  view_.set_wrap(true);
  const std::string shown = screen(60, 4);
  for (char c : shown) {
    EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << "control byte " << int(c) << " in " << shown;
  }
  EXPECT_NE(shown.find("red"), std::string::npos);
}

TEST_F(LogViewTest, PrettyPrintsJsonLines) {
  add({R"({"level":"INFO","message":"checkpoint 7 done","ms":12})", "INFO plain"});
  view_.set_json(true);
  EXPECT_EQ(screen(40, 7), "{\n  \"level\": \"INFO\",\n  \"message\": \"checkpoint 7 done\",\n  \"ms\": 12\n}\nINFO plain\n\n");
}

TEST_F(LogViewTest, PrettyJsonIsDecidedOnTheWholeLineAndAHostileLineIsShownAsItIs) {
  std::string wide = R"({"level":"WARN","message":")" + std::string(300, 'x') + R"("})";
  add({wide});
  view_.set_json(true);
  EXPECT_EQ(screen(40, 5).substr(0, 2), "{\n") << "pretty though wider than the pane: " << screen(40, 5);
  // 20,000 nested brackets: not parsed (its pretty text would take gigabytes), shown as it is.
  add({std::string(20'000, '[') + std::string(20'000, ']')});
  EXPECT_EQ(screen(40, 2), "\n" + std::string(39, '[') + "…\n") << "the newest line on the bottom row";
}

TEST_F(LogViewTest, FollowingWithWrapKeepsTheNewestLineOnTheBottomRow) {
  add({"INFO " + std::string(30, 'a'), "INFO " + std::string(30, 'b')});
  view_.set_wrap(true);
  // 20 columns: two rows each; a screen of 3 rows shows the newest whole, at the bottom.
  EXPECT_EQ(screen(20, 3), "\nINFO bbbbbbbbbbbbbbb\nbbbbbbbbbbbbbbb\n");
}

TEST_F(LogViewTest, KeepsAtMostItsBytesAndClearStartsOver) {
  LogView small(1000, 100);
  small.append({line("INFO " + std::string(45, 'a')), line("INFO " + std::string(45, 'b')), line("INFO " + std::string(45, 'c'))});
  EXPECT_EQ(small.size(), 2u) << "150 bytes of text in a view of 100";
  EXPECT_EQ(small.evicted(), 1u);
  small.handle_key(Key::character('k'));
  EXPECT_FALSE(small.following());
  small.clear();
  EXPECT_EQ(small.evicted(), 0u);
  EXPECT_TRUE(small.following()) << "after a clear the new lines are followed";
}

TEST_F(LogViewTest, KeepsAtMostItsCapacityAndTheCursorStaysOnItsLine) {
  LogView small(5);
  std::vector<logs::LogLinePtr> lines;
  for (int i = 1; i <= 5; ++i) lines.push_back(line("INFO " + std::to_string(i)));
  small.append(lines);
  small.handle_key(Key::character('k'));  // on "INFO 4"
  small.append({line("INFO 6"), line("INFO 7")});
  EXPECT_EQ(small.size(), 5u);
  EXPECT_EQ(small.evicted(), 2u);
  EXPECT_EQ(small.cursor_line()->text, "INFO 4");
  small.append({line("INFO 8"), line("INFO 9"), line("INFO 10"), line("INFO 11")});
  ASSERT_NE(small.cursor_line(), nullptr) << "its line went: the cursor is on the oldest kept";
  EXPECT_EQ(small.cursor_line()->text, "INFO 7");
}

TEST_F(LogViewTest, TimestampsAndSourcePrefixLineUp) {
  auto l = std::make_shared<logs::LogLine>();
  l->seq = ++seq_;
  l->origin = tm2_;
  l->text = "INFO timed";
  l->time = logs::LogTime(std::chrono::milliseconds(1795262400123));
  view_.append({l, line("INFO untimed", tm1_)});
  view_.set_prefix(true);
  view_.set_timestamps(true);
  EXPECT_EQ(screen(70, 2), "tm-2 2026-11-21T12:00:00.123Z INFO timed\ntm-1                          INFO untimed\n");
}

}  // namespace
}  // namespace flinktop::tui
