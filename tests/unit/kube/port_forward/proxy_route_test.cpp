// Which proxy a port-forward's WebSockets go through: the kubeconfig's proxy-url always; else the
// environment's, read as libcurl reads it for the rest of the client (so a forward never goes
// around a proxy the other requests take, nor through one they skip).
#include "core/kube/port_forward/proxy_route.hpp"

#include <gtest/gtest.h>

#include <map>

namespace flinktop::kube {
namespace {

EnvLookup env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ProxyRoute, TheKubeconfigsProxyUrlIsUsedWithItsCredentialsEvenForLoopback) {
  const ProxyRoute route = proxy_route("127.0.0.1", true, "http://flinktop:s%40cret@127.0.0.1:3128", env({}));
  EXPECT_EQ(route.host, "127.0.0.1");
  EXPECT_EQ(route.port, "3128");
  ASSERT_TRUE(route.authorization);
  EXPECT_EQ(*route.authorization, "Basic Zmxpbmt0b3A6c0BjcmV0");  // base64("flinktop:s@cret")
  EXPECT_EQ(route.shown, "http://127.0.0.1:3128");
  EXPECT_TRUE(route.unsupported.empty());
}

TEST(ProxyRoute, SocksAndHttpsProxiesAreSaidToBeUnsupportedNotGoneAround) {
  const ProxyRoute socks = proxy_route("api.example", true, "socks5://user:pw@proxy.example:1080", env({}));
  EXPECT_EQ(socks.unsupported,
            "port-forward: the proxy socks5://proxy.example:1080 is not supported for port-forwards (an http:// proxy is)");
  EXPECT_EQ(socks.unsupported.find("pw"), std::string::npos);
  EXPECT_FALSE(proxy_route("api.example", true, "https://proxy.example:443", env({})).unsupported.empty());
}

TEST(ProxyRoute, TheEnvironmentsProxyByTheServersSchemeAsLibcurlReadsIt) {
  const auto environment = env({{"HTTPS_PROXY", "proxy.example:3128"}, {"HTTP_PROXY", "ignored.example:1"},
                                {"ALL_PROXY", "http://all.example:8080"}});
  const ProxyRoute https = proxy_route("api.example", true, "", environment);
  EXPECT_EQ(https.host, "proxy.example");
  EXPECT_EQ(https.port, "3128");
  EXPECT_EQ(https.shown, "http://proxy.example:3128");  // host:port is an http proxy
  EXPECT_FALSE(https.authorization);
  // http://: upper-case HTTP_PROXY is not read (httpoxy); all_proxy is.
  EXPECT_EQ(proxy_route("api.example", false, "", environment).host, "all.example");
  // No port: libcurl's 1080.
  EXPECT_EQ(proxy_route("api.example", true, "", env({{"https_proxy", "http://proxy.example"}})).port, "1080");
}

TEST(ProxyRoute, NoProxyAndLoopbackServersGoStraight) {
  const auto environment = env({{"https_proxy", "http://proxy.example:3128"}, {"NO_PROXY", " .internal.example, 10.0.0.7"}});
  EXPECT_TRUE(proxy_route("api.internal.example", true, "", environment).host.empty());
  EXPECT_TRUE(proxy_route("internal.example", true, "", environment).host.empty());
  EXPECT_TRUE(proxy_route("10.0.0.7", true, "", environment).host.empty());
  EXPECT_EQ(proxy_route("notinternal.example", true, "", environment).host, "proxy.example");
  EXPECT_TRUE(proxy_route("api.example", true, "", env({{"https_proxy", "http://p:1"}, {"no_proxy", "*"}})).host.empty());
  for (const char* loopback : {"127.0.0.1", "127.3.4.5", "::1", "localhost"}) {
    EXPECT_TRUE(proxy_route(loopback, true, "", environment).host.empty()) << loopback;
  }
}

}  // namespace
}  // namespace flinktop::kube
