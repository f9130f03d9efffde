// What flinktop last heard from one cluster's Flink REST API: overview, jobs and TaskManagers,
// and — for the job a user has open — its details, checkpoints and exceptions. Immutable once
// published; the age of each part is kept so stale data can say so.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/flink/types/checkpoints.hpp"
#include "core/flink/types/cluster.hpp"
#include "core/flink/types/exceptions.hpp"
#include "core/flink/types/job.hpp"
#include "core/flink/types/taskmanager.hpp"
#include "core/model/job_history.hpp"

namespace flinktop::model {

struct FlinkJobDetail {
  std::string job_id;
  std::optional<flink::JobDetails> details;
  std::optional<flink::CheckpointStats> checkpoints;
  std::optional<flink::JobExceptions> exceptions;
  std::string error;  // one line, when the last poll of the detail failed
  JobHistory history;  // throughput, load and checkpoint durations over the last polls
};

using FlinkConfiguration = flink::ConfigurationEntries;

// A TaskManager's JVM as its metrics tell it, asked while a TaskManagers view is open. Each
// figure is absent when this Flink does not report it.
struct TaskManagerLoad {
  std::optional<double> cpu_load;  // Status.JVM.CPU.Load: 0..1 of the machine
  std::optional<double> heap_used, heap_max;
  std::optional<double> managed_used, managed_total;
  std::optional<std::int64_t> gc_count, gc_time_ms;  // summed over the collectors
};

struct FlinkClusterSnapshot {
  std::string cluster_id;        // model::Cluster::id
  std::string endpoint;          // how it was reached: URL or "service proxy ns/svc:port (context c)"
  bool port_forwarded = false;   // through a port-forward (the service proxy cannot reach it)
  std::string flink_version;     // from /config
  bool web_submit = false;       // from /config: jars can be uploaded and run (not in application mode)
  std::optional<flink::ClusterOverview> overview;
  // Read once per poller (null until then, or when this Flink does not answer it): where the
  // savepoint dialog takes its default directory from.
  std::shared_ptr<const FlinkConfiguration> jobmanager_config;
  std::vector<flink::JobOverview> jobs;
  std::vector<flink::TaskManager> taskmanagers;
  // By TaskManager id; filled while asked for (FlinkPoller::show_taskmanager_load), for the first
  // kMaxTaskManagerLoads TaskManagers by id.
  std::map<std::string, TaskManagerLoad> taskmanager_load;
  std::optional<FlinkJobDetail> open_job;
  std::string error;  // one line: the last poll failed (data above is from `updated`)
  std::chrono::system_clock::time_point updated{};  // last successful poll
  std::chrono::system_clock::time_point attempted{};
};

}  // namespace flinktop::model
