// Pods' CPU and memory from the metrics API: listed into the context's snapshot while the poller
// lives, summed per pod; a cluster without the API is asked once and marked.
#include <gtest/gtest.h>

#include "demo/kube_api_server.hpp"
#include "core/sync/pod_usage_poller.hpp"
#include "core/sync/pod_usage_reader.hpp"
#include "unit/demo/demo_test_support.hpp"

namespace flinktop::sync {
namespace {

using namespace std::chrono_literals;
using demo::test_support::eventually;
using nlohmann::json;

TEST(PodUsagePoller, EveryPodsUsageInTheSnapshot) {
  demo::Environment env(demo::test_support::standing_still());
  auto api = demo::test_support::client_for(env);
  model::Store store;
  PodUsagePoller poller(api, store, "", 100ms);
  ASSERT_TRUE(eventually([&] { return store.snapshot(api->context())->pod_usage != nullptr; }));
  const auto snapshot = store.snapshot(api->context());
  const auto pods = api->list(kube::resources::kPods, {}).items;
  ASSERT_FALSE(pods.empty());
  EXPECT_EQ(snapshot->pod_usage->size(), pods.size());
  const std::string key = pods[0]["metadata"].value("namespace", "") + "/" + pods[0]["metadata"].value("name", "");
  ASSERT_TRUE(snapshot->pod_usage->contains(key)) << key;
  EXPECT_GT(snapshot->pod_usage->at(key).cpu_cores, 0);
  EXPECT_GT(snapshot->pod_usage->at(key).memory_bytes, 500.0 * 1024 * 1024);
  EXPECT_TRUE(snapshot->status.at("pods.metrics.k8s.io").synced);
}

TEST(PodUsagePoller, ItsFiguresGoWithIt) {
  demo::Environment env(demo::test_support::standing_still());
  auto api = demo::test_support::client_for(env);
  model::Store store;
  {
    PodUsagePoller poller(api, store, "", 100ms);
    ASSERT_TRUE(eventually([&] { return store.snapshot(api->context())->pod_usage != nullptr; }));
  }
  EXPECT_EQ(store.snapshot(api->context())->pod_usage, nullptr) << "nobody refreshes them: not shown as current";
  EXPECT_FALSE(store.snapshot(api->context())->status.contains("pods.metrics.k8s.io"));
}

TEST(PodUsagePoller, WithoutTheMetricsApiItAsksOnceAndSaysSo) {
  demo::Environment env(demo::test_support::standing_still());
  env.kube().set_pod_metrics_served(false);
  auto api = demo::test_support::client_for(env);
  model::Store store;
  PodUsagePoller poller(api, store, "", 100ms);
  ASSERT_TRUE(eventually([&] {
    const auto snapshot = store.snapshot(api->context());  // held: the status lives in it
    return snapshot->status.contains("pods.metrics.k8s.io") && snapshot->status.at("pods.metrics.k8s.io").not_served;
  }));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(store.snapshot(api->context())->pod_usage, nullptr);
}

TEST(PodUsage, ContainersAreSummedAndUnreadableItemsLeftOut) {
  const json page = {
      {"kind", "PodMetricsList"},
      {"apiVersion", "metrics.k8s.io/v1beta1"},
      {"metadata", {{"resourceVersion", "77"}, {"continue", "next-page"}}},
      {"items",
       {{{"metadata", {{"name", "tm-1"}, {"namespace", "flink"}, {"labels", {{"app", "x"}, {"component", "taskmanager"}}}}},
         {"timestamp", "2026-11-22T10:00:00Z"},
         {"window", "15s"},
         {"containers", {{{"name", "flink-main-container"}, {"usage", {{"cpu", "250m"}, {"memory", "1Gi"}}}},
                         {{"name", "sidecar"}, {"usage", {{"cpu", "50000000n"}, {"memory", "64Mi"}}}}}}},
        {{"metadata", "not an object"}, {"containers", json::array()}},
        {{"metadata", {{"name", "no-containers"}, {"namespace", "flink"}}}},
        // Keys like the ones read, in other places, must not be taken for them.
        {{"containers", {{{"name", "c"}, {"usage", {{"cpu", "x"}}}}}},
         {"metadata", {{"namespace", "flink"}, {"name", "tm-2"}, {"continue", "not the list's"}}},
         {"usage", {{"cpu", "9"}}},
         {"name", "not-the-pod"}},
        "not an object"}}};
  model::PodUsageMap usage;
  const auto meta = read_pod_usage_page(page.dump(), usage);
  EXPECT_EQ(meta.continue_token, "next-page");
  EXPECT_EQ(meta.resource_version, "77");
  ASSERT_EQ(usage.size(), 2u);
  EXPECT_DOUBLE_EQ(usage.at("flink/tm-1").cpu_cores, 0.3);
  EXPECT_DOUBLE_EQ(usage.at("flink/tm-1").memory_bytes, 1024.0 * 1024 * 1024 + 64.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(usage.at("flink/tm-2").cpu_cores, 0);

  // A second page adds to the first.
  const json second = {{"metadata", {{"resourceVersion", "78"}}},
                       {"items", {{{"metadata", {{"name", "jm"}, {"namespace", "flink"}}},
                                   {"containers", {{{"usage", {{"cpu", "1"}, {"memory", "512Mi"}}}}}}}}}};
  EXPECT_EQ(read_pod_usage_page(second.dump(), usage).continue_token, "");
  EXPECT_EQ(usage.size(), 3u);
  EXPECT_DOUBLE_EQ(usage.at("flink/jm").cpu_cores, 1.0);
}

TEST(PodUsage, AMalformedPageThrows) {
  model::PodUsageMap usage;
  // As parse_error, the one exception ApiClient::list_pages reports as a malformed answer.
  EXPECT_THROW(read_pod_usage_page(R"({"items": [{"metadata": {"name": "x")", usage), nlohmann::json::parse_error);
  EXPECT_THROW(read_pod_usage_page("", usage), nlohmann::json::parse_error);
  EXPECT_THROW(read_pod_usage_page(R"({"items": [], "x": 1e999})", usage), nlohmann::json::parse_error);
}

}  // namespace
}  // namespace flinktop::sync
