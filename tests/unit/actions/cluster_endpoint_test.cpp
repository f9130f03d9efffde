// --flink-url's cluster: named host:port (the port the scheme implies when the URL has none),
// without user info, path or query; its id is the URL itself. And when the service proxy's answer
// is the API server's own refusal, which sends the route through a port-forward (that path runs
// against the real API server in tests/integration/kube_port_forward_test.cpp).
#include "core/actions/cluster_endpoint.hpp"

#include <gtest/gtest.h>

namespace flinktop::actions {
namespace {

TEST(FlinkUrlCluster, NamedByHostAndPort) {
  EXPECT_EQ(flink_url_cluster("http://127.0.0.1:8081").name, "127.0.0.1:8081");
  EXPECT_EQ(flink_url_cluster("http://127.0.0.1:8081/").name, "127.0.0.1:8081");
  EXPECT_EQ(flink_url_cluster("https://flink.example.com/proxy/flink?x=1").name, "flink.example.com:443");
  EXPECT_EQ(flink_url_cluster("http://flink.example.com#top").name, "flink.example.com:80");
  EXPECT_EQ(flink_url_cluster("http://[::1]:8081/").name, "[::1]:8081");
  EXPECT_EQ(flink_url_cluster("https://[::1]").name, "[::1]:443");
  EXPECT_EQ(flink_url_cluster("http://ops@host:9000").name, "host:9000");
  const model::Cluster c = flink_url_cluster("http://127.0.0.1:8081");
  EXPECT_EQ(c.id, "http://127.0.0.1:8081");
  EXPECT_EQ(c.kind, model::ClusterKind::Standalone);
  EXPECT_TRUE(c.namespace_.empty());
}

http::Response response(long status, std::string body) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// What makes the route switch to a port-forward: the API server speaking for itself (the real
// one answers 404 "services \"x\" not found" for a Service it has but cannot reach), never Flink.
TEST(ApiServerRefusedProxy, OnlyAKubernetesStatusWithAStatusOfThe403To503Kind) {
  const std::string status404 =
      R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"services \"flink-jobmanager-rest\" not found","reason":"NotFound","details":{"name":"flink-jobmanager-rest","kind":"services"},"code":404})";
  EXPECT_TRUE(api_server_refused_proxy(response(404, status404)));
  EXPECT_TRUE(api_server_refused_proxy(response(503, R"({"kind":"Status","apiVersion":"v1","message":"no endpoints available for service \"x\"","code":503})")));
  EXPECT_TRUE(api_server_refused_proxy(response(403, R"({"kind":"Status","apiVersion":"v1","reason":"Forbidden","code":403})")));
  // Flink's own errors through a working proxy.
  EXPECT_FALSE(api_server_refused_proxy(response(404, R"({"errors":["Job 1234 not found"]})")));
  EXPECT_FALSE(api_server_refused_proxy(response(503, "<html>Service Unavailable</html>")));
  // Statuses that do not mean "cannot reach it".
  EXPECT_FALSE(api_server_refused_proxy(response(200, status404)));
  EXPECT_FALSE(api_server_refused_proxy(response(409, R"({"kind":"Status","apiVersion":"v1","code":409})")));
  EXPECT_FALSE(api_server_refused_proxy(response(401, R"({"kind":"Status","apiVersion":"v1","code":401})")));
}

}  // namespace
}  // namespace flinktop::actions
