// make_target: origins for messages, tls-server-name via CONNECT_TO (IPv6 literals too), loopback.
#include "core/http/target.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace flinktop::http {
namespace {

TEST(HttpTarget, OriginNamesSchemeHostAndDefaultPortWithoutUserinfo) {
  const Target t = make_target("https://user:pw@api.example.com/api/v1?x=1", SessionOptions{});
  EXPECT_EQ(t.names.origin, "https://api.example.com:443");
  EXPECT_EQ(t.names.verify_name, "api.example.com");
  EXPECT_TRUE(t.connect_to.empty());
  EXPECT_FALSE(t.loopback);
  EXPECT_EQ(make_target("http://127.0.0.1:8081/jobs", SessionOptions{}).names.origin,
            "http://127.0.0.1:8081");
}

TEST(HttpTarget, ServerNameRewritesHostAndConnectsToTheRealIpv6Host) {
  SessionOptions options;
  options.tls.server_name = "kube.internal";
  const Target t = make_target("https://[::1]:6443/api?watch=1", options);
  EXPECT_EQ(t.url, "https://kube.internal:6443/api?watch=1");
  EXPECT_EQ(t.connect_to, "kube.internal:6443:[::1]:6443");
  EXPECT_EQ(t.host_header, "Host: [::1]:6443");
  EXPECT_EQ(t.names.origin, "https://[::1]:6443");
  EXPECT_EQ(t.names.verify_name, "kube.internal");
  EXPECT_TRUE(t.loopback);
}

TEST(HttpTarget, ServerNameIsIgnoredForPlainHttp) {
  SessionOptions options;
  options.tls.server_name = "kube.internal";
  const Target t = make_target("http://10.0.0.1:8080/", options);
  EXPECT_TRUE(t.connect_to.empty());
  EXPECT_EQ(t.url, "http://10.0.0.1:8080/");
}

TEST(HttpTarget, RejectsOtherSchemesAndGarbage) {
  for (const char* url : {"ftp://host/x", "not a url", ""}) {
    try {
      make_target(url, SessionOptions{});
      ADD_FAILURE() << url;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Config) << url;
    }
  }
}

}  // namespace
}  // namespace flinktop::http
