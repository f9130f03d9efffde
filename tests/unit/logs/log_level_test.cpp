// core/logs/log_level: levels from the layouts Flink and its neighbours write, and the shapes of a
// Java stack trace.
#include "core/logs/log_level.hpp"

#include <gtest/gtest.h>

namespace flinktop::logs {
namespace {

TEST(LogLevelDetect, Log4jLayouts) {
  EXPECT_EQ(detect_level("2026-01-01 12:00:00,123 INFO  org.apache.flink.runtime.Task [] - switched"),
            LogLevel::Info);
  EXPECT_EQ(detect_level("2026-01-01 12:00:00,123 WARN  org.apache.kafka.NetworkClient [] - x"),
            LogLevel::Warn);
  EXPECT_EQ(detect_level("2026-01-01 12:00:00,123 ERROR org.apache.flink.runtime.Task [] - failed"),
            LogLevel::Error);
  EXPECT_EQ(detect_level("2026-01-01 12:00:00,123 DEBUG a.b [] - x"), LogLevel::Debug);
  EXPECT_EQ(detect_level("12:00:00.123 [main] TRACE a.b - x"), LogLevel::Trace);
  EXPECT_EQ(detect_level("[2026-01-01] [WARNING] disk"), LogLevel::Warn);
  EXPECT_EQ(detect_level("FATAL: out of memory"), LogLevel::Error);
}

TEST(LogLevelDetect, JsonAndKlog) {
  EXPECT_EQ(detect_level(R"({"@timestamp":"2026-01-01T00:00:00Z","level":"ERROR","message":"x"})"),
            LogLevel::Error);
  EXPECT_EQ(detect_level("E0102 15:04:05.000000    1 reflector.go:1] failed"), LogLevel::Error);
  EXPECT_EQ(detect_level("W0102 15:04:05.000000    1 x.go:1] hmm"), LogLevel::Warn);
  EXPECT_EQ(detect_level("I0102 15:04:05.000000    1 x.go:1] ok"), LogLevel::Info);
}

TEST(LogLevelDetect, WordsInsideOtherWordsOrLowerCaseDoNotCount) {
  EXPECT_EQ(detect_level("INFORMATION about ERRORS"), LogLevel::Unknown);
  EXPECT_EQ(detect_level("an error happened"), LogLevel::Unknown);
  EXPECT_EQ(detect_level(""), LogLevel::Unknown);
  // Only the start of the line is looked at: a level word deep inside a message is not the level.
  EXPECT_EQ(detect_level(std::string(300, 'x') + " ERROR"), LogLevel::Unknown);
  // The first level word wins.
  EXPECT_EQ(detect_level("2026 INFO a.b - ERROR in the message"), LogLevel::Info);
}

TEST(LogTraceShape, JavaStackTraceLines) {
  EXPECT_EQ(trace_shape("\tat org.apache.flink.Task.run(Task.java:100)"), TraceShape::Frame);
  EXPECT_EQ(trace_shape("        at org.apache.flink.Task.run(Task.java:100)"), TraceShape::Frame);
  EXPECT_EQ(trace_shape("\t... 12 more"), TraceShape::Frame);
  EXPECT_EQ(trace_shape("Caused by: java.io.IOException: closed"), TraceShape::Frame);
  EXPECT_EQ(trace_shape("\tSuppressed: java.lang.Exception: x"), TraceShape::Frame);
  EXPECT_EQ(trace_shape("java.lang.IllegalStateException: boom"), TraceShape::ExceptionHeader);
  EXPECT_EQ(trace_shape("org.apache.flink.runtime.JobException: Recovery is suppressed"),
            TraceShape::ExceptionHeader);
  EXPECT_EQ(trace_shape("java.lang.OutOfMemoryError"), TraceShape::ExceptionHeader);
  EXPECT_EQ(trace_shape("  continued message"), TraceShape::Indented);
  EXPECT_EQ(trace_shape("2026-01-01 12:00:00,123 INFO x"), TraceShape::None);
  EXPECT_EQ(trace_shape("Exception: no dot"), TraceShape::None);
  EXPECT_EQ(trace_shape("a.b.Thing: x"), TraceShape::None);
}

}  // namespace
}  // namespace flinktop::logs
