// The job part shared by FlinkDeployment and FlinkSessionJob (Flink Kubernetes Operator, v1beta1):
// spec.job as the user wrote it and status.jobStatus as the operator observed it.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/kube/objects/json_fields.hpp"

namespace flinktop::kube {

struct FlinkJobSpec {
  std::string jar_uri;
  std::string entry_class;
  std::vector<std::string> args;
  int parallelism = 0;       // 0: not set
  std::string state;         // "running", "suspended"; "" when unset (the operator means running)
  std::string upgrade_mode;  // "stateless", "savepoint", "last-state"
  std::optional<std::int64_t> savepoint_trigger_nonce;
  std::optional<std::int64_t> savepoint_redeploy_nonce;
  std::string initial_savepoint_path;
  std::optional<bool> allow_non_restored_state;

  static FlinkJobSpec from_json(const nlohmann::json& job);
};

struct FlinkSavepoint {
  std::string location;
  std::optional<Timestamp> time_stamp;  // the operator writes epoch millis as a number
  std::string trigger_type;             // MANUAL, PERIODIC, UPGRADE, UNKNOWN
  std::string format_type;              // CANONICAL, NATIVE, UNKNOWN
};

struct FlinkSavepointInfo {
  std::optional<FlinkSavepoint> last_savepoint;
  std::string trigger_id;  // a savepoint in progress
  std::optional<Timestamp> trigger_timestamp;
};

struct FlinkJobStatus {
  std::string state;  // RUNNING, FAILED, ... (Flink's JobStatus names)
  std::string job_id;
  std::string job_name;
  std::optional<Timestamp> start_time;   // the operator writes epoch millis as a string
  std::optional<Timestamp> update_time;  // likewise
  FlinkSavepointInfo savepoint_info;
  std::string upgrade_savepoint_path;

  static FlinkJobStatus from_json(const nlohmann::json& job_status);
};

// status.error is often JSON inside a string ({"type":..., "message":..., "throwableList":[...]}):
// the message when it is, otherwise the text as it is.
std::string readable_operator_error(const std::string& error);

}  // namespace flinktop::kube
