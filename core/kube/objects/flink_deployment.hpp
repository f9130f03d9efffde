// A FlinkDeployment (flink.apache.org/v1beta1): an operator-managed Flink cluster, with a job
// (application mode) or without one (session mode).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/kube/objects/flink_job.hpp"
#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

struct FlinkDeploymentSpec {
  std::string flink_version;  // "v1_20", as in the CRD enum
  std::string image;
  std::string mode;  // "native" or "standalone"; "" when unset (the operator means native)
  std::string service_account;
  std::optional<FlinkJobSpec> job;  // present: application cluster; absent: session cluster
  std::optional<std::int64_t> restart_nonce;
  int jobmanager_replicas = 1;
  std::optional<int> taskmanager_replicas;  // unset: derived from the job's parallelism
  std::map<std::string, std::string> flink_configuration;  // spec.flinkConfiguration, dotted keys
};

struct FlinkDeploymentStatus {
  std::string lifecycle_state;               // CREATED, DEPLOYED, STABLE, SUSPENDED, FAILED, ...
  std::string job_manager_deployment_status;  // READY, DEPLOYING, DEPLOYED_NOT_READY, MISSING, ERROR
  std::string error;                          // raw; see readable_operator_error()
  std::map<std::string, std::string> cluster_info;  // "flink-version", "flink-revision", ...
  FlinkJobStatus job_status;
  std::string reconciliation_state;  // reconciliationStatus.state: DEPLOYED, UPGRADING, ...
  int task_manager_replicas = 0;     // status.taskManager.replicas
  std::string task_manager_label_selector;
  std::int64_t observed_generation = 0;
};

struct FlinkDeployment {
  ObjectMeta meta;
  FlinkDeploymentSpec spec;
  FlinkDeploymentStatus status;

  bool application() const { return spec.job.has_value(); }

  static FlinkDeployment from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
