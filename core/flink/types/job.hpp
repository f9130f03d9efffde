// Jobs as Flink's REST API describes them: the list (GET /jobs/overview) and one job in detail
// (GET /jobs/:id) with its vertices, their I/O metrics and the plan that links them (the job graph).
// Times are epoch milliseconds and durations milliseconds; Flink writes -1 for "not yet".
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::flink {

// Subtasks per execution state. Keys are upper case ("RUNNING", "CANCELING", ...) whichever case
// Flink used (the overview writes "running", the details "RUNNING").
struct TaskCounts {
  std::map<std::string, std::int64_t> by_state;
  std::int64_t total = 0;  // Flink's "total" when given, else the sum

  std::int64_t of(std::string_view state) const;  // case-insensitive; 0 when absent
};

struct JobOverview {
  std::string id;  // "jid"
  std::string name;
  std::string state;  // RUNNING, FINISHED, CANCELED, FAILED, ... as Flink spells it
  std::int64_t start_time = -1;
  std::int64_t end_time = -1;
  std::int64_t duration = 0;
  std::int64_t last_modification = 0;
  TaskCounts tasks;
};

// GET /jobs: only ids and states (cheaper than the overview).
struct JobIdAndStatus {
  std::string id;
  std::string status;
};

struct VertexMetrics {
  std::int64_t read_bytes = 0;
  std::int64_t write_bytes = 0;
  std::int64_t read_records = 0;
  std::int64_t write_records = 0;
  bool read_bytes_complete = false;  // false while not all subtasks have reported
  bool write_bytes_complete = false;
  bool read_records_complete = false;
  bool write_records_complete = false;
  // Time spent so far, summed over the subtasks (ms; busy is a double in Flink, NaN-free here).
  // Sent from Flink 1.15 on; before, `accumulated_times_known` is false and the three are 0.
  bool accumulated_times_known = false;
  std::int64_t accumulated_backpressured_time = 0;
  std::int64_t accumulated_idle_time = 0;
  double accumulated_busy_time = 0;
};

struct Vertex {
  std::string id;
  std::string name;
  std::int64_t parallelism = 0;
  std::int64_t max_parallelism = 0;  // 0 when not reported
  std::string status;                // execution state: RUNNING, FINISHED, ...
  std::int64_t start_time = -1;
  std::int64_t end_time = -1;
  std::int64_t duration = 0;
  TaskCounts tasks;
  VertexMetrics metrics;
};

struct PlanInput {
  std::string id;  // upstream vertex id
  std::int64_t num = 0;
  std::string ship_strategy;  // FORWARD, HASH, REBALANCE, ...
  std::string exchange;       // pipelined_bounded, blocking, ...
};

struct PlanNode {
  std::string id;           // vertex id
  std::string description;  // may hold Flink's "<br/>" markup; the view decides how to show it
  std::string operator_name;
  std::string operator_strategy;
  std::int64_t parallelism = 0;
  std::vector<PlanInput> inputs;
};

struct JobPlan {
  std::string type;  // STREAMING, BATCH
  std::vector<PlanNode> nodes;
};

struct JobDetails {
  std::string id;
  std::string name;
  std::string state;
  std::string job_type;  // STREAMING / BATCH (1.19+), "" when absent
  bool is_stoppable = false;
  std::int64_t start_time = -1;
  std::int64_t end_time = -1;
  std::int64_t duration = 0;
  std::int64_t now = 0;  // the JobManager's clock when it answered
  std::int64_t max_parallelism = -1;
  std::map<std::string, std::int64_t> timestamps;  // job status → when it was entered (0 = never)
  std::map<std::string, std::int64_t> status_counts;
  std::vector<Vertex> vertices;
  JobPlan plan;
};

std::vector<JobOverview> decode_jobs_overview(const nlohmann::json& j);
std::vector<JobIdAndStatus> decode_job_list(const nlohmann::json& j);
JobDetails decode_job_details(const nlohmann::json& j);
TaskCounts decode_task_counts(const nlohmann::json& tasks);

// FINISHED, CANCELED, FAILED (and SUSPENDED, terminal for this JobManager): no further change.
bool is_terminal_job_state(std::string_view state) noexcept;

}  // namespace flinktop::flink
