#include "core/flink/types/log_file.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

std::vector<LogFileInfo> decode_log_files(const json& j) {
  std::vector<LogFileInfo> out;
  for (const auto& f : array(j, "logs")) {
    if (!f.is_object()) continue;
    out.push_back({string(f, "name"), integer(f, "size"), integer(f, "mtime")});
  }
  return out;
}

std::vector<VertexTaskManager> decode_vertex_taskmanagers(const json& j) {
  std::vector<VertexTaskManager> out;
  for (const auto& t : array(j, "taskmanagers")) {
    if (!t.is_object()) continue;
    out.push_back({string(t, "taskmanager-id"), string_any(t, {"endpoint", "host"}), string(t, "status")});
  }
  return out;
}

}  // namespace flinktop::flink
