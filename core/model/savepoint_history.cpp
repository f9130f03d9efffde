#include "core/model/savepoint_history.hpp"

#include <algorithm>
#include <map>

#include "core/kube/objects/flink_deployment.hpp"
#include "core/kube/objects/flink_session_job.hpp"
#include "core/kube/objects/flink_state_snapshot.hpp"

namespace flinktop::model {

namespace {

const Cluster* cluster_named(const std::vector<Cluster>& clusters, const std::string& ns, const std::string& name) {
  for (const Cluster& c : clusters) {
    if (c.namespace_ == ns && c.name == name) return &c;
  }
  return nullptr;
}

SavepointRecord from_operator_status(const Cluster& cluster, const kube::FlinkJobStatus& job,
                                     const std::string& resource) {
  SavepointRecord r;
  r.context = cluster.context;
  r.namespace_ = cluster.namespace_;
  r.cluster = cluster.name;
  r.job = job.job_id.empty() ? resource : job.job_id;
  const kube::FlinkSavepoint& last = *job.savepoint_info.last_savepoint;
  r.path = last.location;
  r.state = "COMPLETED";
  r.format = last.format_type == "UNKNOWN" ? "" : last.format_type;
  r.trigger = last.trigger_type == "UNKNOWN" ? "" : last.trigger_type;
  r.time = last.time_stamp;
  r.sources = {"operator"};
  return r;
}

Timestamp from_millis(std::int64_t millis) { return Timestamp{std::chrono::milliseconds(millis)}; }

}  // namespace

std::vector<SavepointRecord> operator_savepoints(const ContextSnapshot& snapshot, const std::vector<Cluster>& clusters) {
  std::vector<SavepointRecord> records;
  // A session job's resource name → the session cluster it runs on, for snapshots that name it.
  std::map<std::pair<std::string, std::string>, const kube::FlinkSessionJob*> session_jobs;
  for (const auto& [uid, job] : snapshot.objects<kube::FlinkSessionJob>()) {
    session_jobs[{job->meta.namespace_, job->meta.name}] = job.get();
    const Cluster* cluster = cluster_named(clusters, job->meta.namespace_, job->spec.deployment_name);
    if (cluster == nullptr || !job->status.job_status.savepoint_info.last_savepoint) continue;
    records.push_back(from_operator_status(*cluster, job->status.job_status, job->meta.name));
  }
  for (const auto& [uid, deployment] : snapshot.objects<kube::FlinkDeployment>()) {
    const Cluster* cluster = cluster_named(clusters, deployment->meta.namespace_, deployment->meta.name);
    if (cluster == nullptr || !deployment->status.job_status.savepoint_info.last_savepoint) continue;
    records.push_back(from_operator_status(*cluster, deployment->status.job_status, deployment->meta.name));
  }
  for (const auto& [uid, snap] : snapshot.objects<kube::FlinkStateSnapshot>()) {
    if (!snap->is_savepoint()) continue;
    const std::string& ns = snap->meta.namespace_;
    const std::string& target = snap->spec.job_reference.name;
    const Cluster* cluster = nullptr;
    std::string job = target;
    if (snap->spec.job_reference.kind == "FlinkSessionJob") {
      auto it = session_jobs.find({ns, target});
      if (it != session_jobs.end()) {
        cluster = cluster_named(clusters, ns, it->second->spec.deployment_name);
        if (!it->second->status.job_status.job_id.empty()) job = it->second->status.job_status.job_id;
      }
    } else {
      cluster = cluster_named(clusters, ns, target);
      if (cluster != nullptr && cluster->operator_status && !cluster->operator_status->job_id.empty()) {
        job = cluster->operator_status->job_id;
      }
    }
    if (cluster == nullptr) continue;
    SavepointRecord r;
    r.context = cluster->context;
    r.namespace_ = ns;
    r.cluster = cluster->name;
    r.job = job;
    r.path = snap->status.path.empty() ? snap->spec.savepoint->path : snap->status.path;
    if (snap->status.state != "COMPLETED" && snap->status.path.empty()) r.path.clear();  // only the target dir
    r.state = snap->status.state.empty() ? "TRIGGER_PENDING" : snap->status.state;
    r.format = snap->spec.savepoint->format_type;
    r.trigger = "MANUAL";
    r.time = snap->status.result_timestamp ? snap->status.result_timestamp : snap->status.trigger_timestamp;
    if (!r.time) r.time = snap->meta.creation_timestamp;
    r.error = snap->status.error;
    r.sources = {"snapshot/" + snap->meta.name};
    records.push_back(std::move(r));
  }
  return records;
}

std::vector<SavepointRecord> flink_savepoints(const Cluster& cluster, const std::string& job_id,
                                              const flink::CheckpointStats& stats) {
  std::vector<SavepointRecord> records;
  auto add = [&](const flink::Checkpoint& c) {
    if (!c.is_savepoint) return;
    SavepointRecord r;
    r.context = cluster.context;
    r.namespace_ = cluster.namespace_;
    r.cluster = cluster.name;
    r.job = job_id;
    r.path = c.discarded ? "" : c.external_path;
    r.state = c.status;
    r.format = c.savepoint_format;
    r.trigger = c.checkpoint_type;
    r.time = from_millis(c.latest_ack_timestamp > 0 ? c.latest_ack_timestamp : c.trigger_timestamp);
    r.error = c.failure_message;
    r.sources = {"flink"};
    records.push_back(std::move(r));
  };
  for (const flink::Checkpoint& c : stats.history) add(c);
  if (stats.latest.savepoint) add(*stats.latest.savepoint);
  if (stats.latest.restored && stats.latest.restored->is_savepoint && !stats.latest.restored->external_path.empty()) {
    SavepointRecord r;
    r.context = cluster.context;
    r.namespace_ = cluster.namespace_;
    r.cluster = cluster.name;
    r.job = job_id;
    r.path = stats.latest.restored->external_path;
    r.state = "COMPLETED";
    r.trigger = "RESTORED";
    r.time = from_millis(stats.latest.restored->restore_timestamp);
    r.sources = {"flink"};
    records.push_back(std::move(r));
  }
  return records;
}

std::vector<SavepointRecord> merge_savepoints(std::vector<SavepointRecord> records) {
  // A restore names the job that read a savepoint, not the one that wrote it: let the writer's
  // record be the one kept.
  std::stable_partition(records.begin(), records.end(), [](const SavepointRecord& r) { return r.trigger != "RESTORED"; });
  std::vector<SavepointRecord> merged;
  std::map<std::string, std::size_t> by_path;
  for (SavepointRecord& r : records) {
    auto it = r.path.empty() ? by_path.end() : by_path.find(r.path);
    if (it == by_path.end()) {
      if (!r.path.empty()) by_path[r.path] = merged.size();
      merged.push_back(std::move(r));
      continue;
    }
    SavepointRecord& kept = merged[it->second];
    for (std::string& source : r.sources) {
      if (std::find(kept.sources.begin(), kept.sources.end(), source) == kept.sources.end()) {
        kept.sources.push_back(std::move(source));
      }
    }
    if (kept.format.empty()) kept.format = r.format;
    if (kept.trigger.empty()) kept.trigger = r.trigger;
    if (!kept.time) kept.time = r.time;
    if (kept.job.size() != 32 && r.job.size() == 32) kept.job = r.job;  // prefer the job id over a name
  }
  std::stable_sort(merged.begin(), merged.end(), [](const SavepointRecord& a, const SavepointRecord& b) {
    if (a.time.has_value() != b.time.has_value()) return a.time.has_value();
    return a.time && *a.time > *b.time;
  });
  return merged;
}

}  // namespace flinktop::model
