// The poller fills the open job's history at each poll (so views only read it), keeps it for a
// job that is closed and opened again, and reads the JobManager's configuration once — or, from a
// JobManager that refuses it, not again.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/sync/flink_poller.hpp"
#include "unit/flink/fake_flink.hpp"

namespace flinktop::sync {
namespace {

using flink::fake::FakeFlink;
using flink::fake::kJob;
using flink::fake::reply;
using namespace std::chrono_literals;

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

class PollerHistory : public ::testing::Test {
 protected:
  void start(bool with_configuration) {
    flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"flink-version":"1.20.1"})");
    });
    flink.routes().Get("/overview", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"taskmanagers":1,"slots-total":2,"slots-available":0,"jobs-running":1})");
    });
    flink.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"jobs":[]})");
    });
    flink.routes().Get("/taskmanagers", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"taskmanagers":[]})");
    });
    if (with_configuration) {
      flink.routes().Get("/jobmanager/config", [](const httplib::Request&, httplib::Response& res) {
        reply(res, 200, R"([{"key":"rest.port","value":"8081"},{"key":"state.savepoints.dir","value":"s3://sp"}])");
      });
    }
    // Every answer a second later on the JobManager's clock, with 1,000 more records.
    flink.routes().Get(std::string("/jobs/") + kJob, [this](const httplib::Request&, httplib::Response& res) {
      const long long n = polls++;
      reply(res, 200,
            R"({"jid":")" + std::string(kJob) + R"(","name":"j","state":"RUNNING","now":)" + std::to_string(1'000'000 + n * 1000) +
                R"(,"vertices":[{"id":"v","name":"Source","parallelism":1,"status":"RUNNING","metrics":{"write-records":)" +
                std::to_string(n * 1000) + R"(,"accumulated-idle-time":)" + std::to_string(n) +
                R"(}}],"plan":{"nodes":[{"id":"v","description":"Source"}]}})");
    });
    flink.routes().Get(std::string("/jobs/") + kJob + "/checkpoints", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"counts":{},"history":[]})");
    });
    flink.routes().Get(std::string("/jobs/") + kJob + "/exceptions", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"exceptionHistory":{"entries":[]}})");
    });
    flink.start();
  }

  FakeFlink flink;
  std::atomic<long long> polls{0};
};

TEST_F(PollerHistory, EachPollOfTheOpenJobAddsASample) {
  start(true);
  FlinkPoller poller(std::make_shared<flink::Client>(flink::direct_endpoint(flink.url())), "c", nullptr, 30ms);
  poller.open_job(kJob);
  auto snap = await(poller, [](const auto& s) { return s.open_job && s.open_job->history.samples().size() >= 3; });
  const model::JobHistory& history = snap->open_job->history;
  EXPECT_DOUBLE_EQ(history.samples().back().records_in_per_second, 1000);
  ASSERT_TRUE(snap->jobmanager_config);
  EXPECT_EQ(snap->jobmanager_config->back(), (std::pair<std::string, std::string>("state.savepoints.dir", "s3://sp")));

  // Closed, then opened again: its history is still there and goes on.
  const std::size_t before = history.samples().size();
  poller.open_job("");
  await(poller, [](const auto& s) { return !s.open_job; });
  poller.open_job(kJob);
  auto again = await(poller, [&](const auto& s) { return s.open_job && s.open_job->history.samples().size() > before; });
  EXPECT_GT(again->open_job->history.samples().size(), before);
  EXPECT_EQ(flink.count("GET", "/jobmanager/config"), 1) << "read once";
}

TEST_F(PollerHistory, AJobManagerThatRefusesItsConfigurationIsNotAskedAgain) {
  start(false);  // 404
  FlinkPoller poller(std::make_shared<flink::Client>(flink::direct_endpoint(flink.url())), "c", nullptr, 20ms);
  auto snap = await(poller, [&](const auto&) { return flink.count("GET", "/overview") >= 4; });
  EXPECT_FALSE(snap->jobmanager_config);
  EXPECT_TRUE(snap->error.empty()) << snap->error;
  EXPECT_EQ(flink.count("GET", "/jobmanager/config"), 1);
}

}  // namespace
}  // namespace flinktop::sync
