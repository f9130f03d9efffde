// LogTargetResolver: from TARGET to pods (or REST log files), using the same cluster discovery and
// job lookup as `get` and the job commands.
#include "cli/log_targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "cli/job_listing.hpp"
#include "core/flink/client.hpp"
#include "core/logs/cluster_log_targets.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::cli {

namespace {

using model::ClusterPod;
using model::PodRole;

// Pod name → IP, from the context's snapshot (standalone TaskManagers are known by address).
logs::PodIps pod_ips(const ClusterTarget& target) {
  return target.snapshot ? logs::pod_ips(*target.snapshot, target.cluster.namespace_) : logs::PodIps{};
}

logs::PodLogTarget pod_target(const ClusterTarget& target, const ClusterPod& pod,
                              const std::string& container, const logs::PodIps& ips) {
  return logs::pod_log_target(pod, target.flink, ips, container);
}

std::vector<logs::PodLogTarget> cluster_pods(const ClusterTarget& target, const LogTargetQuery& query,
                                             bool taskmanagers_only) {
  return logs::cluster_log_targets(target.cluster, target.flink, pod_ips(target), taskmanagers_only,
                                   query.container);
}

const ClusterPod* pod_of_taskmanager(const ClusterTarget& target, const std::string& id,
                                     const std::string& endpoint, const logs::PodIps& ips) {
  return logs::taskmanager_pod(target.cluster, id, endpoint, ips);
}

std::string names_of(const std::vector<logs::PodLogTarget>& pods) {
  std::string names;
  for (std::size_t i = 0; i < pods.size() && i < 6; ++i) names += (i ? ", " : "") + pods[i].name;
  if (pods.size() > 6) names += fmt::format(", and {} more", pods.size() - 6);
  return names;
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

LogTargets LogTargetResolver::resolve_kube(const ClusterTargets& targets) {
  const std::string& wanted = query_.target;
  if (wanted.empty()) {
    throw Error(ErrorKind::Usage, "logs needs a TARGET: a pod, a cluster, a job or a TaskManager id");
  }
  LogTargets out;
  auto done = [&](const ClusterTarget& target, std::vector<logs::PodLogTarget> pods,
                  std::string description) {
    if (changes_) narrow_to(target.cluster);
    out.api = target.kube;
    out.pods = std::move(pods);
    out.description = std::move(description);
    return out;
  };

  // 1. A pod.
  for (const ClusterTarget& target : targets.clusters) {
    for (const ClusterPod& pod : target.cluster.pods) {
      if (pod.name != wanted && pod.namespace_ + "/" + pod.name != wanted) continue;
      if (query_.all_taskmanagers) {
        changes_ = true;
        return done(target, cluster_pods(target, query_, true),
                    "the TaskManagers of cluster " + cluster_label(target.cluster));
      }
      return done(target, {pod_target(target, pod, query_.container, pod_ips(target))}, "pod " + pod.name);
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
    const ClusterTarget& target = *clusters.front();
    return done(target, cluster_pods(target, query_, query_.all_taskmanagers),
                (query_.all_taskmanagers ? "the TaskManagers of cluster " : "cluster ") +
                    cluster_label(target.cluster));
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
      for (const auto& tm : tms) {
        if (tm.id != wanted) continue;
        if (query_.all_taskmanagers) {
          changes_ = true;
          return done(target, cluster_pods(target, query_, true),
                      "the TaskManagers of cluster " + cluster_label(target.cluster));
        }
        const auto ips = pod_ips(target);
        if (const ClusterPod* pod = pod_of_taskmanager(target, tm.id, tm.endpoint, ips)) {
          return done(target, {pod_target(target, *pod, query_.container, ips)}, "TaskManager " + tm.id);
        }
        out.rest_files.push_back({target.flink, tm.id, "", ""});
        if (first_)
          out.notes.push_back("no pod found for TaskManager " + tm.id + ": showing its Flink REST log file");
        out.api = target.kube;
        out.description = "TaskManager " + tm.id;
        return out;
      }
    }
  }
  // 4. A job.
  const JobListing listing = list_jobs(targets);
  const JobRow& job = find_job_or_say_what_was_tried(listing, targets, wanted);
  const ClusterTarget& target = targets.clusters[job.cluster];
  const std::string job_text = fmt::format("job {} ({})", job.name, job.id.substr(0, 8));
  changes_ = true;
  if (query_.all_taskmanagers || !target.flink || job.id.empty()) {
    return done(target, cluster_pods(target, query_, true),
                "the TaskManagers of cluster " + cluster_label(target.cluster) + " (" + job_text + ")");
  }
  std::map<std::string, std::string> tms;
  std::string why;
  try {
    tms = logs::job_taskmanagers(*target.flink, job.id);
  } catch (const Error& e) {
    why = text::one_line(e.what(), 200);
  }
  const auto ips = pod_ips(target);
  std::vector<logs::PodLogTarget> pods;
  std::set<std::string> seen;
  for (const auto& [id, endpoint] : tms) {
    const ClusterPod* pod = pod_of_taskmanager(target, id, endpoint, ips);
    if (pod && seen.insert(pod->name).second) pods.push_back(pod_target(target, *pod, query_.container, ips));
  }
  if (pods.empty()) {
    if (first_) {
      out.notes.push_back(
          fmt::format("{} runs on no TaskManager flinktop can match to a pod ({}): following every "
                      "TaskManager of cluster {}",
                      job_text, why.empty() ? "state " + job.state : why, cluster_label(target.cluster)));
    }
    return done(target, cluster_pods(target, query_, true),
                "the TaskManagers of cluster " + cluster_label(target.cluster) + " (" + job_text + ")");
  }
  return done(target, std::move(pods), "the TaskManagers running " + job_text + ": " + names_of(pods));
}

LogTargets LogTargetResolver::resolve_flink_url(const ClusterTargets& targets) {
  if (targets.clusters.empty() || !targets.clusters.front().flink) {
    throw Error(ErrorKind::Usage, "--flink-url names no Flink REST API");
  }
  const ClusterTarget& target = targets.clusters.front();
  const std::shared_ptr<flink::Client>& flink = target.flink;
  const std::string& wanted = query_.target;
  LogTargets out;
  auto taskmanager_files = [&](const std::set<std::string>& only) {
    for (const auto& tm : flink->taskmanagers()) {
      if (only.empty() || only.count(tm.id)) out.rest_files.push_back({flink, tm.id, "", ""});
    }
  };
  const std::string where = flink->endpoint().describe();
  if (wanted.empty() || wanted == target.cluster.name) {
    changes_ = true;
    if (!query_.all_taskmanagers) out.rest_files.push_back({flink, "", "", ""});
    taskmanager_files({});
    out.description =
        (query_.all_taskmanagers ? "the TaskManagers of " : "the JobManager and TaskManagers of ") + where;
  } else if (is_jobmanager_word(wanted)) {
    out.rest_files.push_back({flink, "", "", ""});
    out.description = "the JobManager of " + where;
  } else {
    for (const auto& tm : flink->taskmanagers()) {
      if (tm.id == wanted) out.rest_files.push_back({flink, tm.id, "", ""});
    }
    if (!out.rest_files.empty()) {
      out.description = "TaskManager " + wanted;
    } else {
      const JobListing listing = list_jobs(targets);
      const JobRow& job = find_job(listing, targets, wanted);
      changes_ = true;
      std::set<std::string> ids;
      if (!query_.all_taskmanagers && !job.id.empty()) {
        for (const auto& [id, endpoint] : logs::job_taskmanagers(*flink, job.id)) ids.insert(id);
      }
      taskmanager_files(ids);
      if (out.rest_files.empty()) taskmanager_files({});
      out.description = fmt::format("the TaskManagers of job {} ({})", job.name, job.id.substr(0, 8));
    }
  }
  if (first_)
    out.notes.push_back("showing the Flink REST log files of " + out.description +
                        " (--flink-url: no Kubernetes)");
  return out;
}

}  // namespace flinktop::cli
