#include "core/sync/log_session.hpp"

#include "core/logs/cluster_log_targets.hpp"

namespace flinktop::sync {

namespace {

using logs::LogFeed;
using logs::LogRequest;
using Scope = LogRequest::Scope;

std::string pod_keys(const std::vector<logs::PodLogTarget>& pods) {
  std::string keys;
  for (const auto& pod : pods) keys += logs::source_key(pod) + '\n';
  return keys;
}

std::string file_keys(const std::vector<logs::RestLogFile>& files) {
  std::string keys;
  for (const auto& file : files) keys += logs::source_key(file) + '\n';
  return keys;
}

}  // namespace

LogSession::LogSession(LogRequest request, ClusterRoute route, Options options, std::function<void()> wake)
    : request_(std::move(request)), route_(std::move(route)), options_(options), wake_(std::move(wake)) {
  logs::FollowOptions follow;
  follow.tail_lines = options_.tail_lines;
  follow.previous = request_.previous;
  follow.follow = !request_.previous;  // a terminated container's log is complete
  follow.rest_fallback = !request_.previous;  // Flink's REST API serves the running process's log only
  logs::LogBufferOptions buffer;
  buffer.max_lines = options_.buffer_lines;
  tail_ = std::make_shared<logs::LogTail>(route_.kube, follow, buffer);
  tail_->buffer().set_on_wake(wake_);
  feed_ = std::make_shared<LogFeed>(LogFeed{request_, tail_, "starting…", ""});
  if (request_.scope == Scope::Job && route_.flink) {
    job_taskmanagers_ = std::make_unique<JobTaskManagersPoller>(route_.flink, request_.job_id,
                                                                      options_.job_refresh, wake_);
  }
}

LogSession::~LogSession() {
  job_taskmanagers_.reset();
  tail_->stop();
}

void LogSession::update(const model::Cluster* cluster, const model::ContextSnapshot* snapshot,
                        const model::FlinkClusterSnapshot* flink) {
  if (!cluster) {
    // Its followers end by themselves as its pods go; what they showed stays on screen.
    publish(feed_->description, "the cluster is gone");
    return;
  }
  logs::LogPlan t = targets(*cluster, snapshot, flink);
  if (std::string keys = pod_keys(t.pods); !t.keep_pods && keys != pod_keys_) {
    pod_keys_ = std::move(keys);
    tail_->set_pods(std::move(t.pods));
  }
  if (std::string keys = file_keys(t.files); keys != file_keys_) {
    file_keys_ = std::move(keys);
    tail_->set_rest_files(std::move(t.files));
  }
  publish(std::move(t.description), std::move(t.problem));
}

void LogSession::publish(std::string description, std::string problem) {
  if (description == feed_->description && problem == feed_->problem) return;
  feed_ = std::make_shared<LogFeed>(LogFeed{request_, tail_, std::move(description), std::move(problem)});
}

logs::LogPlan LogSession::targets(const model::Cluster& cluster, const model::ContextSnapshot* snapshot,
                                  const model::FlinkClusterSnapshot* flink) const {
  logs::LogPlanInput in;
  switch (request_.scope) {
    case Scope::Cluster: in.scope = logs::LogScope::Cluster; break;
    case Scope::Pod: in.scope = logs::LogScope::Pod; break;
    case Scope::TaskManager: in.scope = logs::LogScope::TaskManager; break;
    case Scope::Job: in.scope = logs::LogScope::Job; break;
  }
  in.pod = request_.pod;
  in.taskmanager_id = request_.taskmanager_id;
  in.job_id = request_.job_id;
  in.job_name = request_.job_name;
  in.previous = request_.previous;
  in.kubernetes = route_.kube != nullptr;
  in.flink = route_.flink;
  if (in.kubernetes && snapshot) in.pod_ips = logs::pod_ips(*snapshot, cluster.namespace_);
  if (flink) {
    in.taskmanagers.emplace();
    for (const auto& tm : flink->taskmanagers) (*in.taskmanagers)[tm.id] = tm.endpoint;
  }
  if (job_taskmanagers_) {
    if (std::optional<JobTaskManagers> runs_on = job_taskmanagers_->latest()) {
      in.job_taskmanagers = std::move(runs_on->ids);
      in.job_taskmanagers_error = std::move(runs_on->error);
    }
  }
  return logs::plan_logs(cluster, in);
}

}  // namespace flinktop::sync
