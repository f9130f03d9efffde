// The log files of a Flink process (GET /taskmanagers/:id/logs, /jobmanager/logs) and which
// TaskManagers run a job vertex's subtasks (GET /jobs/:id/vertices/:vid/taskmanagers), for
// `flinktop logs` and the log view.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace flinktop::flink {

struct LogFileInfo {
  std::string name;        // "taskmanager.log", "taskmanager.log.1", "taskmanager.out"
  std::int64_t size = 0;   // bytes
  std::int64_t mtime = 0;  // epoch millis (0 when the version does not send it)
  bool operator==(const LogFileInfo&) const = default;
};

// {"logs": [{"name", "size", "mtime"}]}, in the order Flink lists them.
std::vector<LogFileInfo> decode_log_files(const nlohmann::json& j);

struct VertexTaskManager {
  std::string taskmanager_id;  // "taskmanager-id"
  std::string endpoint;        // host:port ("endpoint" in 2.x, "host" in 1.x)
  std::string status;          // the aggregated execution state of its subtasks
};

std::vector<VertexTaskManager> decode_vertex_taskmanagers(const nlohmann::json& j);

}  // namespace flinktop::flink
