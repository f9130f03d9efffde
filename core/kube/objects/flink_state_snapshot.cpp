// Decoding of FlinkStateSnapshot.
#include "core/kube/objects/flink_state_snapshot.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

namespace {
int non_negative_int(std::int64_t v) { return v < 0 ? 0 : v > INT32_MAX ? INT32_MAX : static_cast<int>(v); }
}  // namespace

FlinkStateSnapshot FlinkStateSnapshot::from_json(const nlohmann::json& j) {
  jf::require_object(j, "FlinkStateSnapshot");
  FlinkStateSnapshot s;
  s.meta = ObjectMeta::from_object(j);
  const auto& spec = jf::object(j, "spec");
  const auto& ref = jf::object(spec, "jobReference");
  s.spec.job_reference = {jf::string(ref, "kind"), jf::string(ref, "name")};
  if (jf::has_object(spec, "savepoint")) {
    const auto& sp = jf::object(spec, "savepoint");
    s.spec.savepoint = FlinkSavepointSpec{jf::string(sp, "path"), jf::string(sp, "formatType"),
                                          jf::boolean(sp, "disposeOnDelete"), jf::boolean(sp, "alreadyExists")};
  }
  s.spec.checkpoint = jf::has_object(spec, "checkpoint");
  s.spec.backoff_limit = non_negative_int(jf::integer(spec, "backoffLimit"));
  const auto& status = jf::object(j, "status");
  s.status.state = jf::string(status, "state");
  s.status.path = jf::string(status, "path");
  s.status.error = jf::string(status, "error");
  s.status.trigger_id = jf::string(status, "triggerId");
  s.status.trigger_timestamp = jf::flexible_time(status, "triggerTimestamp");
  s.status.result_timestamp = jf::flexible_time(status, "resultTimestamp");
  s.status.failures = non_negative_int(jf::integer(status, "failures"));
  return s;
}

}  // namespace flinktop::kube
