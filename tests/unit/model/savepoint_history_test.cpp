// Savepoints from every source, listed once per location with all the sources that know it.
#include "core/model/savepoint_history.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/actions/journal.hpp"
#include "core/kube/objects/all.hpp"
#include "core/model/cluster_discovery.hpp"
#include "support/kube_objects.hpp"

namespace flinktop::model {
namespace {

using nlohmann::json;

Cluster cluster(const std::string& name) {
  Cluster c;
  c.context = "dev";
  c.namespace_ = "streaming";
  c.name = name;
  c.id = "dev/streaming/" + name;
  return c;
}

flink::Checkpoint savepoint(std::int64_t id, const std::string& path, std::int64_t acked_ms,
                            const std::string& type = "SAVEPOINT") {
  flink::Checkpoint c;
  c.id = id;
  c.status = "COMPLETED";
  c.is_savepoint = true;
  c.checkpoint_type = type;
  c.savepoint_format = "CANONICAL";
  c.latest_ack_timestamp = acked_ms;
  c.external_path = path;
  return c;
}

TEST(SavepointHistory, FlinkHistoryLatestAndRestoreWithoutCheckpoints) {
  flink::CheckpointStats stats;
  stats.history.push_back(savepoint(7, "file:/sp/7", 7000, "SYNC_SAVEPOINT"));
  flink::Checkpoint plain = savepoint(6, "", 6000);
  plain.is_savepoint = false;  // an ordinary checkpoint: not listed
  stats.history.push_back(plain);
  stats.latest.savepoint = savepoint(5, "file:/sp/5", 5000);
  stats.latest.restored = flink::RestoredCheckpoint{3, true, 4000, "file:/sp/3"};
  const auto records = flink_savepoints(cluster("shared"), "job-1", stats);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].path, "file:/sp/7");
  EXPECT_EQ(records[0].trigger, "SYNC_SAVEPOINT");
  EXPECT_EQ(records[2].trigger, "RESTORED");
  EXPECT_EQ(records[2].job, "job-1");
}

TEST(SavepointHistory, MergeJoinsSourcesPrefersTheWriterAndSortsNewestFirst) {
  const auto at = [](int s) { return Timestamp{std::chrono::seconds(s)}; };
  SavepointRecord restored{"dev", "streaming", "shared", "job-2", "file:/sp/1", "COMPLETED", "", "RESTORED",
                           at(30), "", {"flink"}};
  SavepointRecord written{"dev", "streaming", "shared", "job-1", "file:/sp/1", "COMPLETED", "CANONICAL", "SAVEPOINT",
                          at(10), "", {"flink"}};
  SavepointRecord journaled{"dev", "streaming", "shared", "job-1", "file:/sp/1", "COMPLETED", "", "savepoint",
                            at(11), "", {"journal"}};
  SavepointRecord newer{"dev", "streaming", "shared", "job-1", "file:/sp/2", "COMPLETED", "", "stop", at(20), "",
                        {"journal"}};
  SavepointRecord pending{"dev", "streaming", "orders", "orders", "", "IN_PROGRESS", "", "MANUAL", std::nullopt, "",
                          {"snapshot/orders-savepoint-1"}};
  const auto merged = merge_savepoints({restored, pending, written, journaled, newer});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].path, "file:/sp/2");  // newest first
  EXPECT_EQ(merged[1].path, "file:/sp/1");
  EXPECT_EQ(merged[1].job, "job-1") << "the job that wrote it, not the one restored from it";
  EXPECT_EQ(merged[1].sources, (std::vector<std::string>{"flink", "journal"}));
  EXPECT_EQ(merged[2].state, "IN_PROGRESS");  // no time: last
}

TEST(SavepointHistory, OperatorSnapshotsAndLastSavepointsOfTheGivenClusters) {
  ContextSnapshot snap;
  snap.context = "dev";
  auto deployments = std::make_shared<ObjectMap<kube::FlinkDeployment>>();
  json orders = test::make_flink_deployment("streaming", "orders", "local:///job.jar");
  orders["metadata"]["uid"] = "uid-orders";
  orders["status"]["jobStatus"]["savepointInfo"] = {
      {"lastSavepoint", {{"location", "s3://b/sp-9"}, {"timeStamp", 1763719200000}, {"triggerType", "UPGRADE"},
                         {"formatType", "CANONICAL"}}}};
  deployments->emplace("uid-orders", std::make_shared<kube::FlinkDeployment>(kube::FlinkDeployment::from_json(orders)));
  snap.flink_deployments = deployments;
  auto snapshots = std::make_shared<ObjectMap<kube::FlinkStateSnapshot>>();
  json requested{{"metadata", {{"name", "orders-savepoint-1"}, {"namespace", "streaming"}, {"uid", "uid-s1"},
                               {"creationTimestamp", "2026-11-21T10:00:00Z"}}},
                 {"spec", {{"jobReference", {{"kind", "FlinkDeployment"}, {"name", "orders"}}},
                           {"savepoint", {{"path", "s3://b/target-dir"}, {"formatType", "NATIVE"}}}}},
                 {"status", {{"state", "IN_PROGRESS"}}}};
  snapshots->emplace("uid-s1", std::make_shared<kube::FlinkStateSnapshot>(kube::FlinkStateSnapshot::from_json(requested)));
  json elsewhere = requested;
  elsewhere["metadata"]["name"] = "other-savepoint";
  elsewhere["metadata"]["uid"] = "uid-s2";
  elsewhere["spec"]["jobReference"]["name"] = "other";  // a cluster not asked for
  snapshots->emplace("uid-s2", std::make_shared<kube::FlinkStateSnapshot>(kube::FlinkStateSnapshot::from_json(elsewhere)));
  snap.state_snapshots = snapshots;

  Cluster c = cluster("orders");
  c.operator_status = OperatorStatus{};
  c.operator_status->job_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  const auto records = operator_savepoints(snap, {c});
  ASSERT_EQ(records.size(), 2u);
  const SavepointRecord& last = records[0].sources[0] == "operator" ? records[0] : records[1];
  const SavepointRecord& pending = records[0].sources[0] == "operator" ? records[1] : records[0];
  EXPECT_EQ(last.path, "s3://b/sp-9");
  EXPECT_EQ(last.trigger, "UPGRADE");
  EXPECT_EQ(last.job, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
  EXPECT_EQ(pending.state, "IN_PROGRESS");
  EXPECT_EQ(pending.path, "") << "the target directory is not a savepoint";
  EXPECT_EQ(pending.format, "NATIVE");
  EXPECT_EQ(pending.sources[0], "snapshot/orders-savepoint-1");
}

TEST(SavepointHistory, TheJournalContributesOnlySucceededLocations) {
  std::vector<actions::JournalEntry> entries{
      {Timestamp{std::chrono::seconds(5)}, "dev", "streaming", "shared", "job-1", "savepoint", "started", "", ""},
      {Timestamp{std::chrono::seconds(6)}, "dev", "streaming", "shared", "job-1", "savepoint", "succeeded",
       "file:/sp/1", "written"},
      {Timestamp{std::chrono::seconds(7)}, "dev", "streaming", "shared", "job-1", "cancel", "succeeded", "", ""},
      {Timestamp{std::chrono::seconds(8)}, "dev", "streaming", "shared", "job-1", "stop", "failed", "", "boom"}};
  const auto records = actions::journal_savepoints(entries);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].path, "file:/sp/1");
  EXPECT_EQ(records[0].sources, (std::vector<std::string>{"journal"}));
}

}  // namespace
}  // namespace flinktop::model
