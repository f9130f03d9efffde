// url_encode: RFC 3986 unreserved characters stay, everything else is %XX (upper-case hex).
#include <gtest/gtest.h>

#include "core/http/session.hpp"

namespace flinktop::http {
namespace {

TEST(UrlEncode, KeepsUnreservedCharacters) {
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode(""), "");
}

TEST(UrlEncode, EncodesReservedSpaceAndPercent) {
  EXPECT_EQ(url_encode(" /?&=+%#:,"), "%20%2F%3F%26%3D%2B%25%23%3A%2C");
  EXPECT_EQ(url_encode("app=flink,tier in (a,b)"), "app%3Dflink%2Ctier%20in%20%28a%2Cb%29");
}

TEST(UrlEncode, EncodesEveryUtf8AndControlByte) {
  EXPECT_EQ(url_encode("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(url_encode(std::string("\0\n", 2)), "%00%0A");
}

}  // namespace
}  // namespace flinktop::http
