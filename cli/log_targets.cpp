// LogTargetResolver: from TARGET to a cluster and what of it to follow (the same cluster discovery
// and job lookup as `get` and the job commands); which pods or REST log files that is, logs::plan_logs
// decides, as it does for the log view.
#include "cli/log_targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "cli/job_listing.hpp"
#include "core/flink/client.hpp"
#include "core/logs/cluster_log_targets.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::cli {

namespace {

using model::ClusterPod;
using logs::LogScope;

// What this command knows of `target` for logs::plan_logs: the scope, -c, -p, and where pods are.
logs::LogPlanInput plan_input(const ClusterTarget& target, const LogTargetQuery& query, LogScope scope) {
  logs::LogPlanInput in;
  in.scope = scope;
  in.container = query.container;
  in.previous = query.previous;
  in.kubernetes = target.kube != nullptr;
  in.flink = target.flink;
  // Pod name → IP, from the context's snapshot (standalone TaskManagers are known by address).
  if (target.snapshot) in.pod_ips = logs::pod_ips(*target.snapshot, target.cluster.namespace_);
  return in;
}

logs::TaskManagerEndpoints endpoints_of(const std::vector<flink::TaskManager>& tms) {
  logs::TaskManagerEndpoints endpoints;
  for (const auto& tm : tms) endpoints[tm.id] = tm.endpoint;
  return endpoints;
}

// The TaskManagers running `job` as the plan wants them: a failed look is an empty answer and why.
void look_up_job_taskmanagers(flink::Client& flink, const std::string& job_id, logs::LogPlanInput& in) {
  in.job_taskmanagers.emplace();
  if (job_id.empty()) return;  // not started yet: it runs nowhere
  try {
    in.job_taskmanagers = logs::job_taskmanagers(flink, job_id);
  } catch (const Error& e) {
    in.job_taskmanagers_error = text::one_line(e.what(), 200);
  }
}

void set_job(logs::LogPlanInput& in, const JobRow& job) {
  in.job_id = job.id;
  in.job_name = job.name;
  in.job_state = job.state;
}

// The job named `wanted`; when there is none, the error says what else TARGET was tried as.
const JobRow& find_job_or_say_what_was_tried(const JobListing& listing, const ClusterTargets& targets,
                                             const std::string& wanted) {
  try {
    return find_job(listing, targets, wanted);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::NotFound) throw;
    throw Error(ErrorKind::NotFound,
                fmt::format("no Flink pod, cluster or TaskManager \"{}\", and {}", wanted, e.what()));
  }
}

bool is_jobmanager_word(const std::string& target) {
  return target == "jobmanager" || target == "jm";
}

}  // namespace

LogTargetResolver::LogTargetResolver(const GlobalOptions& global, LogTargetQuery query, std::ostream& err)
    : global_(global), query_(std::move(query)), err_(err) {}

LogTargets LogTargetResolver::resolve() {
  first_ = true;
  const ClusterTargets targets = select_clusters(global_, query_.cluster, err_);
  return global_.flink.url.empty() ? resolve_kube(targets) : resolve_flink_url(targets);
}

LogTargets LogTargetResolver::refresh() {
  first_ = false;
  // Problems with other contexts were said the first time; a refresh only looks again.
  std::ostringstream quiet;
  const ClusterTargets targets = narrowed_ ? select_clusters(*narrowed_, narrowed_cluster_, quiet)
                                           : select_clusters(global_, query_.cluster, quiet);
  return global_.flink.url.empty() ? resolve_kube(targets) : resolve_flink_url(targets);
}

void LogTargetResolver::narrow_to(const model::Cluster& cluster) {
  if (narrowed_ || cluster.context.empty()) return;
  GlobalOptions narrowed = global_;
  narrowed.contexts = {cluster.context};
  narrowed.all_contexts = false;
  narrowed.namespace_ = cluster.namespace_;
  narrowed.all_namespaces = false;
  narrowed_ = std::move(narrowed);
  narrowed_cluster_ = cluster.namespace_ + "/" + cluster.name;
}

LogTargets LogTargetResolver::planned(const ClusterTarget& target, const logs::LogPlanInput& input) {
  if (changes_) narrow_to(target.cluster);
  logs::LogPlan plan = logs::plan_logs(target.cluster, input);
  LogTargets out;
  out.api = target.kube;
  out.pods = std::move(plan.pods);
  out.rest_files = std::move(plan.files);
  out.description = std::move(plan.description);
  out.problem = std::move(plan.problem);
  if (!first_) return out;
  if (!input.kubernetes) {
    out.notes.push_back("showing the Flink REST log files of " + plan.subject + " (--flink-url: no Kubernetes)");
  } else if (input.scope == LogScope::TaskManager && out.pods.empty() && !out.rest_files.empty()) {
    out.notes.push_back("no pod found for TaskManager " + input.taskmanager_id + ": showing its Flink REST log file");
  }
  // With nothing to follow, the problem is what `logs` stops (or waits) with, not a note.
  if (!out.problem.empty() && (!out.pods.empty() || !out.rest_files.empty())) out.notes.push_back(out.problem);
  return out;
}

LogTargets LogTargetResolver::resolve_kube(const ClusterTargets& targets) {
  const std::string& wanted = query_.target;
  if (wanted.empty()) {
    throw Error(ErrorKind::Usage, "logs needs a TARGET: a pod, a cluster, a job or a TaskManager id");
  }
  const LogScope every_or = query_.all_taskmanagers ? LogScope::EveryTaskManager : LogScope::Cluster;

  // 1. A pod.
  for (const ClusterTarget& target : targets.clusters) {
    for (const ClusterPod& pod : target.cluster.pods) {
      if (pod.name != wanted && pod.namespace_ + "/" + pod.name != wanted) continue;
      if (query_.all_taskmanagers) {
        changes_ = true;
        return planned(target, plan_input(target, query_, LogScope::EveryTaskManager));
      }
      logs::LogPlanInput in = plan_input(target, query_, LogScope::Pod);
      in.pod = pod.name;
      return planned(target, in);
    }
  }
  // 2. A cluster. The same name in several contexts or namespaces is ambiguous.
  std::vector<const ClusterTarget*> clusters;
  for (const ClusterTarget& target : targets.clusters) {
    if (cluster_matches(target.cluster, wanted)) clusters.push_back(&target);
  }
  if (clusters.size() > 1) {
    std::string names;
    for (const ClusterTarget* c : clusters)
      names += (names.empty() ? "" : ", ") + c->cluster.context + "/" + cluster_label(c->cluster);
    throw Error(ErrorKind::Usage,
                fmt::format("\"{}\" names {} clusters ({}): give NAMESPACE/NAME or --context", wanted,
                            clusters.size(), names));
  }
  if (clusters.size() == 1) {
    changes_ = true;
    return planned(*clusters.front(), plan_input(*clusters.front(), query_, every_or));
  }
  // 3. A standalone TaskManager id (native ones are pod names, found above).
  if (wanted.find(':') != std::string::npos) {
    for (const ClusterTarget& target : targets.clusters) {
      if (!target.flink) continue;
      std::vector<flink::TaskManager> tms;
      try {
        tms = target.flink->taskmanagers();
      } catch (const Error&) {
        continue;  // this cluster cannot say; another may
      }
      if (std::none_of(tms.begin(), tms.end(), [&](const flink::TaskManager& tm) { return tm.id == wanted; }))
        continue;
      if (query_.all_taskmanagers) {
        changes_ = true;
        return planned(target, plan_input(target, query_, LogScope::EveryTaskManager));
      }
      logs::LogPlanInput in = plan_input(target, query_, LogScope::TaskManager);
      in.taskmanager_id = wanted;
      in.taskmanagers = endpoints_of(tms);
      return planned(target, in);
    }
  }
  // 4. A job.
  const JobListing listing = list_jobs(targets);
  const JobRow& job = find_job_or_say_what_was_tried(listing, targets, wanted);
  const ClusterTarget& target = targets.clusters[job.cluster];
  changes_ = true;
  logs::LogPlanInput in =
      plan_input(target, query_, query_.all_taskmanagers ? LogScope::EveryTaskManager : LogScope::Job);
  set_job(in, job);
  if (in.scope == LogScope::Job && target.flink) look_up_job_taskmanagers(*target.flink, job.id, in);
  return planned(target, in);
}

LogTargets LogTargetResolver::resolve_flink_url(const ClusterTargets& targets) {
  if (targets.clusters.empty() || !targets.clusters.front().flink) {
    throw Error(ErrorKind::Usage, "--flink-url names no Flink REST API");
  }
  const ClusterTarget& target = targets.clusters.front();
  flink::Client& flink = *target.flink;
  const std::string& wanted = query_.target;
  const LogScope every_or = query_.all_taskmanagers ? LogScope::EveryTaskManager : LogScope::Cluster;
  logs::LogPlanInput in = plan_input(target, query_, every_or);
  if (wanted.empty() || wanted == target.cluster.name) {
    changes_ = true;
    in.taskmanagers = endpoints_of(flink.taskmanagers());
  } else if (is_jobmanager_word(wanted)) {
    in.scope = LogScope::JobManager;
  } else {
    in.taskmanagers = endpoints_of(flink.taskmanagers());
    if (in.taskmanagers->count(wanted)) {
      in.scope = LogScope::TaskManager;
      in.taskmanager_id = wanted;
    } else {
      const JobListing listing = list_jobs(targets);
      const JobRow& job = find_job(listing, targets, wanted);
      changes_ = true;
      in.scope = query_.all_taskmanagers ? LogScope::EveryTaskManager : LogScope::Job;
      set_job(in, job);
      if (in.scope == LogScope::Job) look_up_job_taskmanagers(flink, job.id, in);
    }
  }
  return planned(target, in);
}

}  // namespace flinktop::cli
