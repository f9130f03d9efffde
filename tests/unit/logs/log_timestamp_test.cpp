// core/logs/log_timestamp: the `timestamps=true` prefix, read and written back.
#include "core/logs/log_timestamp.hpp"

#include <gtest/gtest.h>

namespace flinktop::logs {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t k2026 = 1767225600;  // 2026-01-01T00:00:00Z

TEST(LogTimestamp, ParsesRfc3339WithAnyFraction) {
  EXPECT_EQ(parse_rfc3339_ns("2026-01-01T00:00:00Z"), k2026 * kSecond);
  EXPECT_EQ(parse_rfc3339_ns("2026-01-01T00:00:00.5Z"), k2026 * kSecond + 500'000'000);
  EXPECT_EQ(parse_rfc3339_ns("2026-01-01T00:00:00.123456789Z"), k2026 * kSecond + 123'456'789);
  EXPECT_EQ(parse_rfc3339_ns("2026-01-01T02:00:00+02:00"), k2026 * kSecond);
  EXPECT_EQ(parse_rfc3339_ns("1969-12-31T23:59:59Z"), -kSecond);
  EXPECT_EQ(parse_rfc3339_ns("2024-02-29T12:00:00Z"), (1709208000LL) * kSecond);
}

TEST(LogTimestamp, RejectsWhatIsNotOne) {
  EXPECT_FALSE(parse_rfc3339_ns(""));
  EXPECT_FALSE(parse_rfc3339_ns("2026-01-01 00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_ns("2026-01-01T00:00:00"));
  EXPECT_FALSE(parse_rfc3339_ns("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_ns("2026-01-01T00:00:00.Z"));
  EXPECT_FALSE(parse_rfc3339_ns("2026-01-01T00:00:00Zjunk"));
}

TEST(LogTimestamp, FormatsNineDigitsAndWholeSeconds) {
  EXPECT_EQ(format_rfc3339_ns(k2026 * kSecond + 5), "2026-01-01T00:00:00.000000005Z");
  EXPECT_EQ(format_rfc3339_seconds(k2026 * kSecond + 999'999'999), "2026-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339_ns(-1), "1969-12-31T23:59:59.999999999Z");
  const std::int64_t t = 1789012345LL * kSecond + 42;
  EXPECT_EQ(parse_rfc3339_ns(format_rfc3339_ns(t)), t);
}

TEST(LogTimestamp, SplitsThePrefixOffALine) {
  auto split = split_timestamp("2026-01-01T00:00:00.25Z 2026-01-01 00:00:00,250 INFO x");
  EXPECT_EQ(split.ns, k2026 * kSecond + 250'000'000);
  EXPECT_EQ(split.text, "2026-01-01 00:00:00,250 INFO x");
  EXPECT_EQ(split_timestamp("2026-01-01T00:00:00Z").text, "");
  auto none = split_timestamp("no time here");
  EXPECT_FALSE(none.ns);
  EXPECT_EQ(none.text, "no time here");
  EXPECT_FALSE(split_timestamp("2026-01-01T00:00:00Zx").ns);
}

}  // namespace
}  // namespace flinktop::logs
