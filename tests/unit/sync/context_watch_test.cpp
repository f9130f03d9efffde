// A ContextWatch fills the Store with every Flink-related kind and leaves unserved ones marked.
#include "core/sync/context_watch.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/kube/objects/all.hpp"
#include "core/model/cluster_discovery.hpp"
#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"

namespace flinktop::sync {
namespace {

using namespace flinktop::test;
using namespace std::chrono_literals;
namespace r = kube::resources;

bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

std::shared_ptr<kube::ApiClient> client_for(const demo::KubeApiServer& server) {
  kube::RestConfig config;
  config.context = "ctx";
  config.server = server.url();
  return std::make_shared<kube::ApiClient>(config);
}

TEST(ContextWatch, ClustersAppearAndFollowTheServer) {
  demo::KubeApiServer server;
  server.add(r::kFlinkDeployments, make_flink_deployment("streaming", "orders", "local:///job.jar"));
  server.add(r::kPods, make_pod("streaming", "orders-jm", native_labels("orders", "jobmanager")));
  model::Store store;
  ContextWatch watch(client_for(server), store, "");

  auto clusters = [&] { return model::discover_clusters(*store.snapshot("ctx")); };
  ASSERT_TRUE(eventually([&] {
    auto found = clusters();
    return found.size() == 1 && found[0].pods.size() == 1 && found[0].operator_status.has_value();
  }));
  server.add(r::kPods, make_pod("streaming", "orders-taskmanager-1-1", native_labels("orders", "taskmanager")));
  ASSERT_TRUE(eventually([&] { return clusters().at(0).taskmanagers_total == 1; }));
  server.add(r::kDeployments, make_deployment("native", "n1", native_labels("n1", "jobmanager"), 1));
  ASSERT_TRUE(eventually([&] { return clusters().size() == 2; }));
  server.remove(r::kFlinkDeployments, "streaming", "orders");
  server.remove(r::kPods, "streaming", "orders-jm");
  server.remove(r::kPods, "streaming", "orders-taskmanager-1-1");
  ASSERT_TRUE(eventually([&] { return clusters().size() == 1; }));
}

TEST(ContextWatch, WithoutTheOperatorItsKindsAreMarkedNotServed) {
  demo::KubeApiServer server;
  server.set_operator_installed(false);
  model::Store store;
  ContextWatch watch(client_for(server), store, "");
  ASSERT_TRUE(eventually([&] {
    auto snap = store.snapshot("ctx");
    auto fd = snap->status.find("flinkdeployments.flink.apache.org");
    auto pods = snap->status.find("pods");
    return fd != snap->status.end() && fd->second.not_served && pods != snap->status.end() && pods->second.synced;
  }));
  EXPECT_EQ(server.list_requests("flinkdeployments"), 0);
}

}  // namespace
}  // namespace flinktop::sync
