// Client: the log files of the JobManager and the TaskManagers, and where a job's subtasks run.
// Log files are plain text of any size, so they are streamed to the caller, never held whole.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::flink {

namespace {

std::string process_path(const std::string& taskmanager_id) {
  return taskmanager_id.empty() ? "/jobmanager" : "/taskmanagers/" + path_segment(taskmanager_id);
}

std::string process_name(const std::string& taskmanager_id) {
  return taskmanager_id.empty() ? "the JobManager" : "TaskManager " + text::one_line(taskmanager_id, 64);
}

}  // namespace

std::vector<LogFileInfo> Client::log_files(const std::string& taskmanager_id, http::CancelToken* cancel) {
  auto call =
      get(process_path(taskmanager_id) + "/logs", "list the log files of " + process_name(taskmanager_id));
  return decode_log_files(fetch_json(call, cancel));
}

void Client::read_log_file(const std::string& taskmanager_id, const std::string& file,
                           const http::BodySink& sink, http::CancelToken* cancel) {
  const std::string path =
      process_path(taskmanager_id) + (file.empty() ? "/log" : "/logs/" + path_segment(file));
  const Call call =
      get(path, fmt::format("read the log file {}of {}", file.empty() ? "" : text::one_line(file, 80) + " ",
                            process_name(taskmanager_id)));
  http::Request request;
  request.url = call.path;
  request.total_timeout = options_.long_call_timeout;
  request.headers.push_back({"Accept", "text/plain, */*"});
  http::Response response = endpoint_->stream(std::move(request), sink, cancel);
  if (response.status < 200 || response.status >= 300) throw rest_error(response, call.context);
}

std::vector<VertexTaskManager> Client::vertex_taskmanagers(const std::string& job_id,
                                                           const std::string& vertex_id,
                                                           http::CancelToken* cancel) {
  auto call = get("/jobs/" + path_segment(job_id) + "/vertices/" + path_segment(vertex_id) + "/taskmanagers",
                  fmt::format("read where vertex {} of job {} runs", text::one_line(vertex_id, 64),
                              text::one_line(job_id, 64)),
                  job_id);
  return decode_vertex_taskmanagers(fetch_json(call, cancel));
}

}  // namespace flinktop::flink
