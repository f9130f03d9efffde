// A FlinkSessionJob (flink.apache.org/v1beta1): a job the operator runs on a session FlinkDeployment.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/kube/objects/flink_job.hpp"
#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

struct FlinkSessionJobSpec {
  std::string deployment_name;  // the session FlinkDeployment it runs on
  std::optional<FlinkJobSpec> job;
  std::optional<std::int64_t> restart_nonce;
  std::map<std::string, std::string> flink_configuration;  // spec.flinkConfiguration, dotted keys
};

struct FlinkSessionJobStatus {
  std::string lifecycle_state;
  FlinkJobStatus job_status;
  std::string reconciliation_state;
  std::string error;  // raw; see readable_operator_error()
};

struct FlinkSessionJob {
  ObjectMeta meta;
  FlinkSessionJobSpec spec;
  FlinkSessionJobStatus status;

  static FlinkSessionJob from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
