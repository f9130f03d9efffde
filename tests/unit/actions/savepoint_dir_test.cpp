// The savepoint dialog's default directory: from the operator resource's flinkConfiguration for
// operator-managed jobs (session job over deployment, nested YAML too), from the JobManager's
// configuration for the rest, the current key name before the deprecated one, and none when
// nothing flinktop can see sets it. Each says where it came from.
#include "core/actions/savepoint_dir.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/kube/objects/flink_deployment.hpp"
#include "core/kube/objects/flink_session_job.hpp"

namespace flinktop::actions {
namespace {

using nlohmann::json;

json meta(const std::string& name) {
  return {{"name", name}, {"namespace", "flink"}, {"uid", "uid-" + name}};
}

std::shared_ptr<model::ContextSnapshot> context(json deployment_conf, json session_conf = json::object()) {
  auto s = std::make_shared<model::ContextSnapshot>();
  s->context = "prod";
  auto deployments = std::make_shared<model::ObjectMap<kube::FlinkDeployment>>();
  json fd{{"metadata", meta("orders")}, {"spec", {{"flinkConfiguration", deployment_conf}}}};
  (*deployments)["uid-orders"] = std::make_shared<const kube::FlinkDeployment>(kube::FlinkDeployment::from_json(fd));
  s->flink_deployments = deployments;
  auto session_jobs = std::make_shared<model::ObjectMap<kube::FlinkSessionJob>>();
  json sj{{"metadata", meta("etl")},
          {"spec", {{"deploymentName", "orders"}, {"flinkConfiguration", session_conf}}}};
  (*session_jobs)["uid-etl"] = std::make_shared<const kube::FlinkSessionJob>(kube::FlinkSessionJob::from_json(sj));
  s->session_jobs = session_jobs;
  return s;
}

JobRef job_on(model::ClusterKind kind, const std::string& job_id = "j1") {
  JobRef job;
  job.cluster.context = "prod";
  job.cluster.namespace_ = "flink";
  job.cluster.name = "orders";
  job.cluster.kind = kind;
  job.job_id = job_id;
  if (kind == model::ClusterKind::OperatorSession) {
    model::SessionJobSummary summary;
    summary.name = "etl";
    summary.job_id = "j2";
    job.cluster.session_jobs.push_back(summary);
  }
  return job;
}

model::FlinkClusterSnapshot flink_with(model::FlinkConfiguration conf) {
  model::FlinkClusterSnapshot f;
  f.jobmanager_config = std::make_shared<const model::FlinkConfiguration>(std::move(conf));
  return f;
}

TEST(SavepointDir, OperatorJobsTakeTheDeploymentsConfiguration) {
  const auto ctx = context({{"state.savepoints.dir", "s3://sp/orders"}});
  const auto flink = flink_with({{"state.savepoints.dir", "s3://jobmanager/says"}});
  const SavepointDirDefault d = default_savepoint_dir(job_on(model::ClusterKind::OperatorApplication), &flink, ctx.get());
  EXPECT_EQ(d.directory, "s3://sp/orders");
  EXPECT_EQ(d.source, "FlinkDeployment flink/orders, spec.flinkConfiguration state.savepoints.dir");
}

TEST(SavepointDir, NestedYamlAndTheNewKeyFirst) {
  const auto ctx = context({{"state", {{"savepoints", {{"dir", "s3://old-key"}}}}},
                            {"execution", {{"checkpointing", {{"savepoint-dir", "s3://new-key"}}}}}});
  const SavepointDirDefault d = default_savepoint_dir(job_on(model::ClusterKind::OperatorApplication), nullptr, ctx.get());
  EXPECT_EQ(d.directory, "s3://new-key");
  EXPECT_NE(d.source.find("execution.checkpointing.savepoint-dir"), std::string::npos) << d.source;
}

TEST(SavepointDir, ASessionJobsOwnConfigurationWins) {
  const auto ctx = context({{"state.savepoints.dir", "s3://session-cluster"}}, {{"state.savepoints.dir", "s3://etl"}});
  const SavepointDirDefault etl = default_savepoint_dir(job_on(model::ClusterKind::OperatorSession, "j2"), nullptr, ctx.get());
  EXPECT_EQ(etl.directory, "s3://etl");
  EXPECT_EQ(etl.source, "FlinkSessionJob flink/etl, spec.flinkConfiguration state.savepoints.dir");
  // A jar submitted to the session directly goes through REST: the JobManager's word first.
  const auto flink = flink_with({{"execution.checkpointing.savepoint-dir", "s3://jobmanager"}});
  const SavepointDirDefault direct = default_savepoint_dir(job_on(model::ClusterKind::OperatorSession, "j9"), &flink, ctx.get());
  EXPECT_EQ(direct.directory, "s3://jobmanager");
  EXPECT_EQ(direct.source, "the JobManager's configuration, execution.checkpointing.savepoint-dir");
}

TEST(SavepointDir, RestJobsTakeTheJobManagersConfiguration) {
  const auto flink = flink_with({{"rest.port", "8081"}, {"state.savepoints.dir", "file:///savepoints"}});
  const SavepointDirDefault d = default_savepoint_dir(job_on(model::ClusterKind::Standalone), &flink, nullptr);
  EXPECT_EQ(d.directory, "file:///savepoints");
  EXPECT_EQ(d.source, "the JobManager's configuration, state.savepoints.dir");
}

TEST(SavepointDir, NoneKnown) {
  const auto flink = flink_with({{"rest.port", "8081"}, {"state.savepoints.dir", ""}});
  EXPECT_EQ(default_savepoint_dir(job_on(model::ClusterKind::Standalone), &flink, nullptr).directory, "");
  EXPECT_EQ(default_savepoint_dir(job_on(model::ClusterKind::Standalone), nullptr, nullptr).source, "");
  const auto ctx = context(json::object());
  EXPECT_EQ(default_savepoint_dir(job_on(model::ClusterKind::OperatorApplication), nullptr, ctx.get()).directory, "");
}

}  // namespace
}  // namespace flinktop::actions
