#include "core/actions/deletion.hpp"

#include <fmt/format.h>

#include "core/kube/objects/flink_state_snapshot.hpp"

namespace flinktop::actions {

namespace {

constexpr const char* kSavepointFirst =
    "The job stops without a savepoint unless the operator is set to take one on deletion "
    "(kubernetes.operator.job.savepoint-on-deletion): take one first (s, or flinktop savepoint) if its state "
    "matters.";

}  // namespace

ObjectKey deletion_target(const model::Cluster& c, const std::string& selected_job_id, std::string& refusal) {
  for (const model::SessionJobSummary& job : c.session_jobs) {
    if (!selected_job_id.empty() && job.job_id == selected_job_id) {
      return {c.context, "FlinkSessionJob", c.namespace_, job.name};
    }
  }
  const bool application_job = c.operator_status && c.kind == model::ClusterKind::OperatorApplication &&
                               c.operator_status->job_id == selected_job_id;
  if (!selected_job_id.empty() && !application_job) {
    refusal = "this job is not a Kubernetes object (it was submitted to its cluster directly): cancel or stop it; "
              "deleting the cluster ends it too";
    return {};
  }
  if (c.operator_managed()) return {c.context, "FlinkDeployment", c.namespace_, c.name};
  if (c.kind == model::ClusterKind::Native) return {c.context, "Deployment", c.namespace_, c.name};
  refusal = fmt::format(
      "{}/{} is a standalone cluster: the objects its YAML created are not flinktop's to guess — delete them with "
      "kubectl delete -f",
      c.namespace_, c.name);
  return {};
}

std::vector<std::string> deletion_consequences(const ObjectKey& key) {
  if (key.kind == "FlinkDeployment") {
    return {"The Flink operator removes the whole cluster: JobManager, TaskManagers and their services.",
            kSavepointFirst};
  }
  if (key.kind == "FlinkSessionJob") {
    return {"The Flink operator cancels this job on its session cluster; the cluster keeps running.",
            kSavepointFirst};
  }
  if (key.kind == "Deployment") {
    return {"This is the JobManager Deployment of a native cluster: Kubernetes then deletes the TaskManager "
            "pods, ConfigMaps and Services it owns — the whole cluster. Its jobs stop without a savepoint."};
  }
  if (key.kind == "Pod") {
    return {"Its Deployment (or the operator) starts a new pod. A TaskManager's tasks fail over to the last "
            "checkpoint; a JobManager without high availability loses the jobs it runs."};
  }
  return {"Delete this object?"};
}

std::vector<std::string> disposed_savepoints(const model::ContextSnapshot& snapshot, const ObjectKey& key) {
  std::vector<std::string> out;
  if (!snapshot.state_snapshots) return out;
  for (const auto& [uid, s] : *snapshot.state_snapshots) {
    if (s->meta.namespace_ != key.namespace_ || !s->spec.savepoint || !s->spec.savepoint->dispose_on_delete) continue;
    for (const kube::OwnerReference& owner : s->meta.owner_references) {
      if (owner.kind == key.kind && owner.name == key.name) {
        out.push_back(fmt::format("{} ({})", s->meta.name, s->status.path.empty() ? "no path yet" : s->status.path));
        break;
      }
    }
  }
  return out;
}

}  // namespace flinktop::actions
