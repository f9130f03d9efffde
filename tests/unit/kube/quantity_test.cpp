// Kubernetes quantities as metrics-server writes them: cores and bytes, every suffix, and text
// that is not a quantity.
#include <gtest/gtest.h>

#include "core/kube/quantity.hpp"

namespace flinktop::kube {
namespace {

TEST(Quantity, CpuAndMemoryInTheirBaseUnits) {
  EXPECT_DOUBLE_EQ(*parse_quantity("250m"), 0.25);
  EXPECT_DOUBLE_EQ(*parse_quantity("1"), 1.0);
  EXPECT_DOUBLE_EQ(*parse_quantity("1.5"), 1.5);
  EXPECT_DOUBLE_EQ(*parse_quantity("123456789n"), 0.123456789);
  EXPECT_DOUBLE_EQ(*parse_quantity("500u"), 0.0005);
  EXPECT_DOUBLE_EQ(*parse_quantity("123Mi"), 123.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*parse_quantity("2Gi"), 2.0 * 1024 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*parse_quantity("716800Ki"), 716800.0 * 1024);
  EXPECT_DOUBLE_EQ(*parse_quantity("128974848"), 128974848.0);
  EXPECT_DOUBLE_EQ(*parse_quantity("129e6"), 129e6);
  EXPECT_DOUBLE_EQ(*parse_quantity("129M"), 129e6);
  EXPECT_DOUBLE_EQ(*parse_quantity("+2k"), 2000.0);
}

TEST(Quantity, TextThatIsNotAQuantity) {
  for (const char* text : {"", "m", "Mi", "12 Mi", "abc", "1.2.3", "12mm", "inf", "nan"}) {
    EXPECT_FALSE(parse_quantity(text)) << text;
  }
}

}  // namespace
}  // namespace flinktop::kube
