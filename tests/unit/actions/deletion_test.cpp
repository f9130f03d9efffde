// What stands for a cluster or job on Kubernetes when it is deleted, and what goes with it.
#include "core/actions/deletion.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/kube/objects/flink_state_snapshot.hpp"

namespace flinktop::actions {
namespace {

using nlohmann::json;

model::Cluster cluster(model::ClusterKind kind) {
  model::Cluster c;
  c.context = "dev";
  c.namespace_ = "streaming";
  c.name = "orders";
  c.kind = kind;
  return c;
}

TEST(Deletion, EachKindOfClusterHasItsObjectOrARefusalWithoutKeyHints) {
  std::string refusal;
  model::Cluster app = cluster(model::ClusterKind::OperatorApplication);
  app.operator_status = model::OperatorStatus{};
  EXPECT_EQ(deletion_target(app, "", refusal).kind, "FlinkDeployment");
  EXPECT_EQ(deletion_target(cluster(model::ClusterKind::Native), "", refusal).kind, "Deployment");

  model::Cluster session = cluster(model::ClusterKind::OperatorSession);
  session.operator_status = model::OperatorStatus{};
  session.session_jobs.push_back({});
  session.session_jobs.back().name = "ingest";
  session.session_jobs.back().job_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  const ObjectKey job = deletion_target(session, "a1b2c3d4e5f60718293a4b5c6d7e8f90", refusal);
  EXPECT_EQ(job.kind, "FlinkSessionJob");
  EXPECT_EQ(job.name, "ingest");

  EXPECT_TRUE(deletion_target(session, "ffffffffffffffffffffffffffffffff", refusal).kind.empty());
  EXPECT_EQ(refusal, "this job is not a Kubernetes object (it was submitted to its cluster directly): cancel or stop "
                     "it; deleting the cluster ends it too");
  EXPECT_TRUE(deletion_target(cluster(model::ClusterKind::Standalone), "", refusal).kind.empty());
  EXPECT_EQ(refusal, "streaming/orders is a standalone cluster: the objects its YAML created are not flinktop's to "
                     "guess — delete them with kubectl delete -f");
}

TEST(Deletion, OnlyTheSnapshotsItOwnsThatDisposeOfTheirSavepointAreNamed) {
  auto snapshot_object = [](const std::string& name, const std::string& owner, bool dispose) {
    json j = {{"metadata", {{"name", name}, {"namespace", "streaming"}, {"uid", name}}},
              {"spec", {{"savepoint", {{"disposeOnDelete", dispose}}}, {"jobReference", {{"kind", "FlinkDeployment"}, {"name", "orders"}}}}},
              {"status", {{"state", "COMPLETED"}, {"path", "s3://sp/" + name}}}};
    if (!owner.empty()) {
      j["metadata"]["ownerReferences"] = json::array({{{"kind", "FlinkDeployment"}, {"name", owner}, {"uid", "u"}}});
    }
    return std::make_shared<const kube::FlinkStateSnapshot>(kube::FlinkStateSnapshot::from_json(j));
  };
  auto objects = std::make_shared<model::ObjectMap<kube::FlinkStateSnapshot>>();
  (*objects)["1"] = snapshot_object("owned-disposed", "orders", true);
  (*objects)["2"] = snapshot_object("owned-kept", "orders", false);
  (*objects)["3"] = snapshot_object("referenced-only", "", true);  // not garbage-collected with it
  (*objects)["4"] = snapshot_object("other-owner", "payments", true);
  model::ContextSnapshot snapshot;
  snapshot.state_snapshots = objects;
  EXPECT_EQ(disposed_savepoints(snapshot, {"dev", "FlinkDeployment", "streaming", "orders"}),
            (std::vector<std::string>{"owned-disposed (s3://sp/owned-disposed)"}));
  EXPECT_TRUE(disposed_savepoints(snapshot, {"dev", "FlinkDeployment", "other-namespace", "orders"}).empty());
}

}  // namespace
}  // namespace flinktop::actions
