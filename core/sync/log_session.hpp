// What a log view asks for (a LogRequest in the screen's Demand), followed with a LogTail.
// Which pods that is, logs::plan_logs makes of the latest cluster model on every update: new
// TaskManagers join the tail, vanished ones leave, a pod recreated under its name is followed
// again. For a job, which TaskManagers run its tasks comes from a JobTaskManagersPoller
// (Flink's REST API, again every 15 s: a failover moves tasks). Without Kubernetes (--flink-url), or for a
// TaskManager no pod matches, the Flink REST log files are followed instead; a pod whose log is
// forbidden falls back to its REST log file (the view says so).
//
// Nothing here blocks the UI thread on the network: update() only compares and hands targets on.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/flink/client.hpp"
#include "core/kube/api_client.hpp"
#include "core/logs/log_feed.hpp"
#include "core/logs/log_plan.hpp"
#include "core/model/cluster.hpp"
#include "core/model/flink_snapshot.hpp"
#include "core/model/store.hpp"
#include "core/sync/cluster_route.hpp"
#include "core/sync/job_taskmanagers_poller.hpp"

namespace flinktop::sync {

class LogSession {
 public:
  struct Options {
    std::size_t buffer_lines = 100'000;
    std::int64_t tail_lines = 1000;  // per source, at the start: the recent past, not the whole log
    std::chrono::seconds job_refresh{15};
  };

  // `wake` is called from other threads when there is something new (lines, a source's state,
  // the job's TaskManagers); it must be cheap.
  LogSession(logs::LogRequest request, ClusterRoute route, Options options, std::function<void()> wake);
  ~LogSession();  // stops the poller and the tail
  LogSession(const LogSession&) = delete;
  LogSession& operator=(const LogSession&) = delete;

  const logs::LogRequest& request() const { return request_; }
  // Follows what `cluster` has now (null: it is gone). `snapshot` gives standalone pods' IPs, `flink`
  // the TaskManagers Flink knows (REST log files, matching a TaskManager to its pod); both may be null.
  void update(const model::Cluster* cluster, const model::ContextSnapshot* snapshot,
              const model::FlinkClusterSnapshot* flink);
  std::shared_ptr<const logs::LogFeed> feed() const { return feed_; }

 private:
  // What to follow now: logs::plan_logs with what this session knows.
  logs::LogPlan targets(const model::Cluster& cluster, const model::ContextSnapshot* snapshot,
                        const model::FlinkClusterSnapshot* flink) const;
  void publish(std::string description, std::string problem);

  const logs::LogRequest request_;
  const ClusterRoute route_;
  const Options options_;
  std::function<void()> wake_;
  std::shared_ptr<logs::LogTail> tail_;
  std::shared_ptr<const logs::LogFeed> feed_;
  std::string pod_keys_, file_keys_;  // what the tail was last given

  // A job's TaskManagers (null for other scopes, or without a REST route). Last: stopped first.
  std::unique_ptr<JobTaskManagersPoller> job_taskmanagers_;
};

}  // namespace flinktop::sync
