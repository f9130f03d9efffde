// The TaskManagers' load: asked of each TaskManager only while a view shows it, through the same
// client path as a real cluster (the demo's Flink REST behind its API server's service proxy).
#include <gtest/gtest.h>

#include "core/sync/flink_poller.hpp"
#include "unit/demo/demo_test_support.hpp"

namespace flinktop::sync {
namespace {

using namespace std::chrono_literals;
using demo::test_support::eventually;

TEST(FlinkPollerLoad, EachTaskManagersLoadOnlyWhileAsked) {
  demo::Environment env(demo::test_support::standing_still());
  auto api = demo::test_support::client_for(env);
  auto client = std::make_shared<flink::Client>(flink::service_proxy_endpoint(api, "flink-demo", "orders-app-rest", "8081"));
  FlinkPoller poller(client, "demo/orders-app", nullptr, 100ms);
  ASSERT_TRUE(eventually([&] { return !poller.snapshot()->taskmanagers.empty(); }));
  EXPECT_TRUE(poller.snapshot()->taskmanager_load.empty()) << "not asked for: no request per TaskManager";

  poller.show_taskmanager_load(true);
  ASSERT_TRUE(eventually([&] {
    auto snap = poller.snapshot();
    return !snap->taskmanager_load.empty() && snap->taskmanager_load.size() == snap->taskmanagers.size();
  }));
  const auto snapshot = poller.snapshot();  // held: a range-for over a temporary's member would dangle
  for (const auto& [id, load] : snapshot->taskmanager_load) {
    EXPECT_GT(load.heap_max.value_or(0), 0) << id;
    EXPECT_LE(load.heap_used.value_or(-1), *load.heap_max) << id;
    EXPECT_TRUE(load.cpu_load) << id;
    EXPECT_TRUE(load.gc_count) << id;
    EXPECT_LE(load.managed_used.value_or(-1), load.managed_total.value_or(0)) << id;
  }

  poller.show_taskmanager_load(false);
  poller.poll_now();
  EXPECT_TRUE(eventually([&] { return poller.snapshot()->taskmanager_load.empty(); }));
}

}  // namespace
}  // namespace flinktop::sync
