// core/logs/log_ingest: what a raw line becomes — sanitised, levelled, traces tied to their record,
// and the --grep filter that keeps a matching record's trace.
#include "core/logs/log_ingest.hpp"

#include <gtest/gtest.h>

namespace flinktop::logs {
namespace {

std::shared_ptr<const LogOrigin> origin() {
  auto o = std::make_shared<LogOrigin>();
  o->label = "tm-1";
  return o;
}

const char* const kTrace[] = {
    "2026-01-01 12:00:00,000 ERROR org.apache.flink.runtime.taskmanager.Task [] - Source failed:",
    "java.lang.IllegalStateException: boom",
    "\tat org.apache.flink.Foo.bar(Foo.java:1)",
    "\t... 3 more",
    "Caused by: java.io.IOException: closed",
    "\tat org.apache.flink.Baz.qux(Baz.java:2)",
    "2026-01-01 12:00:01,000 INFO  org.apache.flink.runtime.Task [] - restarted",
};

TEST(LogIngest, TraceLinesCarryTheirRecordsLevel) {
  LogIngest ingest(origin(), {});
  std::vector<std::shared_ptr<LogLine>> lines;
  for (const char* raw : kTrace) lines.push_back(ingest.line(raw));
  EXPECT_EQ(lines[0]->level, LogLevel::Error);
  EXPECT_FALSE(lines[0]->continuation);
  for (int i = 1; i <= 5; ++i) {
    EXPECT_TRUE(lines[static_cast<std::size_t>(i)]->continuation) << kTrace[i];
    EXPECT_EQ(lines[static_cast<std::size_t>(i)]->level, LogLevel::Error) << kTrace[i];
  }
  EXPECT_FALSE(lines[6]->continuation);
  EXPECT_EQ(lines[6]->level, LogLevel::Info);
  EXPECT_EQ(lines[2]->text, "        at org.apache.flink.Foo.bar(Foo.java:1)");
  EXPECT_EQ(lines[6]->origin->label, "tm-1");
}

TEST(LogIngest, IndentationAfterAnInfoLineIsLayoutNotATrace) {
  LogIngest ingest(origin(), {});
  ingest.line("2026 INFO banner:");
  auto indented = ingest.line("    -Xmx536870902");
  EXPECT_FALSE(indented->continuation);
}

TEST(LogIngest, GrepKeepsAMatchingRecordsTraceAndATraceLineThatMatches) {
  IngestOptions options;
  options.filter = LogFilter("Source failed");
  LogIngest ingest(origin(), options);
  int kept = 0;
  for (const char* raw : kTrace) kept += ingest.line(raw) ? 1 : 0;
  EXPECT_EQ(kept, 6);  // the ERROR record and its five trace lines, not the INFO line

  LogIngest by_cause(origin(), {.sanitize = {}, .filter = LogFilter("IOException")});
  std::vector<std::string> shown;
  for (const char* raw : kTrace) {
    if (auto l = by_cause.line(raw)) shown.push_back(l->text);
  }
  EXPECT_EQ(shown, (std::vector<std::string>{"Caused by: java.io.IOException: closed"}));
}

TEST(LogIngest, LongLinesSayHowMuchWasCut) {
  LogIngest ingest(origin(), {.sanitize = {.max_bytes = 100, .tab_width = 8}, .filter = {}});
  auto l = ingest.line(std::string(1 << 20, 'y'));
  EXPECT_EQ(l->cut_bytes, (1u << 20) - 100);
  EXPECT_EQ(l->text.substr(0, 100), std::string(100, 'y'));
  EXPECT_NE(l->text.find("1048476 more bytes cut"), std::string::npos) << l->text.substr(100);
}

TEST(LogIngest, TimeAndNotices) {
  LogIngest ingest(origin(), {});
  auto l = ingest.line("x", 1'000'000'000);
  ASSERT_TRUE(l->time);
  EXPECT_EQ(l->time->time_since_epoch(), std::chrono::seconds(1));
  auto n = ingest.notice("— container restarted \x1b[2J—");
  EXPECT_TRUE(n->notice);
  EXPECT_EQ(n->text.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace flinktop::logs
