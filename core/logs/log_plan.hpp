// What to tail, decided in one place for the log view and `flinktop logs` alike: from a cluster, what
// is asked for and what is known of it now, the pods and Flink REST log files to follow and one line
// saying which. Pure (no network, no threads, no clock), so every case is a plain unit test.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/logs/cluster_log_targets.hpp"
#include "core/logs/log_source.hpp"
#include "core/model/cluster.hpp"

namespace flinktop::logs {

using TaskManagerEndpoints = std::map<std::string, std::string>;  // TaskManager id → endpoint (host:port)

enum class LogScope {
  Cluster,           // its JobManager and TaskManagers
  JobManager,        // its JobManager
  EveryTaskManager,  // every TaskManager of the cluster, and only those
  Pod,               // one pod, by name
  TaskManager,       // one TaskManager by its Flink id: its pod, or its REST log file
  Job,               // the TaskManagers running the job's tasks (every TaskManager when none can be matched)
};

struct LogPlanInput {
  LogScope scope = LogScope::Cluster;
  std::string pod;             // Pod
  std::string taskmanager_id;  // TaskManager
  std::string job_id;          // Job
  std::string job_name;        // Job, for the description ("" = its short id says it)
  std::string job_state;       // Job, to say why it runs on no TaskManager ("" = unknown)
  std::string container;       // of every pod followed ("" = FollowOptions::container)
  bool previous = false;       // the previous (terminated) containers: Kubernetes has them, Flink's REST API not
  bool kubernetes = true;      // pods can be followed; false (--flink-url): Flink REST log files only
  // The cluster's REST API (null: it has none). Never called here: pods carry it for the REST
  // fallback, and REST log files are read through it.
  std::shared_ptr<flink::Client> flink;
  PodIps pod_ips;  // finds a standalone TaskManager's pod by its address
  std::optional<TaskManagerEndpoints> taskmanagers;  // the TaskManagers Flink knows (nullopt: not known)
  // Job: the TaskManagers running it (nullopt: Flink has not said yet), and one line saying why the
  // last look failed ("" when it did not; what it found before may still be in job_taskmanagers).
  std::optional<TaskManagerEndpoints> job_taskmanagers;
  std::string job_taskmanagers_error;
};

struct LogPlan {
  std::vector<PodLogTarget> pods;
  std::vector<RestLogFile> files;
  std::string subject;      // what was asked for: "the TaskManagers running job orders (abcd1234)"
  std::string description;  // what is followed: "the TaskManagers running job orders (abcd1234): tm-1, tm-2"
  // Why nothing, or less than asked, is followed; "" when all is well. Never "" when nothing is
  // followed, unless waiting_for_job.
  std::string problem;
  bool keep_pods = false;   // the pod asked for is gone: leave its follower be (what it showed stays)
  bool waiting_for_job = false;  // Flink has not said yet which TaskManagers run the job: nothing to follow yet
};

LogPlan plan_logs(const model::Cluster& cluster, const LogPlanInput& input);

}  // namespace flinktop::logs
