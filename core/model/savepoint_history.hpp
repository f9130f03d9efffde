// Where a job's savepoints are, gathered from every place that knows: the Flink operator's
// resources (FlinkStateSnapshots, the last savepoint in a FlinkDeployment/FlinkSessionJob status),
// the JobManager's checkpoint history, and flinktop's own action journal. The same savepoint seen
// by several sources is listed once, naming all of them. Plain data for `get savepoints` and the
// TUI's savepoints view.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/flink/types/checkpoints.hpp"
#include "core/model/cluster.hpp"
#include "core/model/store.hpp"

namespace flinktop::model {

struct SavepointRecord {
  std::string context;
  std::string namespace_;
  std::string cluster;
  std::string job;    // job id when known, else the job or resource name
  std::string path;   // empty while in progress or after a failure
  std::string state;  // COMPLETED, IN_PROGRESS, FAILED, ... (the source's word)
  std::string format; // CANONICAL, NATIVE or ""
  std::string trigger;  // MANUAL, PERIODIC, UPGRADE, SYNC_SAVEPOINT (stop), flinktop action name, ""
  std::optional<Timestamp> time;
  std::string error;                 // one line, when it failed
  std::vector<std::string> sources;  // "snapshot/<name>", "operator", "flink", "journal"
};

// FlinkStateSnapshots of kind savepoint, and each FlinkDeployment's / FlinkSessionJob's last
// savepoint, of the clusters given (others in the snapshot are skipped).
std::vector<SavepointRecord> operator_savepoints(const ContextSnapshot& snapshot, const std::vector<Cluster>& clusters);

// Savepoints (and stop-with-savepoint results) in one job's checkpoint statistics: the history,
// the latest savepoint and the savepoint the job was restored from.
std::vector<SavepointRecord> flink_savepoints(const Cluster& cluster, const std::string& job_id,
                                              const flink::CheckpointStats& stats);

// Joins records with the same non-empty path (sources merged, the first record's fields kept,
// blanks filled from the later ones); newest first, records without a time last.
std::vector<SavepointRecord> merge_savepoints(std::vector<SavepointRecord> records);

}  // namespace flinktop::model
