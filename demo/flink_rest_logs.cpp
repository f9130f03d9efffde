// The demo's Flink REST log files: what a JobManager serves from its log directory
// (/jobmanager/logs, /jobmanager/log, /taskmanagers/:id/logs, /taskmanagers/:id/log, and a file by
// name) — the same lines as the container's log stream, since Flink's log4j-console.properties
// writes both — and where a job vertex's subtasks run (/jobs/:id/vertices/:vid/taskmanagers).
#include <nlohmann/json.hpp>

#include "demo/flink_rest_json.hpp"
#include "demo/kube_api_paths.hpp"
#include "demo/simulation.hpp"

namespace flinktop::demo {

using nlohmann::json;

namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RestReply not_found(const std::string& message) {
  return {404, json{{"errors", {message}}}.dump(), {}};
}

RestReply text(std::string body) {
  return {200, std::move(body), "text/plain; charset=UTF-8"};
}

struct LogFiles {
  std::string main;     // "taskmanager.log" / "jobmanager.log"
  std::string stdout_;  // "taskmanager.out": empty (stdout is not redirected on Kubernetes)
  std::string content;
  long long mtime = 0;
};

LogFiles files_of(const PodLogProfile& p, long long now) {
  LogFiles files;
  const std::string role = p.jobmanager ? "jobmanager" : "taskmanager";
  files.main = role + ".log";
  files.stdout_ = role + ".out";
  const long long count = log_line_count(p, now);
  for (long long i = 0; i < count; ++i) {
    files.content += log_line(p, i);
    files.content += '\n';
  }
  files.mtime = count > 0 ? log_line_time(p, count - 1) : p.since_ms;
  return files;
}

}  // namespace

namespace rest_json {

json vertex_taskmanagers(const DemoCluster& c, const DemoJob& job, const DemoVertex& vertex,
                         long long now_ms) {
  json tms = json::array();
  std::vector<const DemoTaskManager*> up;
  for (const auto& tm : c.taskmanagers) {
    if (tm.up) up.push_back(&tm);
  }
  if (job.state == "RUNNING" && !up.empty()) {
    // Subtask i runs on TaskManager (i + a per-vertex offset) mod n, so vertices spread out.
    const std::size_t offset = std::hash<std::string>{}(vertex.id) % up.size();
    std::vector<int> subtasks(up.size(), 0);
    for (int i = 0; i < vertex.parallelism; ++i)
      ++subtasks[(static_cast<std::size_t>(i) + offset) % up.size()];
    for (std::size_t k = 0; k < up.size(); ++k) {
      if (subtasks[k] == 0) continue;
      const DemoTaskManager& tm = *up[k];
      json entry{{"taskmanager-id", tm.id},           {"status", "RUNNING"},
                 {"start-time", job.start_ms},        {"end-time", -1},
                 {"duration", now_ms - job.start_ms}, {"status-counts", {{"RUNNING", subtasks[k]}}}};
      entry[is_v2(c) ? "endpoint" : "host"] = tm.ip + ":6121";
      tms.push_back(std::move(entry));
    }
  }
  return {{"id", vertex.id}, {"name", vertex.name}, {"now", now_ms}, {"taskmanagers", tms}};
}

}  // namespace rest_json

std::optional<RestReply> Simulation::flink_rest_logs(const std::string& cluster_key, const RestRequest& r) {
  const auto parts = kube_api::split_path(r.path);
  const std::size_t n = parts.size();
  const bool jobmanager = n >= 2 && parts[0] == "jobmanager" && (parts[1] == "log" || parts[1] == "logs");
  const bool taskmanager = n >= 3 && parts[0] == "taskmanagers" && (parts[2] == "log" || parts[2] == "logs");
  if (r.method != "GET" || (!jobmanager && !taskmanager)) return std::nullopt;
  const std::size_t at = jobmanager ? 1 : 2;  // index of "log" / "logs"
  if (n > at + 2 || (parts[at] == "log" && n != at + 1)) return std::nullopt;

  PodLogProfile profile;
  {
    std::lock_guard lock(mutex_);
    auto cluster = world_.clusters.find(cluster_key);
    if (cluster == world_.clusters.end() || !cluster->second.running) return std::nullopt;
    const DemoCluster& c = cluster->second;
    const DemoTaskManager* tm = nullptr;
    if (taskmanager) {
      for (const auto& t : c.taskmanagers) {
        if (t.id == parts[1] && t.up) tm = &t;
      }
      if (tm == nullptr) return not_found("TaskManager " + parts[1] + " does not exist.");
    }
    profile = log_profile_locked(c, tm, false);
  }
  // Rendering a log file is the slow part: outside the world's lock.
  const LogFiles files = files_of(profile, now_ms());
  if (parts[at] == "log") return text(files.content);
  if (n == at + 1) {
    return RestReply{200,
                     json{{"logs",
                           {{{"name", files.main}, {"size", files.content.size()}, {"mtime", files.mtime}},
                            {{"name", files.stdout_}, {"size", 0}, {"mtime", profile.since_ms}}}}}
                         .dump(),
                     "application/json; charset=UTF-8"};
  }
  if (parts[at + 1] == files.main) return text(files.content);
  if (parts[at + 1] == files.stdout_) return text("");
  return not_found("Could not find file " + parts[at + 1] + ".");
}

}  // namespace flinktop::demo
