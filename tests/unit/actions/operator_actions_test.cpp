// Operator-managed jobs are acted on through their custom resources, as the operator expects.
#include "core/actions/operator_actions.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/fake_apiserver.hpp"
#include "support/kube_objects.hpp"

namespace flinktop::actions {
namespace {

using flinktop::test::FakeApiServer;
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

  FakeApiServer server;
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

}  // namespace
}  // namespace flinktop::actions
