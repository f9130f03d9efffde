#include "core/sync/log_session.hpp"

#include <fmt/format.h>

#include <set>

#include "core/logs/cluster_log_targets.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::sync {

namespace {

using logs::LogFeed;
using logs::LogRequest;
using Scope = LogRequest::Scope;

constexpr std::size_t kNamesListed = 4;

std::string names_of(const std::vector<logs::PodLogTarget>& pods) {
  std::string names;
  for (std::size_t i = 0; i < pods.size() && i < kNamesListed; ++i) names += (i ? ", " : "") + pods[i].name;
  if (pods.size() > kNamesListed) names += fmt::format(" and {} more", pods.size() - kNamesListed);
  return names;
}

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
  Targets t = targets(*cluster, snapshot, flink);
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

LogSession::Targets LogSession::targets(const model::Cluster& cluster, const model::ContextSnapshot* snapshot,
                                        const model::FlinkClusterSnapshot* flink) {
  Targets out;
  const bool kube = route_.kube != nullptr;
  auto taskmanagers = [](std::size_t n) { return fmt::format("{} TaskManager{}", n, n == 1 ? "" : "s"); };
  // A terminated container's log is the Kubernetes API's to give; Flink's REST API has none.
  const bool rest_allowed = route_.flink && !request_.previous;
  const logs::PodIps ips = kube && snapshot ? logs::pod_ips(*snapshot, cluster.namespace_) : logs::PodIps{};
  const std::string where = cluster.namespace_.empty() ? cluster.name : cluster.namespace_ + "/" + cluster.name;
  auto endpoint_of = [&](const std::string& id) -> std::string {
    if (flink) {
      for (const auto& tm : flink->taskmanagers) {
        if (tm.id == id) return tm.endpoint;
      }
    }
    return "";
  };
  auto rest_file = [&](const std::string& taskmanager_id) {
    return logs::RestLogFile{route_.flink, taskmanager_id, "", ""};
  };
  // Every TaskManager (and the JobManager): their pods, or without Kubernetes their REST log files.
  auto everything = [&](bool jobmanager) {
    if (kube) {
      out.pods = logs::cluster_log_targets(cluster, route_.flink, ips, !jobmanager);
    } else if (rest_allowed) {
      if (jobmanager) out.files.push_back(rest_file(""));
      if (flink) {
        for (const auto& tm : flink->taskmanagers) out.files.push_back(rest_file(tm.id));
      }
    }
  };
  auto rest_note = [&] { return kube ? "" : " (Flink REST log files: no Kubernetes)"; };

  switch (request_.scope) {
    case Scope::Cluster:
      everything(true);
      out.description = kube ? fmt::format("the JobManager and TaskManagers of {}: {}", where, names_of(out.pods))
                             : fmt::format("the JobManager and {} of {}{}",
                                           taskmanagers(out.files.empty() ? 0 : out.files.size() - 1), where, rest_note());
      if (kube && out.pods.empty()) out.problem = "no JobManager or TaskManager pod of " + where + " yet";
      if (!kube && !rest_allowed) {
        out.problem = request_.previous ? "Flink's REST API has no previous containers' logs (P shows the running ones)"
                                        : "no Flink REST API to read log files from";
      }
      break;
    case Scope::Pod: {
      out.description = "pod " + cluster.namespace_ + "/" + request_.pod;
      for (const model::ClusterPod& pod : cluster.pods) {
        if (pod.name == request_.pod) out.pods = {logs::pod_log_target(pod, route_.flink, ips)};
      }
      if (out.pods.empty()) {
        out.keep_pods = true;
        out.problem = "the pod is gone from the cluster";
      }
      break;
    }
    case Scope::TaskManager: {
      const std::string& id = request_.taskmanager_id;
      const model::ClusterPod* pod = kube ? logs::taskmanager_pod(cluster, id, endpoint_of(id), ips) : nullptr;
      if (pod) {
        out.pods = {logs::pod_log_target(*pod, route_.flink, ips)};
        out.description = pod->name == id ? "TaskManager pod " + id : fmt::format("TaskManager {} (pod {})", id, pod->name);
      } else if (rest_allowed) {
        out.files = {rest_file(id)};
        out.description = "TaskManager " + id + (kube ? " (Flink REST log file: no pod matches it)" : rest_note());
      } else {
        out.description = "TaskManager " + id;
        out.problem = request_.previous ? "no pod matches it: Flink's REST API has no previous container's log"
                                        : "no pod matches it and the cluster has no Flink REST API";
      }
      break;
    }
    case Scope::Job: {
      const std::string short_id = request_.job_id.substr(0, 8);
      const std::string job = request_.job_name.empty() || request_.job_name == short_id
                                  ? "job " + short_id
                                  : fmt::format("job {} ({})", request_.job_name, short_id);
      const std::optional<JobTaskManagers> runs_on =
          job_taskmanagers_ ? job_taskmanagers_->latest() : std::nullopt;
      if (route_.flink && !runs_on) {
        out.description = "asking Flink which TaskManagers run " + job + "…";
        break;
      }
      std::set<std::string> seen;
      for (const auto& [id, endpoint] : runs_on ? runs_on->ids : std::map<std::string, std::string>{}) {
        if (!kube) {
          if (rest_allowed) out.files.push_back(rest_file(id));
        } else if (const model::ClusterPod* pod = logs::taskmanager_pod(cluster, id, endpoint, ips);
                   pod && seen.insert(pod->name).second) {
          out.pods.push_back(logs::pod_log_target(*pod, route_.flink, ips));
        }
      }
      if (!out.pods.empty() || !out.files.empty()) {
        out.description = kube ? fmt::format("the TaskManagers running {}: {}", job, names_of(out.pods))
                               : fmt::format("the {} running {}{}", taskmanagers(out.files.size()), job, rest_note());
        if (runs_on && !runs_on->error.empty()) out.problem = "the TaskManagers may have changed: " + runs_on->error;
        break;
      }
      everything(false);
      out.description = fmt::format("every TaskManager of {}{}", where, rest_note());
      const std::string why = !route_.flink                    ? "the cluster has no Flink REST API"
                              : runs_on && !runs_on->error.empty() ? runs_on->error
                                                                   : "it runs no tasks now";
      out.problem = fmt::format("{} runs on no TaskManager flinktop can match{} ({}): following every TaskManager",
                                job, kube ? " to a pod" : "", why);
      break;
    }
  }
  return out;
}

}  // namespace flinktop::sync
