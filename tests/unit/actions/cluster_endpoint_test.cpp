// --flink-url's cluster: named host:port (the port the scheme implies when the URL has none),
// without user info, path or query; its id is the URL itself.
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

}  // namespace
}  // namespace flinktop::actions
