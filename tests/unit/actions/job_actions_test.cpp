// Routing: operator-managed jobs through their resources, others through REST; --readonly
// refuses; every outcome is journaled.
#include "core/actions/job_actions.hpp"
#include "core/actions/job_lifecycle.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "core/error.hpp"
#include "core/flink/endpoint.hpp"
#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"
#include "demo/loopback_server.hpp"
#include "support/run_command.hpp"

namespace flinktop::actions {
namespace {

using namespace flinktop::test;
using nlohmann::json;
namespace r = kube::resources;

class JobActions : public ::testing::Test {
 protected:
  void SetUp() override {
    api.add(r::kFlinkDeployments, make_flink_deployment("streaming", "orders", "local:///job.jar"));
    kube::RestConfig config;
    config.context = "dev";
    config.server = api.url();
    ctx.kube = std::make_shared<kube::ApiClient>(config);
    ctx.journal = &journal;
    operator_job.cluster.context = "dev";
    operator_job.cluster.namespace_ = "streaming";
    operator_job.cluster.name = "orders";
    operator_job.cluster.kind = model::ClusterKind::OperatorApplication;
    operator_job.cluster.operator_status = model::OperatorStatus{};
    operator_job.cluster.operator_status->upgrade_mode = "savepoint";
    operator_job.job_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    operator_job.job_name = "orders-job";
  }

  demo::KubeApiServer api;
  TempDir dir;
  Journal journal{dir.path() + "/actions.log"};
  ActionContext ctx;
  JobRef operator_job;
};

TEST_F(JobActions, OperatorJobsAreSuspendedAndSavepointedThroughTheirResource) {
  suspend_job(ctx, operator_job);
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["state"], "suspended");
  resume_job(ctx, operator_job);
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["state"], "running");
  ActionResult savepoint = savepoint_job(ctx, operator_job, "/savepoints", /*wait=*/false);
  EXPECT_NE(savepoint.message.find("FlinkStateSnapshot"), std::string::npos) << savepoint.message;
  ASSERT_EQ(api.objects(r::kFlinkStateSnapshots).size(), 1u);
  stop_job(ctx, operator_job, "", false);  // savepoint upgrade mode: stop = suspend
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["state"], "suspended");

  auto entries = journal.read();
  ASSERT_EQ(entries.size(), 8u);  // started + succeeded, four times
  EXPECT_EQ(entries[1].action, "suspend");
  EXPECT_EQ(entries[1].result, "succeeded");
  EXPECT_EQ(entries[1].cluster, "orders");
}

TEST_F(JobActions, OperatorJobsAreRescaledAndRestartedThroughTheirResourceOthersAreRefused) {
  const ActionResult scaled = scale_job(ctx, operator_job, ScaleRequest::to(6));
  EXPECT_EQ(scaled.message, "orders-job: parallelism 2 → 6; the operator takes a savepoint, then redeploys from it");
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["parallelism"], 6);
  for (int nonce : {1, 2}) {
    EXPECT_EQ(restart_job(ctx, operator_job).message,
              "orders-job: restart requested (restartNonce " + std::to_string(nonce) +
                  "); the operator restarts it per its upgradeMode");
    EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["restartNonce"], nonce);
  }
  EXPECT_THROW(scale_job(ctx, operator_job, ScaleRequest::to(0)), Error);
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["parallelism"], 6);

  JobRef native = operator_job;
  native.cluster.kind = model::ClusterKind::Native;
  native.cluster.operator_status.reset();
  try {
    scale_job(ctx, native, ScaleRequest::to(3));
    FAIL() << "a job without the operator and without a REST endpoint cannot be rescaled";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "no REST endpoint is known for cluster streaming/orders");
  }
  EXPECT_THROW(restart_job(ctx, native), Error);
  const auto entries = journal.read();
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries[1].action, "scale");
  EXPECT_EQ(entries[1].result, "succeeded");
  EXPECT_EQ(entries.back().action, "restart");
  EXPECT_EQ(entries.back().result, "failed");
}

TEST_F(JobActions, AStatelessOperatorJobIsNotStoppedWithoutASavepoint) {
  operator_job.cluster.operator_status->upgrade_mode = "stateless";
  EXPECT_THROW(stop_job(ctx, operator_job, "", false), Error);
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["state"], "running");
  EXPECT_EQ(journal.read().back().result, "failed");
}

TEST_F(JobActions, CancellingAnOperatorJobNeedsForceAndReadonlyRefusesEverything) {
  EXPECT_THROW(cancel_job(ctx, operator_job), Error);
  ctx.readonly = true;
  try {
    suspend_job(ctx, operator_job);
    FAIL() << "readonly must refuse";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--readonly"), std::string::npos);
  }
  EXPECT_EQ(api.objects(r::kFlinkDeployments)[0]["spec"]["job"]["state"], "running");
  EXPECT_EQ(journal.read().back().result, "refused");
}

TEST_F(JobActions, OtherClustersGoThroughRestAndTheSavepointPathIsJournaled) {
  demo::LoopbackServer flink;
  std::atomic<int> triggers{0};
  std::string trigger_id;
  flink.routes().Post(R"(/jobs/([0-9a-f]+)/savepoints)", [&](const httplib::Request& req, httplib::Response& res) {
    ++triggers;
    trigger_id = json::parse(req.body).value("triggerId", "");
    res.status = 202;
    res.set_content(json{{"request-id", trigger_id}}.dump(), "application/json");
  });
  flink.routes().Get(R"(/jobs/([0-9a-f]+)/savepoints/([0-9a-f]+))", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"status", {{"id", "COMPLETED"}}}, {"operation", {{"location", "file:/sp/savepoint-1"}}}}.dump(),
                    "application/json");
  });
  flink.start();
  ctx.flink = std::make_shared<flink::Client>(flink::direct_endpoint(flink.url()));
  JobRef native = operator_job;
  native.cluster.kind = model::ClusterKind::Native;
  native.cluster.operator_status.reset();

  ActionResult result = savepoint_job(ctx, native, "");
  EXPECT_EQ(result.savepoint, "file:/sp/savepoint-1");
  EXPECT_EQ(triggers.load(), 1);
  EXPECT_EQ(trigger_id.size(), 32u);  // caller-made: a retry would not take a second savepoint
  EXPECT_EQ(journal.read().back().savepoint, "file:/sp/savepoint-1");
  EXPECT_TRUE(api.objects(r::kFlinkStateSnapshots).empty());
  EXPECT_THROW(suspend_job(ctx, native), Error);  // suspend is an operator notion
}

}  // namespace
}  // namespace flinktop::actions
