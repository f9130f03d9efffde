// Between a log view and core/sync: what the view wants to follow (LogRequest, a plain value that
// travels in the screen's sync::Demand) and what is followed for it (LogFeed: the LogTail whose
// buffer the view takes lines from, and one line saying which processes those are).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/logs/log_tail.hpp"

namespace flinktop::logs {

struct LogRequest {
  enum class Scope {
    Cluster,      // its JobManager and TaskManagers
    Pod,          // one pod, by name: a pod recreated under the same name is followed again
    TaskManager,  // one TaskManager by its Flink id: its pod, or its REST log file
    Job,          // the TaskManagers running the job's tasks
  };
  Scope scope = Scope::Cluster;
  std::string cluster_id;
  std::string pod;             // Pod
  std::string taskmanager_id;  // TaskManager
  std::string job_id;          // Job
  std::string job_name;        // Job, for what the view says
  bool previous = false;       // the previous (crashed) container instead of the running one
  // The log view that asks (each has its own number): a new view never inherits another's tail.
  std::uint64_t view = 0;
  bool operator==(const LogRequest&) const = default;

  static LogRequest of_cluster(std::string cluster_id) {
    LogRequest r;
    r.cluster_id = std::move(cluster_id);
    return r;
  }
  static LogRequest of_pod(std::string cluster_id, std::string pod) {
    LogRequest r = of_cluster(std::move(cluster_id));
    r.scope = Scope::Pod;
    r.pod = std::move(pod);
    return r;
  }
  static LogRequest of_taskmanager(std::string cluster_id, std::string taskmanager_id) {
    LogRequest r = of_cluster(std::move(cluster_id));
    r.scope = Scope::TaskManager;
    r.taskmanager_id = std::move(taskmanager_id);
    return r;
  }
  static LogRequest of_job(std::string cluster_id, std::string job_id, std::string job_name) {
    LogRequest r = of_cluster(std::move(cluster_id));
    r.scope = Scope::Job;
    r.job_id = std::move(job_id);
    r.job_name = std::move(job_name);
    return r;
  }
};

struct LogFeed {
  LogRequest request;  // what this feed answers; a view ignores a feed for another request
  std::shared_ptr<logs::LogTail> tail;
  // "the TaskManagers running job fraud-scoring: tm-1, tm-2", "Flink REST log files of ...".
  std::string description;
  // Why nothing (or less than asked) is followed: "cluster orders is gone", "Flink did not say
  // which TaskManagers run the job: ...". "" when all is well.
  std::string problem;
};

}  // namespace flinktop::logs
