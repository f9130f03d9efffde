// A FlinkStateSnapshot (flink.apache.org/v1beta1, operator >= 1.10): a savepoint or checkpoint of an
// operator-managed job, requested and tracked as a resource.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

struct FlinkJobReference {
  std::string kind;  // FlinkDeployment or FlinkSessionJob
  std::string name;
};

struct FlinkSavepointSpec {
  std::string path;
  std::string format_type;  // CANONICAL, NATIVE
  bool dispose_on_delete = false;
  bool already_exists = false;
};

struct FlinkStateSnapshotSpec {
  FlinkJobReference job_reference;
  std::optional<FlinkSavepointSpec> savepoint;
  bool checkpoint = false;  // spec.checkpoint is present (it has no fields)
  int backoff_limit = 0;
};

struct FlinkStateSnapshotStatus {
  std::string state;  // TRIGGER_PENDING, IN_PROGRESS, COMPLETED, FAILED, ABANDONED
  std::string path;
  std::string error;
  std::string trigger_id;
  std::optional<Timestamp> trigger_timestamp;  // RFC 3339 string (epoch millis accepted too)
  std::optional<Timestamp> result_timestamp;
  int failures = 0;
};

struct FlinkStateSnapshot {
  ObjectMeta meta;
  FlinkStateSnapshotSpec spec;
  FlinkStateSnapshotStatus status;

  bool is_savepoint() const { return spec.savepoint.has_value(); }

  static FlinkStateSnapshot from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
