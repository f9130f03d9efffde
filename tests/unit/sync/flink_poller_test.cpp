// The Flink poller's faults: a JobManager that fails (500) or restarts keeps the last data on
// screen with its time and the error beside it, is retried with backoff, and recovers by itself;
// a job that vanishes between the list and its details leaves the job list updating.
#include "core/sync/flink_poller.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "unit/flink/fake_flink.hpp"

namespace flinktop::sync {
namespace {

using flink::fake::FakeFlink;
using flink::fake::reply;
using namespace std::chrono_literals;

// Waits (bounded) until `poller`'s snapshot satisfies `ok`.
template <class Predicate>
std::shared_ptr<const model::FlinkClusterSnapshot> await(const FlinkPoller& poller, Predicate ok) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto snap = poller.snapshot();
    if (snap && ok(*snap)) return snap;
    std::this_thread::sleep_for(10ms);
  }
  ADD_FAILURE() << "the poller never got there";
  return poller.snapshot();
}

class FlinkPollerFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"flink-version":"1.20.1","features":{"web-submit":true}})");
    });
    flink.routes().Get("/overview", [this](const httplib::Request&, httplib::Response& res) {
      if (failing) return reply(res, 500, R"({"errors":["JobManager is restarting"]})");
      reply(res, 200, R"({"taskmanagers":1,"slots-total":4,"slots-available":3,"jobs-running":1,"flink-version":"1.20.1"})");
    });
    flink.routes().Get("/jobs/overview", [this](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, std::string(R"({"jobs":[{"jid":")") + flink::fake::kJob + R"(","name":"orders","state":")" +
                          (vanished ? "CANCELED" : "RUNNING") +
                          R"(","start-time":1,"end-time":-1,"duration":5,"last-modification":1,"tasks":{"total":1}}]})");
    });
    flink.routes().Get("/taskmanagers", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"taskmanagers":[]})");
    });
    flink.routes().Get(R"(/jobs/(\w+))", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 404, R"({"errors":["Job could not be found."]})");  // vanished
    });
    flink.start();
  }

  FakeFlink flink;
  std::atomic<bool> failing{false};
  std::atomic<bool> vanished{false};
};

TEST_F(FlinkPollerFaults, StaleDataIsKeptWithItsTimeAndTheErrorThenRecovers) {
  FlinkPoller poller(std::make_shared<flink::Client>(flink::direct_endpoint(flink.url())), "c", nullptr, 50ms);
  auto good = await(poller, [](const auto& s) { return s.overview.has_value() && s.error.empty(); });
  ASSERT_EQ(good->jobs.size(), 1u);
  const auto last_good = good->updated;

  failing = true;
  auto stale = await(poller, [](const auto& s) { return !s.error.empty(); });
  EXPECT_NE(stale->error.find("JobManager is restarting"), std::string::npos) << stale->error;
  ASSERT_TRUE(stale->overview.has_value()) << "the last data stays";
  EXPECT_EQ(stale->jobs.size(), 1u);
  EXPECT_EQ(stale->updated, last_good) << "and says how old it is";
  EXPECT_GT(stale->attempted, stale->updated);

  // Retries back off (first retry after about a second, not every 50 ms).
  const int overviews_before = flink.count("GET", "/overview");
  std::this_thread::sleep_for(400ms);
  EXPECT_LE(flink.count("GET", "/overview") - overviews_before, 1);

  failing = false;
  poller.poll_now();
  auto recovered = await(poller, [](const auto& s) { return s.error.empty(); });
  EXPECT_GT(recovered->updated, last_good);
}

TEST_F(FlinkPollerFaults, AJobThatVanishedLeavesTheListUpdating) {
  FlinkPoller poller(std::make_shared<flink::Client>(flink::direct_endpoint(flink.url())), "c", nullptr, 50ms);
  poller.open_job(flink::fake::kJob);
  vanished = true;
  auto snap = await(poller, [](const auto& s) { return s.open_job.has_value() && !s.open_job->error.empty(); });
  EXPECT_TRUE(snap->error.empty()) << "the cluster itself answers";
  ASSERT_EQ(snap->jobs.size(), 1u);
  EXPECT_EQ(snap->jobs[0].state, "CANCELED");
  EXPECT_NE(snap->open_job->error.find("not found"), std::string::npos) << snap->open_job->error;
}

}  // namespace
}  // namespace flinktop::sync
