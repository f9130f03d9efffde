#include "core/text/ascii_case.hpp"

#include <gtest/gtest.h>

namespace flinktop::text {
namespace {

TEST(AsciiLower, FoldsAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("HTTPS://Flink.Example:8081"), "https://flink.example:8081");
  EXPECT_EQ(ascii_lower("FlinkDeployment"), "flinkdeployment");
  EXPECT_EQ(ascii_lower("ÄRGER-Ω"), "Ärger-Ω");  // bytes above ASCII are left as they are
  EXPECT_EQ(ascii_lower(""), "");
}

}  // namespace
}  // namespace flinktop::text
