#include "core/flink/types/backpressure.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

BackPressure decode_backpressure(const json& j) {
  BackPressure out;
  out.status = string(j, "status");
  out.level = string_any(j, {"backpressureLevel", "backpressure-level"});
  out.end_timestamp = integer(j, "end-timestamp");
  for (const auto& s : array(j, "subtasks")) {
    if (!s.is_object()) continue;
    SubtaskBackPressure sub;
    sub.subtask = integer(s, "subtask");
    sub.attempt_number = integer(s, "attempt-number");
    sub.level = string_any(s, {"backpressureLevel", "backpressure-level"});
    sub.ratio = number(s, "ratio");
    sub.busy_ratio = number(s, "busyRatio");
    sub.idle_ratio = number(s, "idleRatio");
    out.subtasks.push_back(sub);
  }
  return out;
}

}  // namespace flinktop::flink
