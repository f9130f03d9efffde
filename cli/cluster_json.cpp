#include "cli/cluster_json.hpp"

#include "core/text/age.hpp"

namespace flinktop::cli {

namespace {

using Json = nlohmann::ordered_json;

Json counts(int ready, int total) { return Json{{"ready", ready}, {"total", total}}; }

Json optional_time(const std::optional<model::Timestamp>& time) {
  return time ? Json(text::rfc3339(*time)) : Json("");
}

void add_pod_fields(Json& j, const model::ClusterPod& pod) {
  j["namespace"] = pod.namespace_;
  j["name"] = pod.name;
  j["uid"] = pod.uid;
  j["role"] = std::string(model::to_string(pod.role));
  j["phase"] = pod.phase;
  j["status"] = pod.status;
  j["ready"] = counts(pod.ready_containers, pod.total_containers);
  j["restarts"] = pod.restarts;
  j["node"] = pod.node;
  j["created"] = text::rfc3339(pod.created);
}

Json operator_json(const model::OperatorStatus& op) {
  Json j;
  j["lifecycleState"] = op.lifecycle_state;
  j["jobState"] = op.job_state;
  j["jobId"] = op.job_id;
  j["jobName"] = op.job_name;
  j["jobStartTime"] = optional_time(op.job_start_time);
  j["reconciliationState"] = op.reconciliation_state;
  j["jobManagerDeploymentStatus"] = op.jm_deployment_status;
  j["desiredJobState"] = op.desired_job_state;
  j["upgradeMode"] = op.upgrade_mode;
  j["error"] = op.error;
  j["lastSavepoint"] = Json{{"path", op.last_savepoint_path}, {"time", optional_time(op.last_savepoint_time)}};
  j["clusterInfo"] = Json::object();
  for (const auto& [key, value] : op.cluster_info) j["clusterInfo"][key] = value;
  return j;
}

}  // namespace

Json cluster_to_json(const model::Cluster& cluster) {
  Json j;
  j["id"] = cluster.id;
  j["context"] = cluster.context;
  j["namespace"] = cluster.namespace_;
  j["name"] = cluster.name;
  j["kind"] = std::string(model::to_string(cluster.kind));
  j["deploymentMode"] = cluster.deployment_mode;
  j["flinkVersion"] = cluster.flink_version;
  j["state"] = cluster.state;
  j["created"] = text::rfc3339(cluster.created);
  j["jobManagers"] = counts(cluster.jobmanagers_ready, cluster.jobmanagers_total);
  j["taskManagers"] = counts(cluster.taskmanagers_ready, cluster.taskmanagers_total);
  if (cluster.rest) {
    j["rest"] = Json{{"service", cluster.rest->name},
                     {"namespace", cluster.rest->namespace_},
                     {"port", cluster.rest->port},
                     {"portName", cluster.rest->port_name},
                     {"type", cluster.rest->type}};
  } else {
    j["rest"] = nullptr;
  }
  j["operator"] = cluster.operator_status ? operator_json(*cluster.operator_status) : Json();
  j["sessionJobs"] = Json::array();
  for (const model::SessionJobSummary& job : cluster.session_jobs) {
    j["sessionJobs"].push_back(Json{{"name", job.name},
                                    {"lifecycleState", job.lifecycle_state},
                                    {"jobState", job.job_state},
                                    {"jobId", job.job_id},
                                    {"jobName", job.job_name},
                                    {"error", job.error}});
  }
  j["pods"] = Json::array();
  for (const model::ClusterPod& pod : cluster.pods) {
    Json entry;
    add_pod_fields(entry, pod);
    j["pods"].push_back(std::move(entry));
  }
  return j;
}

Json pod_to_json(const model::Cluster& cluster, const model::ClusterPod& pod) {
  Json j;
  j["context"] = cluster.context;
  j["cluster"] = cluster.name;
  add_pod_fields(j, pod);
  return j;
}

}  // namespace flinktop::cli
