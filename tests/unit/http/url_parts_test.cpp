// URLs split by libcurl's parser for code that dials a server itself (the port-forward and its
// proxy): IPv6 hosts without brackets, the scheme's port when none is written, credentials decoded,
// a bare host:port read as http only when asked, and nothing for text that is no URL.
#include "core/http/url_parts.hpp"

#include <gtest/gtest.h>

namespace flinktop::http {
namespace {

TEST(UrlParts, SplitsAServerUrlAsEveryRequestReadsIt) {
  const auto url = parse_url("HTTPS://[::1]:6443/k8s/clusters/c-1/");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "6443");
  EXPECT_EQ(url->default_port, "6443");
  EXPECT_EQ(url->path, "/k8s/clusters/c-1");

  const auto plain = parse_url("https://api.example.com");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, "");
  EXPECT_EQ(plain->default_port, "443");
  EXPECT_EQ(plain->path, "");
}

TEST(UrlParts, CredentialsAreDecodedAndABareHostPortIsHttpOnlyWhenGuessing) {
  const auto proxy = parse_url("http://flink%20top:s%40cret@proxy.example:3128", true);
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->user, "flink top");
  EXPECT_EQ(proxy->password, "s@cret");
  const auto guessed = parse_url("proxy.example:3128", true);
  ASSERT_TRUE(guessed);
  EXPECT_EQ(guessed->scheme, "http");
  EXPECT_EQ(guessed->host, "proxy.example");
  EXPECT_FALSE(parse_url("proxy.example:3128"));
  EXPECT_FALSE(parse_url("http://[::1"));
}

}  // namespace
}  // namespace flinktop::http
