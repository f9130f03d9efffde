// FlinkVersion: parsing what /config and /overview report, and ordering.
#include "core/flink/version.hpp"

#include <gtest/gtest.h>

namespace flinktop::flink {
namespace {

TEST(FlinkVersion, ParsesReleasesAndSnapshots) {
  auto v = parse_flink_version("1.20.1");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->major, 1);
  EXPECT_EQ(v->minor, 20);
  EXPECT_EQ(v->patch, 1);
  EXPECT_EQ(v->qualifier, "");
  EXPECT_EQ(v->to_string(), "1.20.1");

  v = parse_flink_version("2.1.0");
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, (FlinkVersion{2, 1, 0, {}}));
  EXPECT_EQ(v->to_string(), "2.1.0");

  v = parse_flink_version("1.20-SNAPSHOT");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->major, 1);
  EXPECT_EQ(v->minor, 20);
  EXPECT_EQ(v->patch, 0);
  EXPECT_EQ(v->qualifier, "SNAPSHOT");
  EXPECT_EQ(v->to_string(), "1.20-SNAPSHOT");

  v = parse_flink_version("2.0-preview1");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->qualifier, "preview1");
  v = parse_flink_version("1.19.1-SNAPSHOT");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->patch, 1);
  EXPECT_EQ(v->qualifier, "SNAPSHOT");
  v = parse_flink_version("v1.18");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->to_string(), "1.18.0");
}

TEST(FlinkVersion, RejectsWhatIsNotAVersion) {
  for (const char* text : {"", "<unknown>", "latest", "1", "1.", ".20", "a.b.c", "1.x", "12345678.1"}) {
    EXPECT_FALSE(parse_flink_version(text)) << text;
  }
}

TEST(FlinkVersion, OrdersByNumbersIgnoringQualifier) {
  auto v = [](const char* s) { return *parse_flink_version(s); };
  EXPECT_LT(v("1.19.3"), v("1.20.0"));
  EXPECT_LT(v("1.20.5"), v("2.0.0"));
  EXPECT_LT(v("1.9.0"), v("1.10.0"));
  EXPECT_EQ(v("1.20-SNAPSHOT"), v("1.20.0"));
  EXPECT_TRUE(v("1.19.0").at_least(1, 19));
  EXPECT_TRUE(v("2.3.0").at_least(1, 19));
  EXPECT_FALSE(v("1.18.1").at_least(1, 19));
  EXPECT_TRUE(v("1.20.1").at_least(1, 20, 1));
  EXPECT_FALSE(v("1.20.0").at_least(1, 20, 1));
}

}  // namespace
}  // namespace flinktop::flink
