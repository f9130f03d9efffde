// Back pressure of one job vertex (GET /jobs/:id/vertices/:vid/backpressure), per subtask.
// The level was `backpressure-level` before 1.17 and `backpressureLevel` since (1.17-1.20 send both).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace flinktop::flink {

struct SubtaskBackPressure {
  std::int64_t subtask = 0;
  std::int64_t attempt_number = 0;
  std::string level;  // "ok", "low", "high"
  double ratio = 0;   // share of time back-pressured, 0..1
  double busy_ratio = 0;
  double idle_ratio = 0;
};

struct BackPressure {
  std::string status;  // "ok" (sampled), "deprecated" (stale, a new sample is being taken)
  std::string level;   // "ok", "low", "high" (the worst subtask)
  std::int64_t end_timestamp = 0;
  std::vector<SubtaskBackPressure> subtasks;
};

BackPressure decode_backpressure(const nlohmann::json& j);

}  // namespace flinktop::flink
