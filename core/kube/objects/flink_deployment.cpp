// Decoding of FlinkDeployment.
#include "core/kube/objects/flink_deployment.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

FlinkDeployment FlinkDeployment::from_json(const nlohmann::json& j) {
  jf::require_object(j, "FlinkDeployment");
  FlinkDeployment fd;
  fd.meta = ObjectMeta::from_object_keeping_raw(j, "FlinkDeployment");

  const auto& spec = jf::object(j, "spec");
  fd.spec.flink_version = jf::string(spec, "flinkVersion");
  fd.spec.image = jf::string(spec, "image");
  fd.spec.mode = jf::string(spec, "mode");
  fd.spec.service_account = jf::string(spec, "serviceAccount");
  if (jf::has_object(spec, "job")) fd.spec.job = FlinkJobSpec::from_json(jf::object(spec, "job"));
  fd.spec.restart_nonce = jf::optional_integer(spec, "restartNonce");
  const auto jm_replicas = jf::integer(jf::object(spec, "jobManager"), "replicas", 1);
  fd.spec.jobmanager_replicas = jm_replicas < 0 || jm_replicas > INT32_MAX ? 1 : static_cast<int>(jm_replicas);
  if (const auto tm = jf::optional_integer(jf::object(spec, "taskManager"), "replicas"); tm && *tm >= 0 && *tm <= INT32_MAX)
    fd.spec.taskmanager_replicas = static_cast<int>(*tm);
  fd.spec.flink_configuration = jf::flink_configuration(spec, "flinkConfiguration");

  const auto& status = jf::object(j, "status");
  fd.status.lifecycle_state = jf::string(status, "lifecycleState");
  fd.status.job_manager_deployment_status = jf::string(status, "jobManagerDeploymentStatus");
  fd.status.error = jf::string(status, "error");
  fd.status.cluster_info = jf::string_map(status, "clusterInfo");
  fd.status.job_status = FlinkJobStatus::from_json(jf::object(status, "jobStatus"));
  fd.status.reconciliation_state = jf::string(jf::object(status, "reconciliationStatus"), "state");
  const auto& tm_status = jf::object(status, "taskManager");
  const auto tm_replicas = jf::integer(tm_status, "replicas");
  fd.status.task_manager_replicas = tm_replicas < 0 || tm_replicas > INT32_MAX ? 0 : static_cast<int>(tm_replicas);
  fd.status.task_manager_label_selector = jf::string(tm_status, "labelSelector");
  fd.status.observed_generation = jf::integer(status, "observedGeneration");
  return fd;
}

}  // namespace flinktop::kube
