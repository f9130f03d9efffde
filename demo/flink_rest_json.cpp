#include "demo/flink_rest_json.hpp"

#include <algorithm>
#include <cmath>

namespace flinktop::demo::rest_json {

using nlohmann::json;

namespace {

constexpr const char* kTaskStates[] = {"CREATED", "SCHEDULED", "DEPLOYING", "RUNNING", "FINISHED",
                                       "CANCELING", "CANCELED", "FAILED", "RECONCILING", "INITIALIZING"};

// The state every subtask of a job in `job_state` is in.
std::string task_state(const std::string& job_state) {
  if (job_state == "RUNNING") return "RUNNING";
  if (job_state == "CREATED" || job_state == "INITIALIZING") return "CREATED";
  if (job_state == "RESTARTING") return "DEPLOYING";
  if (job_state == "CANCELLING") return "CANCELING";
  return job_state;  // CANCELED, FINISHED, FAILED
}

int total_tasks(const DemoJob& job) {
  int n = 0;
  for (const auto& v : job.vertices) n += v.parallelism;
  return n;
}

json task_counts(const std::string& state, int count, bool lower) {
  json out = json::object();
  for (const char* s : kTaskStates) {
    std::string key = s;
    if (lower) std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    out[key] = s == state ? count : 0;
  }
  return out;
}

json statistics(const std::vector<long long>& values) {
  if (values.empty()) return {{"min", 0}, {"max", 0}, {"avg", 0}, {"p50", 0.0}, {"p90", 0.0}, {"p95", 0.0},
                              {"p99", 0.0}, {"p999", 0.0}};
  std::vector<long long> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  long long sum = 0;
  for (auto v : sorted) sum += v;
  auto pct = [&](double p) { return static_cast<double>(sorted[static_cast<std::size_t>(p * (sorted.size() - 1))]); };
  return {{"min", sorted.front()}, {"max", sorted.back()}, {"avg", sum / static_cast<long long>(sorted.size())},
          {"p50", pct(0.5)},       {"p90", pct(0.9)},       {"p95", pct(0.95)},
          {"p99", pct(0.99)},      {"p999", pct(0.999)}};
}

json checkpoint_entry(const DemoJob& job, const DemoCheckpoint& cp) {
  const bool done = cp.status != "IN_PROGRESS";
  const int subtasks = total_tasks(job);
  json e{{"className", cp.status == "COMPLETED" ? "completed" : cp.status == "FAILED" ? "failed" : "in_progress"},
         {"id", cp.id},
         {"status", cp.status},
         {"is_savepoint", cp.savepoint},
         {"savepointFormat", cp.savepoint ? json("CANONICAL") : json(nullptr)},
         {"trigger_timestamp", cp.trigger_ms},
         {"latest_ack_timestamp", done ? cp.ack_ms : cp.trigger_ms},
         {"checkpointed_size", cp.size_bytes},
         {"state_size", cp.size_bytes},
         {"end_to_end_duration", done ? cp.ack_ms - cp.trigger_ms : 0},
         {"alignment_buffered", 0},
         {"processed_data", 0},
         {"persisted_data", 0},
         {"num_subtasks", subtasks},
         {"num_acknowledged_subtasks", cp.status == "COMPLETED" ? subtasks : subtasks / 2},
         {"checkpoint_type", cp.savepoint ? "SAVEPOINT" : "CHECKPOINT"},
         {"tasks", json::object()}};
  if (cp.status == "COMPLETED") {
    e["external_path"] = cp.path;
    e["discarded"] = false;
  }
  if (cp.status == "FAILED") {
    e["failure_timestamp"] = cp.ack_ms;
    e["failure_message"] = cp.failure;
  }
  return e;
}

double metric_value(const DemoVertex& v, const std::string& name) {
  if (name == "numRecordsInPerSecond") return v.source ? 0.0 : v.records_per_second;
  if (name == "numRecordsOutPerSecond") return v.sink ? 0.0 : v.records_per_second;
  if (name == "numBytesInPerSecond") return v.source ? 0.0 : v.records_per_second * 180;
  if (name == "numBytesOutPerSecond") return v.sink ? 0.0 : v.records_per_second * 180;
  if (name == "busyTimeMsPerSecond") return std::round(v.busy * 1000);
  if (name == "backPressuredTimeMsPerSecond") return std::round(v.backpressure * 1000);
  if (name == "idleTimeMsPerSecond") return std::max(0.0, std::round((1.0 - v.busy - v.backpressure) * 1000));
  if (name == "numRecordsIn") return static_cast<double>(v.read_records);
  if (name == "numRecordsOut") return static_cast<double>(v.write_records);
  return std::nan("");
}

const std::vector<std::string> kVertexMetrics{
    "numRecordsInPerSecond", "numRecordsOutPerSecond", "numBytesInPerSecond", "numBytesOutPerSecond",
    "busyTimeMsPerSecond", "backPressuredTimeMsPerSecond", "idleTimeMsPerSecond", "numRecordsIn", "numRecordsOut"};

}  // namespace

bool is_v2(const DemoCluster& c) { return !c.flink_version.empty() && c.flink_version[0] >= '2'; }

json config(const DemoCluster& c) {
  const bool operator_managed = c.kind != DemoClusterKind::Standalone;
  return {{"refresh-interval", 3000},
          {"timezone-name", "Coordinated Universal Time"},
          {"timezone-offset", 0},
          {"flink-version", c.flink_version},
          {"flink-revision", "demo @ 2026-11-01T10:00:00+01:00"},
          // The operator turns web submission and cancel off (the REST cancel still works).
          {"features", {{"web-submit", !operator_managed}, {"web-cancel", !operator_managed},
                        {"web-rescale", false}, {"web-history", false}}}};
}

json overview(const World& world, const DemoCluster& c) {
  int tms = 0, slots = 0, running = 0, finished = 0, cancelled = 0, failed = 0, used = 0;
  for (const auto& tm : c.taskmanagers) {
    if (!tm.up || !c.running) continue;
    ++tms;
    slots += tm.slots;
  }
  for (const auto& id : c.jobs) {
    const auto& job = world.jobs.at(id);
    if (job.state == "FINISHED") ++finished;
    else if (job.state == "CANCELED") ++cancelled;
    else if (job.state == "FAILED") ++failed;
    else {
      ++running;
      int max_parallelism = 0;
      for (const auto& v : job.vertices) max_parallelism = std::max(max_parallelism, v.parallelism);
      used += max_parallelism;
    }
  }
  return {{"taskmanagers", tms}, {"slots-total", slots}, {"slots-available", std::max(0, slots - used)},
          {"jobs-running", running}, {"jobs-finished", finished}, {"jobs-cancelled", cancelled},
          {"jobs-failed", failed}, {"flink-version", c.flink_version}, {"flink-commit", "demo"}};
}

json jobs_overview(const World& world, const DemoCluster& c, long long now_ms) {
  json jobs = json::array();
  for (auto it = c.jobs.rbegin(); it != c.jobs.rend(); ++it) {
    const auto& job = world.jobs.at(*it);
    json tasks = task_counts(task_state(job.state), total_tasks(job), true);
    tasks["total"] = total_tasks(job);
    tasks.erase("canceling");
    tasks["canceling"] = job.state == "CANCELLING" ? total_tasks(job) : 0;
    json entry{{"jid", job.id}, {"name", job.name}, {"state", job.state}, {"start-time", job.start_ms},
               {"end-time", job.end_ms}, {"duration", (job.end_ms > 0 ? job.end_ms : now_ms) - job.start_ms},
               {"last-modification", job.state_since_ms}, {"tasks", tasks}};
    if (is_v2(c)) {
      entry["jobType"] = "STREAMING";
      entry["schedulerType"] = "Default";
      entry["pending-operators"] = 0;
    }
    jobs.push_back(std::move(entry));
  }
  return {{"jobs", jobs}};
}

json job_ids(const World& world, const DemoCluster& c) {
  json jobs = json::array();
  for (const auto& id : c.jobs) jobs.push_back({{"id", id}, {"status", world.jobs.at(id).state}});
  return {{"jobs", jobs}};
}

json job(const DemoCluster& c, const DemoJob& j, long long now_ms) {
  const std::string ts = task_state(j.state);
  json vertices = json::array();
  json nodes = json::array();
  std::string previous;
  // A job with a shape of its own lists every vertex's inputs (a source has none); else a chain.
  const bool shaped = std::any_of(j.vertices.begin(), j.vertices.end(), [](const DemoVertex& v) { return !v.inputs.empty(); });
  for (const auto& v : j.vertices) {
    vertices.push_back(
        {{"id", v.id}, {"slotSharingGroupId", j.id.substr(0, 16) + j.id.substr(16)}, {"name", v.name},
         {"maxParallelism", 128}, {"parallelism", v.parallelism}, {"status", ts},
         {"start-time", j.start_ms + 400}, {"end-time", j.end_ms},
         {"duration", (j.end_ms > 0 ? j.end_ms : now_ms) - j.start_ms - 400},
         {"tasks", task_counts(ts, v.parallelism, false)},
         {"metrics",
          {{"read-bytes", v.read_bytes}, {"read-bytes-complete", true}, {"write-bytes", v.write_bytes},
           {"write-bytes-complete", true}, {"read-records", v.read_records}, {"read-records-complete", true},
           {"write-records", v.write_records}, {"write-records-complete", true},
           {"accumulated-backpressured-time", static_cast<long long>(v.backpressured_ms)},
           {"accumulated-idle-time", static_cast<long long>(v.idle_ms)},
           {"accumulated-busy-time", v.busy_ms}}}});
    json node{{"id", v.id}, {"parallelism", v.parallelism}, {"operator", ""}, {"operator_strategy", ""},
              {"description", v.name}, {"optimizer_properties", json::object()}};
    if (shaped) {
      json inputs = json::array();
      for (const auto& [from, strategy] : v.inputs) {
        if (from < 0 || static_cast<std::size_t>(from) >= j.vertices.size()) continue;
        inputs.push_back({{"num", inputs.size()}, {"id", j.vertices[static_cast<std::size_t>(from)].id},
                          {"ship_strategy", strategy}, {"exchange", "pipelined_bounded"}});
      }
      if (!inputs.empty()) node["inputs"] = inputs;  // Flink leaves the key out for a source
    } else if (!previous.empty()) {
      node["inputs"] = {{{"num", 0}, {"id", previous}, {"ship_strategy", "HASH"}, {"exchange", "pipelined_bounded"}}};
    }
    nodes.push_back(std::move(node));
    previous = v.id;
  }
  json timestamps = json::object();
  for (const char* s : {"INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED", "CANCELLING", "CANCELED",
                        "FINISHED", "RESTARTING", "SUSPENDED", "RECONCILING"}) {
    auto it = j.timestamps.find(s);
    timestamps[s] = it == j.timestamps.end() ? 0 : it->second;
  }
  json out{{"jid", j.id}, {"name", j.name}, {"isStoppable", false}, {"state", j.state},
           {"job-type", "STREAMING"}, {"start-time", j.start_ms}, {"end-time", j.end_ms},
           {"duration", (j.end_ms > 0 ? j.end_ms : now_ms) - j.start_ms}, {"maxParallelism", -1},
           {"now", now_ms}, {"timestamps", timestamps}, {"vertices", vertices},
           {"status-counts", task_counts(ts, static_cast<int>(j.vertices.size()), false)},
           {"plan", {{"jid", j.id}, {"name", j.name}, {"type", "STREAMING"}, {"nodes", nodes}}}};
  if (is_v2(c)) out["schedulerType"] = "Default";
  return out;
}

json checkpoints(const DemoJob& j) {
  std::vector<long long> sizes, durations;
  json history = json::array();
  json latest_completed = nullptr, latest_savepoint = nullptr, latest_failed = nullptr;
  int in_progress = 0;
  for (const auto& cp : j.checkpoints) {
    history.push_back(checkpoint_entry(j, cp));
    if (cp.status == "IN_PROGRESS") ++in_progress;
    if (cp.status == "COMPLETED") {
      sizes.push_back(cp.size_bytes);
      durations.push_back(cp.ack_ms - cp.trigger_ms);
      if (cp.savepoint && latest_savepoint.is_null()) latest_savepoint = checkpoint_entry(j, cp);
      if (!cp.savepoint && latest_completed.is_null()) latest_completed = checkpoint_entry(j, cp);
    }
    if (cp.status == "FAILED" && latest_failed.is_null()) latest_failed = checkpoint_entry(j, cp);
  }
  json restored = nullptr;
  if (!j.restored_from.empty()) {
    restored = {{"id", 1}, {"restore_timestamp", j.start_ms + 300}, {"is_savepoint", true},
                {"external_path", j.restored_from}};
  }
  json zeros = statistics({0});
  return {{"counts", {{"restored", j.restored_from.empty() ? 0 : 1}, {"total", j.checkpoints_total},
                      {"in_progress", in_progress}, {"completed", j.checkpoints_completed},
                      {"failed", j.checkpoints_failed}}},
          {"summary", {{"checkpointed_size", statistics(sizes)}, {"state_size", statistics(sizes)},
                       {"end_to_end_duration", statistics(durations)}, {"alignment_buffered", zeros},
                       {"processed_data", zeros}, {"persisted_data", zeros}}},
          {"latest", {{"completed", latest_completed}, {"savepoint", latest_savepoint}, {"failed", latest_failed},
                      {"restored", restored}}},
          {"history", history}};
}

json exceptions(const DemoCluster& c, const DemoJob& j, int max_entries) {
  json entries = json::array();
  const std::size_t limit = max_entries > 0 ? static_cast<std::size_t>(max_entries) : 16;
  for (std::size_t i = 0; i < j.exceptions.size() && i < limit; ++i) {
    const auto& e = j.exceptions[i];
    json entry{{"exceptionName", e.name}, {"stacktrace", e.trace}, {"timestamp", e.timestamp_ms},
               {"taskName", e.task}, {"endpoint", e.endpoint}, {"taskManagerId", e.taskmanager_id},
               {"failureLabels", json::object()}, {"concurrentExceptions", json::array()}};
    if (!is_v2(c)) entry["location"] = e.endpoint;
    entries.push_back(std::move(entry));
  }
  json out{{"exceptionHistory", {{"entries", entries}, {"truncated", j.exceptions.size() > limit}}}};
  if (!is_v2(c)) {
    // Removed in 2.0: the newest root cause as a string, and its task failures beside it.
    const bool any = !j.exceptions.empty();
    out["root-exception"] = any ? json(j.exceptions.front().trace) : json(nullptr);
    out["timestamp"] = any ? json(j.exceptions.front().timestamp_ms) : json(nullptr);
    out["all-exceptions"] = json::array();
    out["truncated"] = false;
  }
  return out;
}

json backpressure(const DemoCluster& c, const DemoVertex& v, long long now_ms) {
  auto level = [](double ratio) { return ratio <= 0.10 ? "ok" : ratio <= 0.5 ? "low" : "high"; };
  json subtasks = json::array();
  double worst = 0;
  for (int i = 0; i < v.parallelism; ++i) {
    const double ratio = std::clamp(v.backpressure * (0.8 + 0.1 * i), 0.0, 1.0);
    worst = std::max(worst, ratio);
    json s{{"subtask", i}, {"attempt-number", 0}, {"backpressureLevel", level(ratio)}, {"ratio", ratio},
           {"idleRatio", std::max(0.0, 1.0 - ratio - v.busy)}, {"busyRatio", v.busy}};
    if (!is_v2(c)) s["backpressure-level"] = level(ratio);
    subtasks.push_back(std::move(s));
  }
  json out{{"status", "ok"}, {"backpressureLevel", level(worst)}, {"end-timestamp", now_ms}, {"subtasks", subtasks}};
  if (!is_v2(c)) out["backpressure-level"] = level(worst);
  return out;
}

json taskmanager([[maybe_unused]] const DemoCluster& c, const DemoTaskManager& tm, long long now_ms) {
  const json heartbeat = now_ms - 1000 - static_cast<long long>(tm.heap_used % 5000);
  const json resource{{"cpuCores", 2.0},   {"taskHeapMemory", 383}, {"taskOffHeapMemory", 0},
                      {"managedMemory", 512}, {"networkMemory", 128}, {"extendedResources", json::object()}};
  return {{"id", tm.id},
          {"path", "pekko.tcp://flink@" + tm.ip + ":6122/user/rpc/taskmanager_0"},
          {"dataPort", 6121}, {"jmxPort", -1},
          {"timeSinceLastHeartbeat", heartbeat},
          {"slotsNumber", tm.slots}, {"freeSlots", 0},
          {"totalResource", resource}, {"freeResource", resource},
          {"hardware", {{"cpuCores", 2}, {"physicalMemory", 2147483648LL}, {"freeMemory", tm.heap_max - tm.heap_used},
                        {"managedMemory", 536870912}}},
          {"memoryConfiguration",
           {{"frameworkHeap", 134217728}, {"taskHeap", 402653174}, {"frameworkOffHeap", 134217728},
            {"taskOffHeap", 0}, {"networkMemory", 134217730}, {"managedMemory", 536870920},
            {"jvmMetaspace", 268435456}, {"jvmOverhead", 214748368}, {"totalFlinkMemory", 1342177280},
            {"totalProcessMemory", 2147483648LL}}}};
}

json taskmanagers(const DemoCluster& c, long long now_ms) {
  json out = json::array();
  if (c.running) {
    for (const auto& tm : c.taskmanagers) {
      if (tm.up) out.push_back(taskmanager(c, tm, now_ms));
    }
  }
  return {{"taskmanagers", out}};
}

json operation_status(const DemoOperation& op) {
  if (!op.completed) return {{"status", {{"id", "IN_PROGRESS"}}}};
  json operation = json::object();
  if (!op.failure.empty()) {
    operation[op.kind == "checkpoint" ? "failureCause" : "failure-cause"] = {
        {"class", "java.util.concurrent.CompletionException"},
        {"stack-trace", "java.util.concurrent.CompletionException: " + op.failure +
                            "\n\tat java.base/java.util.concurrent.CompletableFuture.encodeRelay"
                            "(CompletableFuture.java:368)\nCaused by: " + op.failure + "\n\t... 3 more\n"},
        {"serialized-throwable", "rO0ABXNyAC5qYXZhLnV0aWwuY29uY3VycmVudC5Db21wbGV0aW9uRXhjZXB0aW9u"}};
  } else if (op.kind == "checkpoint") {
    operation["checkpointId"] = op.checkpoint_id;
  } else {
    operation["location"] = op.location;
  }
  return {{"status", {{"id", "COMPLETED"}}}, {"operation", operation}};
}

json job_metrics(const DemoJob& j, const std::vector<std::string>& names, long long now_ms) {
  const DemoCheckpoint* last = nullptr;
  for (const auto& cp : j.checkpoints) {
    if (cp.status == "COMPLETED") {
      last = &cp;
      break;
    }
  }
  const std::map<std::string, double> values{
      {"uptime", j.state == "RUNNING" ? static_cast<double>(now_ms - j.state_since_ms) : 0.0},
      {"numRestarts", static_cast<double>(j.exceptions.size())},
      {"fullRestarts", static_cast<double>(j.exceptions.size())},
      {"lastCheckpointDuration", last ? static_cast<double>(last->ack_ms - last->trigger_ms) : -1.0},
      {"lastCheckpointSize", last ? static_cast<double>(last->size_bytes) : -1.0},
      {"numberOfCompletedCheckpoints", static_cast<double>(j.checkpoints_completed)},
      {"numberOfFailedCheckpoints", static_cast<double>(j.checkpoints_failed)},
      {"numberOfInProgressCheckpoints", 0.0}};
  json out = json::array();
  for (const auto& [name, value] : values) {
    if (names.empty()) out.push_back({{"id", name}});
    else if (std::find(names.begin(), names.end(), name) != names.end())
      out.push_back({{"id", name}, {"value", std::to_string(static_cast<long long>(value))}});
  }
  return out;
}

json vertex_metrics(const DemoVertex& v, const std::vector<std::string>& names,
                    const std::vector<std::string>& aggregations, bool aggregated) {
  json out = json::array();
  for (const auto& name : names.empty() ? kVertexMetrics : names) {
    const double total = metric_value(v, name);
    if (std::isnan(total)) continue;
    if (names.empty()) {
      out.push_back({{"id", name}});
      continue;
    }
    if (!aggregated) {
      out.push_back({{"id", name}, {"value", std::to_string(total)}});
      continue;
    }
    const bool rate_per_subtask = name.find("TimeMsPerSecond") != std::string::npos;
    const double per = rate_per_subtask ? total : total / std::max(1, v.parallelism);
    json entry{{"id", name}};
    for (const auto& agg : aggregations.empty() ? std::vector<std::string>{"min", "max", "avg", "sum"} : aggregations) {
      if (agg == "min") entry["min"] = per * 0.9;
      else if (agg == "max") entry["max"] = per * 1.1;
      else if (agg == "avg") entry["avg"] = per;
      else if (agg == "sum") entry["sum"] = rate_per_subtask ? per * v.parallelism : total;
      else if (agg == "skew") entry["skew"] = 10.0;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

json taskmanager_metrics(const DemoTaskManager& tm, const std::vector<std::string>& names) {
  const std::map<std::string, double> values{
      {"Status.JVM.CPU.Load", tm.cpu_load},
      {"Status.JVM.Memory.Heap.Used", static_cast<double>(tm.heap_used)},
      {"Status.JVM.Memory.Heap.Committed", static_cast<double>(tm.heap_max)},
      {"Status.JVM.Memory.Heap.Max", static_cast<double>(tm.heap_max)},
      {"Status.JVM.Threads.Count", 74.0},
      // RocksDB's share of managed memory: it takes what it is given once the state has grown.
      {"Status.Flink.Memory.Managed.Total", 536870920.0},
      {"Status.Flink.Memory.Managed.Used", static_cast<double>(std::min<long long>(536870920LL, tm.heap_used * 2))},
      {"Status.JVM.GarbageCollector.G1_Young_Generation.Count", static_cast<double>(tm.gc_count)},
      {"Status.JVM.GarbageCollector.G1_Young_Generation.Time", static_cast<double>(tm.gc_time_ms)},
      {"Status.JVM.GarbageCollector.G1_Old_Generation.Count", 0.0},
      {"Status.JVM.GarbageCollector.G1_Old_Generation.Time", 0.0}};
  json out = json::array();
  for (const auto& [name, value] : values) {
    if (names.empty()) out.push_back({{"id", name}});
    else if (std::find(names.begin(), names.end(), name) != names.end())
      out.push_back({{"id", name}, {"value", name == "Status.JVM.CPU.Load" ? std::to_string(value)
                                                                          : std::to_string(static_cast<long long>(value))}});
  }
  return out;
}

}  // namespace flinktop::demo::rest_json
