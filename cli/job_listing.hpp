// The jobs of the selected clusters, and finding the one a command names. Jobs come from each
// cluster's REST API (/jobs/overview, eight clusters at a time); operator-managed jobs the
// JobManager does not show (a suspended FlinkDeployment has no JobManager) come from the operator's
// resources, so `flinktop resume` can name them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/cluster_targets.hpp"
#include "core/flink/types/job.hpp"

namespace flinktop::cli {

struct JobRow {
  std::size_t cluster = 0;  // index into ClusterTargets::clusters
  std::string id;           // may be empty for an operator job that never ran
  std::string name;
  std::string state;
  std::int64_t start_time = -1;  // epoch millis; -1 unknown
  std::int64_t duration = -1;    // millis; -1 unknown
  flink::TaskCounts tasks;
  bool from_rest = false;  // false: only the operator's resource knows this job
  std::string resource;    // FlinkDeployment / FlinkSessionJob name, "" when not operator-managed
};

struct ClusterProblem {
  std::size_t cluster = 0;
  Error error;
};

struct JobListing {
  std::vector<JobRow> jobs;                  // by cluster, then start time (newest first)
  std::vector<ClusterProblem> unreachable;   // clusters whose REST API failed
};

JobListing list_jobs(const ClusterTargets& targets);

// `query` is a job id, a unique id prefix, a job name or an operator resource name. When a name
// matches several jobs, the one not yet finished wins (a resubmitted job keeps its name); still
// several → Error(Usage) listing them. None → Error(NotFound), mentioning unreachable clusters.
const JobRow& find_job(const JobListing& listing, const ClusterTargets& targets, const std::string& query);

// The one cluster a cluster-level command (submit) acts on: the only selected one, else
// Error(Usage) asking for --cluster.
const ClusterTarget& single_cluster(const ClusterTargets& targets, const char* command);

}  // namespace flinktop::cli
