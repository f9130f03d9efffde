// Savepoint, stop and checkpoint triggers (caller-made trigger ids, idempotent retries, each
// endpoint's field names) and the polling of their status against a scripted loopback Flink.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "fake_flink.hpp"

namespace flinktop::flink {
namespace {

using namespace fake;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Flink's idempotency, as the fake models it: one savepoint per trigger id.
struct SavepointFake {
  FakeFlink flink;
  std::mutex mutex;
  std::map<std::string, int> savepoints_by_trigger;
  std::string answer_id;  // when set, answered instead of the request's id

  SavepointFake() {
    flink.routes().Post(R"(/jobs/[0-9a-f]+/(savepoints|stop|checkpoints))",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          auto body = json::parse(req.body);
                          std::string id = body.value("triggerId", std::string());
                          std::lock_guard lock(mutex);
                          savepoints_by_trigger.try_emplace(id,
                                                            static_cast<int>(savepoints_by_trigger.size()));
                          reply(res, 202, json{{"request-id", answer_id.empty() ? id : answer_id}}.dump());
                        });
    flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"flink-version":"1.20.5"})");
    });
    flink.start();
  }
};

TEST(FlinkOperations, SameTriggerIdIsSentOnEveryAttempt) {
  SavepointFake fake;
  Client client = client_for(fake.flink);
  SavepointRequest request;
  request.trigger_id = kTrigger;
  request.target_directory = "file:///sp";
  const Triggered first_attempt = client.trigger_savepoint(kJob, request);
  EXPECT_EQ(first_attempt.trigger_id, kTrigger);
  EXPECT_TRUE(first_attempt.idempotent());
  EXPECT_EQ(client.trigger_savepoint(kJob, request).trigger_id, kTrigger);  // a retry
  auto requests = fake.flink.requests();
  ASSERT_EQ(requests.size(), 3u);  // /config (the version, once), then the two triggers
  EXPECT_EQ(requests[0].path, "/config");
  EXPECT_EQ(requests[1].body, requests[2].body);
  EXPECT_EQ(json::parse(requests[1].body)["triggerId"], kTrigger);
  EXPECT_EQ(fake.savepoints_by_trigger.size(), 1u);  // one savepoint, not two

  // Without a caller's id, each trigger gets a fresh valid one, returned to the caller.
  std::string first = client.trigger_savepoint(kJob, {}).trigger_id;
  std::string second = client.trigger_savepoint(kJob, {}).trigger_id;
  EXPECT_TRUE(is_valid_trigger_id(first));
  EXPECT_NE(first, second);
  EXPECT_EQ(json::parse(fake.flink.requests().back().body)["triggerId"], second);
}

TEST(FlinkOperations, TriggerIdsAreCheckedBothWays) {
  SavepointFake fake;
  Client client = client_for(fake.flink);
  StopRequest bad;
  bad.trigger_id = "NOT-HEX";
  EXPECT_EQ(expect_error([&] { client.stop_with_savepoint(kJob, bad); }).kind(), ErrorKind::Usage);
  EXPECT_TRUE(fake.flink.requests().empty());
  fake.answer_id = "ffffffffffffffffffffffffffffffff";
  EXPECT_EQ(expect_error([&] { client.trigger_savepoint(kJob, {}); }).kind(), ErrorKind::Decode);
}

TEST(FlinkOperations, StopAndCheckpointSendTheirOwnFieldNames) {
  SavepointFake fake;
  Client client = client_for(fake.flink);
  StopRequest stop;
  stop.target_directory = "s3://bucket/sp";
  stop.drain = true;
  stop.format = "NATIVE";
  client.stop_with_savepoint(kJob, stop);
  CheckpointRequest checkpoint;
  checkpoint.type = "FULL";
  client.trigger_checkpoint(kJob, checkpoint);
  auto requests = fake.flink.requests();
  ASSERT_EQ(requests.size(), 3u);  // /config (version check, once), stop, checkpoint
  EXPECT_EQ(requests[0].path, "/config");
  EXPECT_EQ(requests[1].path, std::string("/jobs/") + kJob + "/stop");
  json stop_body = json::parse(requests[1].body);
  EXPECT_EQ(stop_body["targetDirectory"], "s3://bucket/sp");
  EXPECT_FALSE(stop_body.contains("target-directory"));
  EXPECT_EQ(stop_body["drain"], true);
  EXPECT_EQ(stop_body["formatType"], "NATIVE");
  EXPECT_EQ(requests[2].path, std::string("/jobs/") + kJob + "/checkpoints");
  EXPECT_EQ(json::parse(requests[2].body)["checkpointType"], "FULL");
  EXPECT_EQ(requests[2].content_type, "application/json");
}

TEST(FlinkOperations, CheckpointTriggerNeedsFlink119) {
  FakeFlink flink;
  flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"flink-version":"1.18.1"})");
  });
  flink.start();
  Error e = expect_error([&] { client_for(flink).trigger_checkpoint(kJob, {}); });
  EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
  EXPECT_NE(std::string(e.what()).find("1.19"), std::string::npos);
  EXPECT_EQ(flink.count("POST", std::string("/jobs/") + kJob + "/checkpoints"), 0);
}

TEST(FlinkOperations, ExpiredOperationResultIsNotFoundAndSaysWhy) {
  FakeFlink flink;
  flink.routes().Get(R"(/jobs/[0-9a-f]+/(savepoints|checkpoints)/[0-9a-f]+)",
                     [](const httplib::Request&, httplib::Response& res) {
                       reply(res, 404,
                             flink_errors("org.apache.flink.runtime.rest.handler.RestHandlerException: "
                                          "There is no savepoint operation with triggerId=x."));
                     });
  flink.start();
  Client client = client_for(flink);
  Error e = expect_error([&] { client.operation_status(kJob, OperationKind::Savepoint, kTrigger); });
  EXPECT_EQ(e.kind(), ErrorKind::NotFound);
  EXPECT_NE(std::string(e.what()).find("rest.async.store-duration"), std::string::npos) << e.what();
  auto requests = flink.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, std::string("/jobs/") + kJob + "/savepoints/" + kTrigger);
  // Stop-with-savepoint is polled on the savepoint route, checkpoints on their own.
  expect_error([&] { client.operation_status(kJob, OperationKind::StopWithSavepoint, kTrigger); });
  expect_error([&] { client.operation_status(kJob, OperationKind::Checkpoint, kTrigger); });
  requests = flink.requests();
  EXPECT_EQ(requests[1].path, std::string("/jobs/") + kJob + "/savepoints/" + kTrigger);
  EXPECT_EQ(requests[2].path, std::string("/jobs/") + kJob + "/checkpoints/" + kTrigger);
}

// Answers IN_PROGRESS `pending` times, then `final_body`.
struct OperationFake {
  FakeFlink flink;
  std::atomic<int> pending;
  std::string final_body;

  OperationFake(int in_progress, std::string final_answer)
      : pending(in_progress), final_body(std::move(final_answer)) {
    flink.routes().Get(R"(/jobs/[0-9a-f]+/savepoints/[0-9a-f]+)",
                       [this](const httplib::Request&, httplib::Response& res) {
                         if (pending.fetch_sub(1) > 0)
                           return reply(res, 200, R"({"status":{"id":"IN_PROGRESS"}})");
                         reply(res, 200, final_body);
                       });
    flink.start();
  }
};

TEST(FlinkOperations, WaitForOperationPollsWithBackoffUntilCompleted) {
  OperationFake fake(3, R"({"status":{"id":"COMPLETED"},"operation":{"location":"file:/sp/savepoint-1"}})");
  Client client = client_for(fake.flink);
  auto start = Clock::now();
  OperationStatus done = client.wait_for_operation(kJob, OperationKind::Savepoint, kTrigger);
  auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_EQ(done.location, "file:/sp/savepoint-1");
  EXPECT_EQ(fake.flink.requests().size(), 4u);
  EXPECT_GE(elapsed, 200 + 400 + 800 - 50);  // 200 ms doubling
  EXPECT_LT(elapsed, 5'000);
}

TEST(FlinkOperations, WaitForOperationThrowsTheFailureCause) {
  OperationFake fake(0, R"js({"status":{"id":"COMPLETED"},"operation":{"failure-cause":{"class":"x",
      "stack-trace":"java.util.concurrent.CompletionException: java.io.IOException: No space left on device\n\tat a.B(B.java:1)"}}})js");
  Error e = expect_error(
      [&] { client_for(fake.flink).wait_for_operation(kJob, OperationKind::Savepoint, kTrigger); });
  EXPECT_EQ(e.kind(), ErrorKind::Server);
  EXPECT_EQ(std::string(e.what()), std::string("savepoint of job ") + kJob + " failed on " +
                                       fake.flink.url() + ": No space left on device");
}

TEST(FlinkOperations, WaitForOperationStopsAtTheDeadlineAndOnCancel) {
  OperationFake fake(1'000'000, "");
  Client client = client_for(fake.flink);
  WaitOptions options;
  options.deadline = milliseconds(700);
  auto start = Clock::now();
  Error e =
      expect_error([&] { client.wait_for_operation(kJob, OperationKind::Savepoint, kTrigger, options); });
  auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_EQ(e.kind(), ErrorKind::Timeout);
  EXPECT_NE(std::string(e.what()).find("still in progress"), std::string::npos);
  EXPECT_GE(elapsed, 650);
  EXPECT_LT(elapsed, 1'500);

  http::CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(300));
    cancel.cancel();
  });
  start = Clock::now();
  Error cancelled =
      expect_error([&] { client.wait_for_operation(kJob, OperationKind::Savepoint, kTrigger, {}, &cancel); });
  canceller.join();
  EXPECT_EQ(cancelled.kind(), ErrorKind::Cancelled);
  EXPECT_LT(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count(), 1'000);
}

}  // namespace
}  // namespace flinktop::flink
