// `flinktop get jobs|taskmanagers|savepoints`: what each selected cluster's JobManager (and, for
// savepoints, the operator and flinktop's journal) says, as a table or stable JSON. A cluster that
// cannot be asked is reported on stderr and the others are still printed.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cli/cluster_targets.hpp"
#include "cli/get_command.hpp"
#include "cli/job_listing.hpp"
#include "cli/parallel.hpp"
#include "cli/savepoint_records.hpp"
#include "cli/table_printer.hpp"
#include "core/actions/journal.hpp"
#include "core/model/savepoint_history.hpp"
#include "core/text/age.hpp"
#include "core/text/quantity.hpp"

namespace flinktop::cli {

namespace {

using Json = nlohmann::ordered_json;

enum class FlinkResource { Jobs, TaskManagers, Savepoints };

FlinkResource parse(const std::string& name) {
  if (name == "jobs" || name == "job" || name == "j") return FlinkResource::Jobs;
  if (name == "taskmanagers" || name == "taskmanager" || name == "tm") return FlinkResource::TaskManagers;
  return FlinkResource::Savepoints;
}

// The leading CONTEXT / NAMESPACE / CLUSTER cells, as many as tell rows apart.
struct Lead {
  bool context = false;
  bool namespace_ = false;
  void headers(std::vector<std::string>& h) const {
    if (context) h.push_back("CONTEXT");
    if (namespace_) h.push_back("NAMESPACE");
    h.push_back("CLUSTER");
  }
  void cells(std::vector<std::string>& row, const model::Cluster& c) const {
    if (context) row.push_back(c.context);
    if (namespace_) row.push_back(c.namespace_);
    row.push_back(c.name);
  }
};

Json cluster_ref(const model::Cluster& c) {
  Json j;
  j["context"] = c.context.empty() ? Json() : Json(c.context);
  j["namespace"] = c.namespace_.empty() ? Json() : Json(c.namespace_);
  j["cluster"] = c.name;
  return j;
}

Json time_or_null(std::int64_t epoch_ms) {
  if (epoch_ms <= 0) return Json();
  return text::rfc3339(std::chrono::system_clock::time_point(std::chrono::milliseconds(epoch_ms)));
}

std::string tasks_cell(const flink::TaskCounts& tasks) {
  if (tasks.total == 0) return "";
  return fmt::format("{}/{}", tasks.of("RUNNING") + tasks.of("FINISHED"), tasks.total);
}

// Reports clusters whose REST API failed; returns the exit code of the first.
int report_unreachable(const std::vector<ClusterProblem>& problems, const ClusterTargets& targets, std::ostream& err) {
  int code = 0;
  for (const ClusterProblem& p : problems) {
    err << "flinktop: " << cluster_label(targets.clusters[p.cluster].cluster) << ": " << p.error.what() << '\n';
    if (code == 0) code = exit_code_for(p.error.kind());
  }
  return code;
}

Json clusters_json(const ClusterTargets& targets, const std::vector<ClusterProblem>& problems) {
  Json list = Json::array();
  for (std::size_t i = 0; i < targets.clusters.size(); ++i) {
    const ClusterTarget& t = targets.clusters[i];
    Json c = cluster_ref(t.cluster);
    c["rest"] = t.flink ? Json(t.flink->endpoint().describe()) : Json();
    c["errors"] = Json::array();
    if (!t.flink) c["errors"].push_back("no REST service found for this cluster");
    for (const ClusterProblem& p : problems) {
      if (p.cluster == i) c["errors"].push_back(p.error.what());
    }
    list.push_back(std::move(c));
  }
  return list;
}

Json document(const char* kind, const ClusterTargets& targets, const std::vector<ClusterProblem>& problems) {
  Json doc;
  doc["apiVersion"] = "flinktop/v1";
  doc["kind"] = kind;
  doc["clusters"] = clusters_json(targets, problems);
  doc["items"] = Json::array();
  return doc;
}

// --- jobs --------------------------------------------------------------------------------------

int get_jobs(const ClusterTargets& targets, const GetOptions& options, const Lead& lead, std::ostream& out,
             std::ostream& err) {
  const JobListing listing = list_jobs(targets);
  const int code = report_unreachable(listing.unreachable, targets, err);
  const bool wide = options.output == "wide";

  // Wide and JSON show each running job's last checkpoint: one more call per job.
  std::vector<std::optional<flink::CheckpointStats>> checkpoints(listing.jobs.size());
  if (wide || options.output == "json") {
    for_each_parallel(listing.jobs.size(), kParallelCalls, [&](std::size_t i) {
      const JobRow& row = listing.jobs[i];
      const auto& client = targets.clusters[row.cluster].flink;
      if (!row.from_rest || !client || flink::is_terminal_job_state(row.state)) return;
      try {
        checkpoints[i] = client->checkpoints(row.id);
      } catch (const Error&) {
        // The job may have ended between the two calls: the row still shows what is known.
      }
    });
  }
  const auto now = std::chrono::system_clock::now();

  if (options.output == "json") {
    Json doc = document("JobList", targets, listing.unreachable);
    for (std::size_t i = 0; i < listing.jobs.size(); ++i) {
      const JobRow& row = listing.jobs[i];
      Json j = cluster_ref(targets.clusters[row.cluster].cluster);
      j["id"] = row.id.empty() ? Json() : Json(row.id);
      j["name"] = row.name;
      j["state"] = row.state;
      j["startTime"] = time_or_null(row.start_time);
      j["durationMs"] = row.duration < 0 ? Json() : Json(row.duration);
      Json tasks = Json::object();
      for (const auto& [state, n] : row.tasks.by_state) tasks[state] = n;
      j["tasks"] = {{"total", row.tasks.total}, {"byState", tasks}};
      j["operatorResource"] = row.resource.empty() ? Json() : Json(row.resource);
      j["source"] = row.from_rest ? "rest" : "operator";
      if (checkpoints[i]) {
        const flink::CheckpointStats& cp = *checkpoints[i];
        Json c;
        c["completed"] = cp.counts.completed;
        c["failed"] = cp.counts.failed;
        c["inProgress"] = cp.counts.in_progress;
        if (cp.latest.completed) {
          c["latest"] = {{"id", cp.latest.completed->id},
                         {"time", time_or_null(cp.latest.completed->latest_ack_timestamp)},
                         {"durationMs", cp.latest.completed->end_to_end_duration},
                         {"stateSizeBytes", cp.latest.completed->state_size},
                         {"path", cp.latest.completed->external_path}};
        } else {
          c["latest"] = Json();
        }
        j["checkpoints"] = std::move(c);
      } else {
        j["checkpoints"] = Json();
      }
      doc["items"].push_back(std::move(j));
    }
    out << doc.dump(2) << '\n';
    return code;
  }

  if (listing.jobs.empty()) {
    if (code == 0) err << "No Flink jobs found.\n";
    return code;
  }
  std::vector<std::string> headers;
  lead.headers(headers);
  for (const char* h : {"NAME", "ID", "STATE", "TASKS", "STARTED", "DURATION"}) headers.push_back(h);
  if (wide) for (const char* h : {"LAST-CHECKPOINT", "CP-DURATION", "CP-SIZE", "CP-FAILED", "RESOURCE"}) headers.push_back(h);
  TablePrinter table(headers);
  for (std::size_t i = 0; i < listing.jobs.size(); ++i) {
    const JobRow& row = listing.jobs[i];
    std::vector<std::string> cells;
    lead.cells(cells, targets.clusters[row.cluster].cluster);
    cells.insert(cells.end(), {row.name, row.id, row.state, tasks_cell(row.tasks), text::age_from_millis(row.start_time, now),
                               text::duration_from_millis(row.duration)});
    if (wide) {
      const auto& cp = checkpoints[i];
      const flink::Checkpoint* last = cp && cp->latest.completed ? &*cp->latest.completed : nullptr;
      cells.push_back(last ? text::age_from_millis(last->latest_ack_timestamp, now) : "");
      cells.push_back(last ? text::duration_from_millis(last->end_to_end_duration) : "");
      cells.push_back(last ? text::bytes(last->state_size) : "");
      cells.push_back(cp ? std::to_string(cp->counts.failed) : "");
      cells.push_back(row.resource);
    }
    table.add_row(std::move(cells));
  }
  table.print(out, !options.no_headers);
  return code;
}

// --- taskmanagers ------------------------------------------------------------------------------

int get_taskmanagers(const ClusterTargets& targets, const GetOptions& options, const Lead& lead, std::ostream& out,
                     std::ostream& err) {
  std::vector<std::vector<flink::TaskManager>> found(targets.clusters.size());
  std::vector<ClusterProblem> problems;
  std::mutex problems_mutex;
  for_each_parallel(targets.clusters.size(), kParallelCalls, [&](std::size_t i) {
    if (!targets.clusters[i].flink) return;
    try {
      found[i] = targets.clusters[i].flink->taskmanagers();
    } catch (const Error& error) {
      std::lock_guard lock(problems_mutex);
      problems.push_back({i, error});
    }
  });
  std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.cluster < b.cluster; });
  const int code = report_unreachable(problems, targets, err);

  if (options.output == "json") {
    Json doc = document("TaskManagerList", targets, problems);
    for (std::size_t i = 0; i < found.size(); ++i) {
      for (const flink::TaskManager& tm : found[i]) {
        Json j = cluster_ref(targets.clusters[i].cluster);
        j["id"] = tm.id;
        j["endpoint"] = tm.endpoint;
        j["slots"] = {{"total", tm.slots_number}, {"free", tm.free_slots}};
        j["cpuCores"] = tm.hardware.cpu_cores;
        j["physicalMemoryBytes"] = tm.hardware.physical_memory;
        j["taskHeapBytes"] = tm.memory_configuration.task_heap;
        j["managedMemoryBytes"] = tm.memory_configuration.managed_memory;
        j["networkMemoryBytes"] = tm.memory_configuration.network_memory;
        j["totalProcessMemoryBytes"] = tm.memory_configuration.total_process_memory;
        j["blocked"] = tm.blocked;
        doc["items"].push_back(std::move(j));
      }
    }
    out << doc.dump(2) << '\n';
    return code;
  }

  const bool wide = options.output == "wide";
  std::vector<std::string> headers;
  lead.headers(headers);
  for (const char* h : {"ID", "ENDPOINT", "SLOTS", "FREE", "CPUS", "HEAP", "MANAGED", "PROCESS"}) headers.push_back(h);
  if (wide) for (const char* h : {"NETWORK", "METASPACE", "DATA-PORT", "BLOCKED"}) headers.push_back(h);
  TablePrinter table(headers);
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (const flink::TaskManager& tm : found[i]) {
      std::vector<std::string> cells;
      lead.cells(cells, targets.clusters[i].cluster);
      const flink::MemoryConfiguration& mem = tm.memory_configuration;
      cells.insert(cells.end(), {tm.id, tm.endpoint, std::to_string(tm.slots_number), std::to_string(tm.free_slots),
                                 std::to_string(tm.hardware.cpu_cores), text::bytes(mem.task_heap),
                                 text::bytes(mem.managed_memory), text::bytes(mem.total_process_memory)});
      if (wide) {
        cells.insert(cells.end(), {text::bytes(mem.network_memory), text::bytes(mem.jvm_metaspace),
                                   std::to_string(tm.data_port), tm.blocked ? "yes" : "no"});
      }
      table.add_row(std::move(cells));
    }
  }
  if (table.empty()) {
    if (code == 0) err << "No TaskManagers found.\n";
    return code;
  }
  table.print(out, !options.no_headers);
  return code;
}

// --- savepoints --------------------------------------------------------------------------------

int get_savepoints(const ClusterTargets& targets, const GetOptions& options, const Lead& lead, std::ostream& out,
                   std::ostream& err) {
  const JobListing listing = list_jobs(targets);
  const int code = report_unreachable(listing.unreachable, targets, err);
  const JobRow* only = options.job.empty() ? nullptr : &find_job(listing, targets, options.job);
  const std::vector<model::SavepointRecord> records = collect_savepoints(targets, listing, only, err);

  if (options.output == "json") {
    Json doc = document("SavepointList", targets, listing.unreachable);
    for (const model::SavepointRecord& r : records) {
      Json j;
      j["context"] = r.context.empty() ? Json() : Json(r.context);
      j["namespace"] = r.namespace_.empty() ? Json() : Json(r.namespace_);
      j["cluster"] = r.cluster;
      j["job"] = r.job;
      j["path"] = r.path.empty() ? Json() : Json(r.path);
      j["state"] = r.state;
      j["format"] = r.format.empty() ? Json() : Json(r.format);
      j["trigger"] = r.trigger.empty() ? Json() : Json(r.trigger);
      j["time"] = r.time ? Json(text::rfc3339(*r.time)) : Json();
      j["error"] = r.error.empty() ? Json() : Json(r.error);
      j["sources"] = r.sources;
      doc["items"].push_back(std::move(j));
    }
    out << doc.dump(2) << '\n';
    return code;
  }
  if (records.empty()) {
    if (code == 0) err << "No savepoints found.\n";
    return code;
  }
  const bool wide = options.output == "wide";
  std::vector<std::string> headers;
  lead.headers(headers);
  for (const char* h : {"JOB", "STATE", "AGE", "TRIGGER", "PATH"}) headers.push_back(h);
  if (wide) for (const char* h : {"FORMAT", "SOURCES", "ERROR"}) headers.push_back(h);
  TablePrinter table(headers);
  const auto now = std::chrono::system_clock::now();
  for (const model::SavepointRecord& r : records) {
    std::vector<std::string> cells;
    model::Cluster c;
    c.context = r.context;
    c.namespace_ = r.namespace_;
    c.name = r.cluster;
    lead.cells(cells, c);
    cells.insert(cells.end(), {r.job, r.state, r.time ? text::age(*r.time, now) : "", r.trigger, r.path});
    if (wide) {
      std::string sources;
      for (const std::string& s : r.sources) sources += (sources.empty() ? "" : ",") + s;
      cells.insert(cells.end(), {r.format, sources, r.error});
    }
    table.add_row(std::move(cells));
  }
  table.print(out, !options.no_headers);
  return code;
}

}  // namespace

int run_get_flink(const GlobalOptions& global, const GetOptions& options, std::ostream& out, std::ostream& err) {
  const ClusterTargets targets = select_clusters(global, options.cluster, err);
  for (const ClusterTarget& t : targets.clusters) {
    if (!t.flink) err << "flinktop: " << cluster_label(t.cluster) << ": no REST service found; its jobs cannot be read\n";
  }
  const Lead lead{targets.several_contexts, targets.all_namespaces};
  int code = 0;
  switch (parse(options.resource)) {
    case FlinkResource::Jobs: code = get_jobs(targets, options, lead, out, err); break;
    case FlinkResource::TaskManagers: code = get_taskmanagers(targets, options, lead, out, err); break;
    case FlinkResource::Savepoints: code = get_savepoints(targets, options, lead, out, err); break;
  }
  return targets.exit_code != 0 ? targets.exit_code : code;
}

}  // namespace flinktop::cli
