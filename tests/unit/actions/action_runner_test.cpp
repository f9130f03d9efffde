// The ActionRunner: tasks run on threads it owns and joins; going away cancels what still runs, and
// an action in the middle of a savepoint wait ends then (journaled as failed: cancelled) instead of
// being left to a detached thread. Through a REST savepoint whose status never completes, and an
// operator savepoint that the operator never reports.
#include "core/actions/action_runner.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/actions/job_actions.hpp"
#include "core/actions/operator_actions.hpp"
#include "core/error.hpp"
#include "core/flink/endpoint.hpp"
#include "demo/kube_api_server.hpp"
#include "demo/loopback_server.hpp"
#include "support/kube_objects.hpp"
#include "support/run_command.hpp"

namespace flinktop::actions {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

TEST(ActionRunner, RunsTasksAndJoinsThem) {
  std::atomic<int> ran{0};
  {
    ActionRunner runner;
    for (int i = 0; i < 5; ++i) runner.start([&](http::CancelToken&) { ran.fetch_add(1); });
  }  // joined here
  EXPECT_EQ(ran.load(), 5);
}

TEST(ActionRunner, GoingAwayCancelsAWaitingTaskAndJoinsItAtOnce) {
  std::atomic<bool> cancelled{false};
  const auto start = Clock::now();
  {
    ActionRunner runner;
    runner.start([&](http::CancelToken& cancel) { cancelled = !cancel.wait_for(10min); });
    while (runner.running() == 0 && Clock::now() - start < 5s) std::this_thread::yield();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(runner.running(), 1u);
  }
  EXPECT_TRUE(cancelled.load());
  EXPECT_LT(Clock::now() - start, 5s);  // the 10-minute wait ended with the runner, not after it
}

TEST(ActionRunner, AFinishedTaskIsNotRunning) {
  ActionRunner runner;
  std::mutex m;
  std::condition_variable cv;
  bool go = false;
  runner.start([&](http::CancelToken&) {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return go; });
  });
  EXPECT_EQ(runner.running(), 1u);
  {
    std::lock_guard lock(m);
    go = true;
  }
  cv.notify_all();
  const auto start = Clock::now();
  while (runner.running() != 0 && Clock::now() - start < 5s) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(runner.running(), 0u);
}

// A savepoint Flink never finishes: the action waits, the runner goes, the action ends cancelled.
TEST(ActionRunner, ACancelledSavepointWaitIsJournaledAsFailed) {
  demo::LoopbackServer flink;
  std::atomic<int> status_polls{0};
  flink.routes().Post(R"(/jobs/([0-9a-f]+)/savepoints)", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 202;
    res.set_content(json{{"request-id", json::parse(req.body).value("triggerId", "")}}.dump(), "application/json");
  });
  flink.routes().Get(R"(/jobs/([0-9a-f]+)/savepoints/([0-9a-f]+))", [&](const httplib::Request&, httplib::Response& res) {
    status_polls.fetch_add(1);
    res.set_content(R"({"status":{"id":"IN_PROGRESS"}})", "application/json");
  });
  flink.start();
  test::TempDir dir;
  Journal journal(dir.path() + "/actions.log");
  JobRef job;
  job.cluster.context = "dev";
  job.cluster.namespace_ = "streaming";
  job.cluster.name = "adhoc";
  job.cluster.kind = model::ClusterKind::Native;
  job.job_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  job.job_name = "adhoc-job";
  std::string outcome;
  const auto start = Clock::now();
  {
    ActionRunner runner;
    runner.start([&](http::CancelToken& cancel) {
      ActionContext ctx;
      ctx.flink = std::make_shared<flink::Client>(flink::direct_endpoint(flink.url()));
      ctx.journal = &journal;
      ctx.cancel = &cancel;
      try {
        savepoint_job(ctx, job, "");
        outcome = "completed";
      } catch (const Error& e) {
        outcome = e.kind() == ErrorKind::Cancelled ? "cancelled" : e.what();
      }
    });
    while (status_polls.load() < 2 && Clock::now() - start < 10s) std::this_thread::sleep_for(10ms);
    ASSERT_GE(status_polls.load(), 2);  // waiting for it now
  }
  EXPECT_EQ(outcome, "cancelled");
  EXPECT_LT(Clock::now() - start, 10s);
  const std::vector<JournalEntry> entries = journal.read();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].result, "started");
  EXPECT_EQ(entries[1].result, "failed");
  EXPECT_NE(entries[1].message.find("cancelled"), std::string::npos) << entries[1].message;
}

// The operator never reports the savepoint: the wait between its polls ends with the runner too.
TEST(ActionRunner, ACancelledOperatorSavepointWaitEnds) {
  demo::KubeApiServer api;
  api.add(kube::resources::kFlinkDeployments, test::make_flink_deployment("streaming", "orders", "local:///job.jar"));
  kube::RestConfig config;
  config.context = "dev";
  config.server = api.url();
  auto kube = std::make_shared<kube::ApiClient>(config);
  std::atomic<bool> cancelled{false};
  const auto start = Clock::now();
  {
    ActionRunner runner;
    runner.start([&](http::CancelToken& cancel) {
      const OperatorResource resource{kube, "streaming", "orders", false, &cancel};
      try {
        wait_for_savepoint(resource, SavepointRequested{"savepointTriggerNonce 1", ""}, std::chrono::system_clock::now(),
                           10min, 200ms);
      } catch (const Error& e) {
        cancelled = e.kind() == ErrorKind::Cancelled;
      }
    });
    std::this_thread::sleep_for(300ms);
  }
  EXPECT_TRUE(cancelled.load());
  EXPECT_LT(Clock::now() - start, 10s);
}

}  // namespace
}  // namespace flinktop::actions
