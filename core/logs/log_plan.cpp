// plan_logs: one Planner per call, one member function per scope, each filling the same LogPlan.
#include "core/logs/log_plan.hpp"

#include <fmt/format.h>

#include <set>

namespace flinktop::logs {

namespace {

constexpr std::size_t kNamesListed = 4;

// "a, b, c, d and 2 more": the one way a description lists what it follows.
std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kNamesListed; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > kNamesListed) out += fmt::format(" and {} more", names.size() - kNamesListed);
  return out;
}

std::string taskmanagers(std::size_t n) { return fmt::format("{} TaskManager{}", n, n == 1 ? "" : "s"); }

class Planner {
 public:
  Planner(const model::Cluster& cluster, const LogPlanInput& in)
      : cluster_(cluster),
        in_(in),
        kube_(in.kubernetes),
        // A terminated container's log is the Kubernetes API's to give; Flink's REST API has none.
        rest_allowed_(in.flink && !in.previous),
        where_(cluster.namespace_.empty() ? cluster.name : cluster.namespace_ + "/" + cluster.name) {}

  LogPlan plan() {
    switch (in_.scope) {
      case LogScope::Cluster: return of_cluster();
      case LogScope::JobManager: return of_jobmanager();
      case LogScope::EveryTaskManager: return of_every_taskmanager();
      case LogScope::Pod: return of_pod();
      case LogScope::TaskManager: return of_taskmanager();
      case LogScope::Job: return of_job();
    }
    return std::move(out_);
  }

 private:
  PodLogTarget pod_target(const model::ClusterPod& pod) const {
    return pod_log_target(pod, in_.flink, in_.pod_ips, in_.container);
  }
  RestLogFile rest_file(const std::string& taskmanager_id) const { return {in_.flink, taskmanager_id, "", ""}; }

  // The pods of the JobManager and/or the TaskManagers; without Kubernetes their REST log files.
  void follow_processes(bool jobmanager, bool taskmanagers) {
    if (kube_) {
      for (const model::ClusterPod& pod : cluster_.pods) {
        if ((jobmanager && pod.role == model::PodRole::JobManager) ||
            (taskmanagers && pod.role == model::PodRole::TaskManager)) {
          out_.pods.push_back(pod_target(pod));
        }
      }
    } else if (rest_allowed_) {
      if (jobmanager) out_.files.push_back(rest_file(""));
      if (taskmanagers && in_.taskmanagers) {
        for (const auto& [id, endpoint] : *in_.taskmanagers) out_.files.push_back(rest_file(id));
      }
    }
  }

  std::string names() const {
    std::vector<std::string> names;
    for (const PodLogTarget& pod : out_.pods) names.push_back(pod.name);
    return listed(names);
  }
  // "subject: pod-1, pod-2", or the subject alone when no pod answers it.
  std::string with_names(const std::string& subject) const {
    return out_.pods.empty() ? subject : subject + ": " + names();
  }
  std::string no_rest_problem() const {
    return in_.previous ? "Flink's REST API has no previous containers' logs (P shows the running ones)"
                        : "no Flink REST API to read log files from";
  }
  static constexpr const char* kRestNote = " (Flink REST log files: no Kubernetes)";

  std::string endpoint_of(const std::string& taskmanager_id) const {
    if (!in_.taskmanagers) return "";
    const auto tm = in_.taskmanagers->find(taskmanager_id);
    return tm == in_.taskmanagers->end() ? "" : tm->second;
  }

  LogPlan of_cluster() {
    follow_processes(true, true);
    out_.subject = "the JobManager and TaskManagers of " + where_;
    if (kube_) {
      out_.description = with_names(out_.subject);
      if (out_.pods.empty()) out_.problem = "no JobManager or TaskManager pod of " + where_ + " yet";
    } else {
      out_.description = fmt::format("the JobManager and {} of {}{}",
                                     taskmanagers(out_.files.empty() ? 0 : out_.files.size() - 1), where_, kRestNote);
      if (!rest_allowed_) out_.problem = no_rest_problem();
    }
    return std::move(out_);
  }

  LogPlan of_jobmanager() {
    follow_processes(true, false);
    out_.subject = "the JobManager of " + where_;
    if (kube_) {
      out_.description = with_names(out_.subject);
      if (out_.pods.empty()) out_.problem = "no JobManager pod of " + where_ + " yet";
    } else {
      out_.description = out_.subject + " (Flink REST log file: no Kubernetes)";
      if (!rest_allowed_) out_.problem = no_rest_problem();
    }
    return std::move(out_);
  }

  LogPlan of_every_taskmanager() {
    follow_processes(false, true);
    out_.subject = "the TaskManagers of " + where_;
    if (kube_) {
      out_.description = with_names(out_.subject);
      if (out_.pods.empty()) out_.problem = "no TaskManager pod of " + where_ + " yet";
    } else {
      out_.description = fmt::format("the {} of {}{}", taskmanagers(out_.files.size()), where_, kRestNote);
      if (!rest_allowed_) {
        out_.problem = no_rest_problem();
      } else if (out_.files.empty()) {
        out_.problem = "Flink knows no TaskManager of " + where_ + " yet";
      }
    }
    return std::move(out_);
  }

  LogPlan of_pod() {
    out_.subject = out_.description = "pod " + cluster_.namespace_ + "/" + in_.pod;
    for (const model::ClusterPod& pod : cluster_.pods) {
      if (pod.name == in_.pod) out_.pods = {pod_target(pod)};
    }
    if (out_.pods.empty()) {
      out_.keep_pods = true;
      out_.problem = "the pod is gone from the cluster";
    }
    return std::move(out_);
  }

  LogPlan of_taskmanager() {
    const std::string& id = in_.taskmanager_id;
    out_.subject = "TaskManager " + id;
    const model::ClusterPod* pod = kube_ ? taskmanager_pod(cluster_, id, endpoint_of(id), in_.pod_ips) : nullptr;
    if (pod) {
      out_.pods = {pod_target(*pod)};
      out_.description = pod->name == id ? "TaskManager pod " + id : fmt::format("TaskManager {} (pod {})", id, pod->name);
    } else if (rest_allowed_) {
      out_.files = {rest_file(id)};
      out_.description = out_.subject + (kube_ ? " (Flink REST log file: no pod matches it)" : kRestNote);
    } else {
      out_.description = out_.subject;
      out_.problem = in_.previous ? "no pod matches it: Flink's REST API has no previous container's log"
                                  : "no pod matches it and the cluster has no Flink REST API";
    }
    return std::move(out_);
  }

  std::string job_words() const {
    const std::string short_id = in_.job_id.substr(0, 8);
    if (short_id.empty()) return in_.job_name.empty() ? "the job" : "job " + in_.job_name;
    if (in_.job_name.empty() || in_.job_name == short_id) return "job " + short_id;
    return fmt::format("job {} ({})", in_.job_name, short_id);
  }

  LogPlan of_job() {
    const std::string job = job_words();
    out_.subject = "the TaskManagers running " + job;
    if (!kube_ && !rest_allowed_) {
      out_.description = out_.subject + kRestNote;
      out_.problem = no_rest_problem();
      return std::move(out_);
    }
    if (in_.flink && !in_.job_taskmanagers) {
      out_.waiting_for_job = true;
      out_.description = "asking Flink which TaskManagers run " + job + "…";
      return std::move(out_);
    }
    const TaskManagerEndpoints none;
    const TaskManagerEndpoints& runs_on = in_.job_taskmanagers ? *in_.job_taskmanagers : none;
    const std::string& error = in_.job_taskmanagers_error;
    std::set<std::string> seen;  // several TaskManager ids may match one pod (a restarted process)
    for (const auto& [id, endpoint] : runs_on) {
      if (!kube_) {
        out_.files.push_back(rest_file(id));
      } else if (const model::ClusterPod* pod = taskmanager_pod(cluster_, id, endpoint, in_.pod_ips);
                 pod && seen.insert(pod->name).second) {
        out_.pods.push_back(pod_target(*pod));
      }
    }
    if (!out_.pods.empty() || !out_.files.empty()) {
      out_.description = kube_ ? with_names(out_.subject)
                               : fmt::format("the {} running {}{}", taskmanagers(out_.files.size()), job, kRestNote);
      if (!error.empty()) out_.problem = "the TaskManagers may have changed: " + error;
      return std::move(out_);
    }
    // Nothing to match: every TaskManager rather than nothing, and the problem line says why.
    follow_processes(false, true);
    out_.description = "every TaskManager of " + where_ + (kube_ ? "" : kRestNote);
    std::string why;
    if (!in_.flink) {
      why = "the cluster has no Flink REST API";
    } else if (!error.empty()) {
      why = error;
    } else if (runs_on.empty()) {
      why = "it runs no tasks now" + (in_.job_state.empty() ? "" : ", state " + in_.job_state);
    } else {
      std::vector<std::string> ids;
      for (const auto& [id, endpoint] : runs_on) ids.push_back(id);
      why = fmt::format("no pod matches its TaskManager{} {}", ids.size() == 1 ? "" : "s", listed(ids));
    }
    out_.problem = fmt::format("{} runs on no TaskManager flinktop can match{} ({}): following every TaskManager",
                               job, kube_ ? " to a pod" : "", why);
    return std::move(out_);
  }

  const model::Cluster& cluster_;
  const LogPlanInput& in_;
  const bool kube_;
  const bool rest_allowed_;
  const std::string where_;
  LogPlan out_;
};

}  // namespace

LogPlan plan_logs(const model::Cluster& cluster, const LogPlanInput& input) { return Planner(cluster, input).plan(); }

}  // namespace flinktop::logs
