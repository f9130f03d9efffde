// The demo's simulated Flink REST endpoints through flink::Client and the API server's service
// proxy, as flinktop reaches them: reads decode, a savepoint completes with a path, a repeated
// trigger id is the same operation, cancel reaches CANCELED, stop-with-savepoint finishes the job.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "demo/environment.hpp"
#include "demo/kube_api_server.hpp"
#include "demo/simulation.hpp"
#include "demo_test_support.hpp"

namespace flinktop::demo {
namespace {

using test_support::client_for;
using test_support::eventually;

// The first RUNNING job of a cluster.
std::string running_job(flink::Client& flink) {
  for (const auto& job : flink.jobs()) {
    if (job.state == "RUNNING") return job.id;
  }
  return "";
}

// The world moves on its 500 ms tick: a zero period once made the tick thread spin (a core's fifth
// on the simulation and as much again on repainting), and a TaskManager never restarted.
TEST(DemoFlink, TheWorldStepsEveryHalfSecondNotContinuously) {
  Environment env;
  const auto before = env.simulation().ticks();
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));
  const auto steps = env.simulation().ticks() - before;
  EXPECT_GE(steps, 1u);
  EXPECT_LE(steps, 6u) << "the tick thread does not wait between steps";
}

TEST(DemoFlink, ASimulationWithoutATickPeriodIsRefused) {
  KubeApiServer kube;
  SimulationOptions options;
  options.tick = std::chrono::milliseconds(0);
  EXPECT_THROW(Simulation(kube, options), std::invalid_argument);
}

TEST(DemoFlink, ReadsDecodeForBothVersions) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  for (const auto& [service, version] : {std::pair{"flink-jobmanager", "1.20.1"},
                                         std::pair{"analytics-session-rest", "2.0.0"}}) {
    auto flink = test_support::flink_client(api, "flink-demo", service);
    EXPECT_EQ(flink.config().flink_version, version);
    EXPECT_EQ(flink.overview().taskmanagers, 3);
    const std::string id = running_job(flink);
    ASSERT_FALSE(id.empty());
    const auto details = flink.job(id);
    ASSERT_FALSE(details.vertices.empty());
    EXPECT_EQ(flink.backpressure(id, details.vertices.front().id).status, "ok");
    EXPECT_NO_THROW(flink.checkpoints(id));
    EXPECT_NO_THROW(flink.exceptions(id, 10));
    const auto tms = flink.taskmanagers();
    ASSERT_EQ(tms.size(), 3u);
    EXPECT_NO_THROW(flink.taskmanager(tms.front().id));
    EXPECT_FALSE(flink.taskmanager_metrics(tms.front().id, {"Status.JVM.Memory.Heap.Used"}).empty());
    EXPECT_FALSE(flink.subtask_metrics(id, details.vertices.back().id, {"numRecordsInPerSecond"}).empty());
  }
}

TEST(DemoFlink, SavepointCompletesWithAPathAndTheSameTriggerIdIsTheSameOperation) {
  Environment env;
  auto flink = test_support::flink_client(client_for(env), "flink-demo", "flink-jobmanager");
  const std::string id = running_job(flink);
  ASSERT_FALSE(id.empty());
  flink::SavepointRequest request;
  request.trigger_id = flink::new_trigger_id();
  EXPECT_EQ(flink.trigger_savepoint(id, request).trigger_id, request.trigger_id);
  EXPECT_EQ(flink.trigger_savepoint(id, request).trigger_id, request.trigger_id);  // a retry, not a second savepoint
  const auto first = flink.operation_status(id, flink::OperationKind::Savepoint, request.trigger_id);
  EXPECT_FALSE(first.completed);  // savepoints take a few seconds

  flink::WaitOptions wait;
  wait.deadline = std::chrono::seconds(20);
  const auto done = flink.wait_for_operation(id, flink::OperationKind::Savepoint, request.trigger_id, wait);
  EXPECT_EQ(done.location.rfind("s3://flink-demo/savepoints/flink-demo/flink/savepoint-", 0), 0u) << done.location;
  // Asked again with the same id: the same result, no new savepoint.
  EXPECT_EQ(flink.trigger_savepoint(id, request).trigger_id, request.trigger_id);
  EXPECT_EQ(flink.operation_status(id, flink::OperationKind::Savepoint, request.trigger_id).location, done.location);
  const auto stats = flink.checkpoints(id);
  EXPECT_EQ(stats.counts.total, stats.counts.completed + stats.counts.failed + stats.counts.in_progress);
}

TEST(DemoFlink, CancelGoesThroughCancellingToCanceled) {
  Environment env;
  auto flink = test_support::flink_client(client_for(env), "flink-demo", "flink-jobmanager");
  const std::string id = running_job(flink);
  ASSERT_FALSE(id.empty());
  flink.cancel(id);
  EXPECT_EQ(flink.job(id).state, "CANCELLING");
  EXPECT_TRUE(eventually([&] { return flink.job(id).state == "CANCELED"; }));
}

TEST(DemoFlink, StopWithSavepointFinishesTheJob) {
  Environment env;
  auto flink = test_support::flink_client(client_for(env), "flink-demo", "analytics-session-rest");
  const std::string id = running_job(flink);
  ASSERT_FALSE(id.empty());
  const std::string trigger = flink.stop_with_savepoint(id, {}).trigger_id;
  flink::WaitOptions wait;
  wait.deadline = std::chrono::seconds(20);
  const auto done = flink.wait_for_operation(id, flink::OperationKind::StopWithSavepoint, trigger, wait);
  EXPECT_FALSE(done.location.empty());
  EXPECT_TRUE(eventually([&] { return flink.job(id).state == "FINISHED"; }));
}

TEST(DemoFlink, UnknownJobIsNotFound) {
  Environment env(test_support::standing_still());
  auto flink = test_support::flink_client(client_for(env), "flink-demo", "orders-app-rest");
  try {
    flink.job("00000000000000000000000000000000");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
  }
}

}  // namespace
}  // namespace flinktop::demo
