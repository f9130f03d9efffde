// Operator-managed jobs are acted on through their custom resources, as the operator expects.
#include "core/actions/operator_actions.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/error.hpp"
#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"

namespace flinktop::actions {
namespace {

using flinktop::demo::KubeApiServer;
using nlohmann::json;
namespace r = kube::resources;

class OperatorActions : public ::testing::Test {
 protected:
  void SetUp() override {
    server.add(r::kFlinkDeployments, flinktop::test::make_flink_deployment("streaming", "orders", "local:///job.jar"));
    server.add(r::kFlinkDeployments, flinktop::test::make_flink_deployment("streaming", "shared", ""));
    kube::RestConfig config;
    config.context = "ctx";
    config.server = server.url();
    target.client = std::make_shared<kube::ApiClient>(config);
    target.namespace_ = "streaming";
    target.name = "orders";
  }

  json current(const std::string& name = "orders") {
    for (const json& fd : server.objects(r::kFlinkDeployments)) {
      if (fd["metadata"]["name"] == name) return fd;
    }
    return {};
  }

  KubeApiServer server;
  OperatorResource target;
};

TEST_F(OperatorActions, SuspendAndResumeSetTheJobState) {
  set_job_state(target, "suspended");
  EXPECT_EQ(current()["spec"]["job"]["state"], "suspended");
  EXPECT_EQ(current()["spec"]["job"]["upgradeMode"], "savepoint");  // the rest of the spec is untouched
  set_job_state(target, "running");
  EXPECT_EQ(current()["spec"]["job"]["state"], "running");
  EXPECT_THROW(set_job_state(target, "paused"), Error);
}

TEST_F(OperatorActions, DryRunChangesNothing) {
  set_job_state(target, "suspended", /*dry_run=*/true);
  EXPECT_EQ(current()["spec"]["job"]["state"], "running");
  restart(target, /*dry_run=*/true);
  EXPECT_FALSE(current()["spec"].contains("restartNonce"));
}

TEST_F(OperatorActions, SavepointCreatesAFlinkStateSnapshotForTheJob) {
  SavepointRequested requested = request_savepoint(target, {"/savepoints/orders", "NATIVE", true});
  auto snapshots = server.objects(r::kFlinkStateSnapshots);
  ASSERT_EQ(snapshots.size(), 1u);
  const json& spec = snapshots[0]["spec"];
  EXPECT_EQ(spec["jobReference"]["kind"], "FlinkDeployment");
  EXPECT_EQ(spec["jobReference"]["name"], "orders");
  EXPECT_EQ(spec["savepoint"]["path"], "/savepoints/orders");
  EXPECT_EQ(spec["savepoint"]["formatType"], "NATIVE");
  EXPECT_EQ(spec["savepoint"]["disposeOnDelete"], true);
  EXPECT_EQ(snapshots[0]["metadata"]["name"], requested.snapshot_name);
  EXPECT_EQ(requested.how, "FlinkStateSnapshot " + requested.snapshot_name);
}

TEST_F(OperatorActions, RestartBumpsTheNonceEachTime) {
  EXPECT_EQ(restart(target), 1);
  EXPECT_EQ(restart(target), 2);
  EXPECT_EQ(current()["spec"]["restartNonce"], 2);
}

TEST_F(OperatorActions, WithoutFlinkStateSnapshotsTheSavepointNonceIsBumped) {
  server.set_resource_served("flinkstatesnapshots", false);  // an operator older than 1.10
  SavepointRequested first = request_savepoint(target, {});
  EXPECT_EQ(first.how, "savepointTriggerNonce 1");
  EXPECT_TRUE(first.snapshot_name.empty());
  EXPECT_EQ(request_savepoint(target, {}).how, "savepointTriggerNonce 2");
  EXPECT_EQ(current()["spec"]["job"]["savepointTriggerNonce"], 2);
  EXPECT_TRUE(server.objects(r::kFlinkStateSnapshots).empty());

  // A directory cannot be chosen that way, and a session cluster has no job to savepoint.
  EXPECT_THROW(request_savepoint(target, {"/elsewhere", "", false}), Error);
  OperatorResource session = target;
  session.name = "shared";
  EXPECT_THROW(request_savepoint(session, {}), Error);
  EXPECT_EQ(restart(session), 1);  // but it can be restarted
}

TEST_F(OperatorActions, DeleteRemovesTheResourceAndMissingOnesSayNotFound) {
  delete_resource(target);
  EXPECT_TRUE(current().is_null());
  try {
    set_job_state(target, "running");
    FAIL() << "patching a deleted resource must fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    EXPECT_NE(std::string(e.what()).find("flinkdeployments.flink.apache.org \"orders\""), std::string::npos) << e.what();
  }
}

TEST(SnapshotName, IsStableReadableAndShortEnough) {
  const auto t = std::chrono::system_clock::from_time_t(1763719200);  // 2025-11-21T10:00:00Z
  EXPECT_EQ(snapshot_name_for("orders", t), "orders-savepoint-20251121-100000");
  EXPECT_EQ(snapshot_name_for(std::string(300, 'a'), t).size(), 253u);
}

// --- waiting for the operator's savepoint -------------------------------------------------------

TEST_F(OperatorActions, WaitReturnsTheSnapshotsPathOnceCompleted) {
  const auto requested_at = std::chrono::system_clock::now();
  SavepointRequested requested = request_savepoint(target, {"", "", false});
  // The operator completes it a little later, from its own thread.
  std::thread operator_thread([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    json snapshot = server.objects(r::kFlinkStateSnapshots).at(0);
    snapshot["status"] = {{"state", "COMPLETED"}, {"path", "s3://bucket/savepoint-1"}};
    server.modify(r::kFlinkStateSnapshots, snapshot);
  });
  const std::string path = wait_for_savepoint(target, requested, requested_at, std::chrono::seconds(10),
                                              std::chrono::milliseconds(50));
  operator_thread.join();
  EXPECT_EQ(path, "s3://bucket/savepoint-1");
}

TEST_F(OperatorActions, WaitReportsAFailedSnapshotWithTheOperatorsError) {
  SavepointRequested requested = request_savepoint(target, {"", "", false});
  json snapshot = server.objects(r::kFlinkStateSnapshots).at(0);
  snapshot["status"] = {{"state", "FAILED"}, {"error", "Checkpoint Coordinator is suspending."}};
  server.modify(r::kFlinkStateSnapshots, snapshot);
  try {
    wait_for_savepoint(target, requested, std::chrono::system_clock::now(), std::chrono::seconds(5),
                       std::chrono::milliseconds(50));
    ADD_FAILURE() << "no error for a FAILED snapshot";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Server);
    EXPECT_NE(std::string(e.what()).find("Checkpoint Coordinator is suspending"), std::string::npos) << e.what();
  }
}

TEST_F(OperatorActions, WaitOnTheNonceRouteWatchesTheLastSavepointAndTimesOut) {
  server.set_resource_served("flinkstatesnapshots", false);  // operator < 1.10
  const auto requested_at = std::chrono::system_clock::now();
  SavepointRequested requested = request_savepoint(target, {"", "", false});
  ASSERT_TRUE(requested.snapshot_name.empty());
  // Nothing happens: a bounded wait, then Timeout naming what was requested.
  try {
    wait_for_savepoint(target, requested, requested_at, std::chrono::milliseconds(200), std::chrono::milliseconds(50));
    ADD_FAILURE() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Timeout);
    EXPECT_NE(std::string(e.what()).find("savepointTriggerNonce"), std::string::npos) << e.what();
  }
  // The operator records the savepoint in the status: found.
  json fd = current();
  const long long now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  fd["status"]["jobStatus"]["savepointInfo"] = {
      {"lastSavepoint", {{"location", "file:/savepoints/sp-2"}, {"timeStamp", now_ms}, {"triggerType", "MANUAL"}}}};
  server.modify(r::kFlinkDeployments, fd);
  EXPECT_EQ(wait_for_savepoint(target, requested, requested_at, std::chrono::seconds(5), std::chrono::milliseconds(50)),
            "file:/savepoints/sp-2");
}

}  // namespace
}  // namespace flinktop::actions
