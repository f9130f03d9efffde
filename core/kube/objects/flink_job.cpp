// Decoding of the operator's job spec and job status.
#include "core/kube/objects/flink_job.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

FlinkJobSpec FlinkJobSpec::from_json(const nlohmann::json& j) {
  FlinkJobSpec s;
  s.jar_uri = jf::string(j, "jarURI");
  s.entry_class = jf::string(j, "entryClass");
  s.args = jf::string_list(j, "args");
  const auto parallelism = jf::integer(j, "parallelism");
  s.parallelism = parallelism < 0 || parallelism > INT32_MAX ? 0 : static_cast<int>(parallelism);
  s.state = jf::string(j, "state");
  s.upgrade_mode = jf::string(j, "upgradeMode");
  s.savepoint_trigger_nonce = jf::optional_integer(j, "savepointTriggerNonce");
  s.savepoint_redeploy_nonce = jf::optional_integer(j, "savepointRedeployNonce");
  s.initial_savepoint_path = jf::string(j, "initialSavepointPath");
  s.allow_non_restored_state = jf::optional_boolean(j, "allowNonRestoredState");
  return s;
}

FlinkJobStatus FlinkJobStatus::from_json(const nlohmann::json& j) {
  FlinkJobStatus s;
  s.state = jf::string(j, "state");
  s.job_id = jf::string(j, "jobId");
  s.job_name = jf::string(j, "jobName");
  s.start_time = jf::flexible_time(j, "startTime");
  s.update_time = jf::flexible_time(j, "updateTime");
  s.upgrade_savepoint_path = jf::string(j, "upgradeSavepointPath");
  const auto& info = jf::object(j, "savepointInfo");
  if (jf::has_object(info, "lastSavepoint")) {
    const auto& last = jf::object(info, "lastSavepoint");
    s.savepoint_info.last_savepoint = FlinkSavepoint{jf::string(last, "location"), jf::flexible_time(last, "timeStamp"),
                                                     jf::string(last, "triggerType"), jf::string(last, "formatType")};
  }
  s.savepoint_info.trigger_id = jf::string(info, "triggerId");
  if (jf::integer(info, "triggerTimestamp") > 0) s.savepoint_info.trigger_timestamp = jf::flexible_time(info, "triggerTimestamp");
  return s;
}

std::string readable_operator_error(const std::string& error) {
  if (error.empty() || error.front() != '{') return error;
  const auto parsed = nlohmann::json::parse(error, nullptr, /*allow_exceptions=*/false);
  const std::string message = jf::string(parsed, "message");
  return message.empty() ? error : message;
}

}  // namespace flinktop::kube
