#include "core/flink/types/job.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

VertexMetrics decode_vertex_metrics(const json& m) {
  VertexMetrics out;
  out.read_bytes = integer(m, "read-bytes");
  out.write_bytes = integer(m, "write-bytes");
  out.read_records = integer(m, "read-records");
  out.write_records = integer(m, "write-records");
  out.read_bytes_complete = boolean(m, "read-bytes-complete");
  out.write_bytes_complete = boolean(m, "write-bytes-complete");
  out.read_records_complete = boolean(m, "read-records-complete");
  out.write_records_complete = boolean(m, "write-records-complete");
  out.accumulated_times_known = find_any(m, {"accumulated-backpressured-time", "accumulated-idle-time",
                                             "accumulated-busy-time"}) != nullptr;
  out.accumulated_backpressured_time = integer(m, "accumulated-backpressured-time");
  out.accumulated_idle_time = integer(m, "accumulated-idle-time");
  double busy = number(m, "accumulated-busy-time");
  out.accumulated_busy_time = std::isfinite(busy) ? busy : 0;
  return out;
}

Vertex decode_vertex(const json& v) {
  Vertex out;
  out.id = string(v, "id");
  out.name = string(v, "name");
  out.parallelism = integer(v, "parallelism");
  out.max_parallelism = integer(v, "maxParallelism");
  out.status = string(v, "status");
  out.start_time = integer(v, "start-time", -1);
  out.end_time = integer(v, "end-time", -1);
  out.duration = integer(v, "duration");
  out.tasks = decode_task_counts(object(v, "tasks"));
  out.metrics = decode_vertex_metrics(object(v, "metrics"));
  return out;
}

JobPlan decode_plan(const json& p) {
  JobPlan plan;
  plan.type = string(p, "type");
  for (const auto& n : array(p, "nodes")) {
    if (!n.is_object()) continue;
    PlanNode node;
    node.id = string(n, "id");
    node.description = string(n, "description");
    node.operator_name = string(n, "operator");
    node.operator_strategy = string(n, "operator_strategy");
    node.parallelism = integer(n, "parallelism");
    for (const auto& in : array(n, "inputs")) {
      if (!in.is_object()) continue;
      node.inputs.push_back(
          {string(in, "id"), integer(in, "num"), string(in, "ship_strategy"), string(in, "exchange")});
    }
    plan.nodes.push_back(std::move(node));
  }
  return plan;
}

}  // namespace

std::int64_t TaskCounts::of(std::string_view state) const {
  auto it = by_state.find(upper(std::string(state)));
  return it == by_state.end() ? 0 : it->second;
}

TaskCounts decode_task_counts(const json& tasks) {
  TaskCounts out;
  std::int64_t sum = 0;
  bool has_total = false;
  if (tasks.is_object()) {
    for (auto it = tasks.begin(); it != tasks.end(); ++it) {
      auto n = optional_integer(tasks, it.key());
      if (!n) continue;
      std::string key = upper(it.key());
      if (key == "TOTAL") {
        out.total = *n;
        has_total = true;
        continue;
      }
      out.by_state[key] = *n;
      sum += *n;
    }
  }
  if (!has_total) out.total = sum;
  return out;
}

std::vector<JobOverview> decode_jobs_overview(const json& j) {
  std::vector<JobOverview> jobs;
  for (const auto& e : array(j, "jobs")) {
    if (!e.is_object()) continue;
    JobOverview job;
    job.id = string(e, "jid");
    job.name = string(e, "name");
    job.state = string(e, "state");
    job.start_time = integer(e, "start-time", -1);
    job.end_time = integer(e, "end-time", -1);
    job.duration = integer(e, "duration");
    job.last_modification = integer(e, "last-modification");
    job.tasks = decode_task_counts(object(e, "tasks"));
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::vector<JobIdAndStatus> decode_job_list(const json& j) {
  std::vector<JobIdAndStatus> out;
  for (const auto& e : array(j, "jobs")) {
    if (e.is_object()) out.push_back({string(e, "id"), string(e, "status")});
  }
  return out;
}

JobDetails decode_job_details(const json& j) {
  JobDetails d;
  d.id = string(j, "jid");
  d.name = string(j, "name");
  d.state = string(j, "state");
  d.job_type = string(j, "job-type");
  d.is_stoppable = boolean(j, "isStoppable");
  d.start_time = integer(j, "start-time", -1);
  d.end_time = integer(j, "end-time", -1);
  d.duration = integer(j, "duration");
  d.now = integer(j, "now");
  d.max_parallelism = integer(j, "maxParallelism", -1);
  d.timestamps = integer_map(j, "timestamps");
  d.status_counts = integer_map(j, "status-counts");
  for (const auto& v : array(j, "vertices")) {
    if (v.is_object()) d.vertices.push_back(decode_vertex(v));
  }
  // The plan is "RawJson": an object in every version seen, but a string holding JSON is accepted too.
  if (const json* plan = find(j, "plan"); plan && plan->is_string()) {
    d.plan =
        decode_plan(json::parse(plan->get_ref<const std::string&>(), nullptr, /*allow_exceptions=*/false));
  } else {
    d.plan = decode_plan(object(j, "plan"));
  }
  return d;
}

bool is_terminal_job_state(std::string_view state) noexcept {
  return state == "FINISHED" || state == "CANCELED" || state == "FAILED" || state == "SUSPENDED";
}

}  // namespace flinktop::flink
