// Decoding of FlinkSessionJob.
#include "core/kube/objects/flink_session_job.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

FlinkSessionJob FlinkSessionJob::from_json(const nlohmann::json& j) {
  jf::require_object(j, "FlinkSessionJob");
  FlinkSessionJob sj;
  sj.meta = ObjectMeta::from_object_keeping_raw(j, "FlinkSessionJob");
  const auto& spec = jf::object(j, "spec");
  sj.spec.deployment_name = jf::string(spec, "deploymentName");
  if (jf::has_object(spec, "job")) sj.spec.job = FlinkJobSpec::from_json(jf::object(spec, "job"));
  sj.spec.restart_nonce = jf::optional_integer(spec, "restartNonce");
  sj.spec.flink_configuration = jf::flink_configuration(spec, "flinkConfiguration");
  const auto& status = jf::object(j, "status");
  sj.status.lifecycle_state = jf::string(status, "lifecycleState");
  sj.status.job_status = FlinkJobStatus::from_json(jf::object(status, "jobStatus"));
  sj.status.reconciliation_state = jf::string(jf::object(status, "reconciliationStatus"), "state");
  sj.status.error = jf::string(status, "error");
  return sj;
}

}  // namespace flinktop::kube
