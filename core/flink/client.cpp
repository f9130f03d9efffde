// Client: transport, error mapping and the reads. The actions are in client_actions.cpp.
#include "core/flink/client.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::flink {

namespace {

// "get=a,b" with each name percent-encoded; Flink splits the value on ','.
std::string metric_query(const std::vector<std::string>& names) {
  std::string query = "get=";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) query += ',';
    query += http::url_encode(names[i]);
  }
  return query;
}

std::string short_id(const std::string& id) {
  return text::one_line(id, 64);
}

}  // namespace

std::string path_segment(std::string_view id) {
  if (id.empty() || id == "." || id == "..") {
    throw Error(ErrorKind::Usage, fmt::format("invalid id \"{}\"", text::one_line(id, 64)));
  }
  return http::url_encode(id);
}

Client::Client(std::shared_ptr<Endpoint> endpoint, ClientOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {
  if (!endpoint_) throw Error(ErrorKind::Usage, "a Flink client needs an endpoint");
}

Client::Call Client::get(std::string path, std::string action, std::string job_id) const {
  Call call;
  call.path = std::move(path);
  call.context.action = std::move(action);
  call.context.endpoint = endpoint_->describe();
  call.context.job_id = std::move(job_id);
  return call;
}

http::Response Client::exchange(const Call& call, http::CancelToken* cancel) {
  http::Request request;
  request.method = call.method;
  request.url = call.path;
  request.body = call.body;
  request.total_timeout = call.timeout.count() > 0 ? call.timeout : options_.call_timeout;
  request.headers.push_back({"Accept", "application/json"});
  if (!call.content_type.empty()) request.headers.push_back({"Content-Type", call.content_type});
  http::Response response = endpoint_->send(std::move(request), cancel);
  if (response.status < 200 || response.status >= 300) throw rest_error(response, call.context);
  return response;
}

nlohmann::json Client::fetch_json(const Call& call, http::CancelToken* cancel, bool array) {
  http::Response response = exchange(call, cancel);
  auto parsed = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw decode_error(response.body, call.context);
  if (array ? !parsed.is_array() : !parsed.is_object()) {
    throw decode_error(
        response.body, call.context,
        fmt::format("expected a JSON {}, got {}", array ? "array" : "object", parsed.type_name()));
  }
  return parsed;
}

DashboardConfig Client::config(http::CancelToken* cancel) {
  DashboardConfig config = decode_config(fetch_json(get("/config", "read the cluster configuration"), cancel));
  remember_version(config.flink_version);
  return config;
}

ClusterOverview Client::overview(http::CancelToken* cancel) {
  ClusterOverview overview = decode_overview(fetch_json(get("/overview", "read the cluster overview"), cancel));
  remember_version(overview.flink_version);
  return overview;
}

// Every answer that names the version keeps it, so the actions' version questions cost no call
// once a poller has read /config or /overview.
void Client::remember_version(const std::string& text) {
  std::optional<FlinkVersion> parsed = parse_flink_version(text);
  if (!parsed) return;
  std::lock_guard lock(version_mutex_);
  version_ = std::move(parsed);
}

ConfigurationEntries Client::jobmanager_config(http::CancelToken* cancel) {
  return decode_configuration(
      fetch_json(get("/jobmanager/config", "read the JobManager's configuration"), cancel, /*array=*/true));
}

std::optional<FlinkVersion> Client::version(http::CancelToken* cancel) {
  {
    std::lock_guard lock(version_mutex_);
    if (version_) return version_;
  }
  std::optional<FlinkVersion> found;
  try {
    found = config(cancel).version();
  } catch (const Error& e) {
    // A gateway may hide /config; /overview says the version too.
    if (e.kind() == ErrorKind::Cancelled) throw;
  }
  if (!found) found = parse_flink_version(overview(cancel).flink_version);
  return found;
}

std::vector<JobOverview> Client::jobs(http::CancelToken* cancel) {
  return decode_jobs_overview(fetch_json(get("/jobs/overview", "list the jobs"), cancel));
}

std::vector<JobIdAndStatus> Client::job_list(http::CancelToken* cancel) {
  return decode_job_list(fetch_json(get("/jobs", "list the job ids"), cancel));
}

JobDetails Client::job(const std::string& job_id, http::CancelToken* cancel) {
  auto call = get("/jobs/" + path_segment(job_id), "read job " + short_id(job_id), job_id);
  return decode_job_details(fetch_json(call, cancel));
}

CheckpointStats Client::checkpoints(const std::string& job_id, http::CancelToken* cancel) {
  auto call = get("/jobs/" + path_segment(job_id) + "/checkpoints",
                  "read the checkpoints of job " + short_id(job_id), job_id);
  return decode_checkpoint_stats(fetch_json(call, cancel));
}

JobExceptions Client::exceptions(const std::string& job_id, int max_entries, http::CancelToken* cancel) {
  std::string path = "/jobs/" + path_segment(job_id) + "/exceptions";
  if (max_entries > 0) path += "?maxExceptions=" + std::to_string(max_entries);
  auto call = get(std::move(path), "read the exceptions of job " + short_id(job_id), job_id);
  return decode_job_exceptions(fetch_json(call, cancel));
}

BackPressure Client::backpressure(const std::string& job_id, const std::string& vertex_id,
                                  http::CancelToken* cancel) {
  auto call =
      get("/jobs/" + path_segment(job_id) + "/vertices/" + path_segment(vertex_id) + "/backpressure",
          fmt::format("read the back pressure of vertex {} of job {}", short_id(vertex_id), short_id(job_id)),
          job_id);
  return decode_backpressure(fetch_json(call, cancel));
}

MetricMap Client::job_metrics(const std::string& job_id, const std::vector<std::string>& names,
                              http::CancelToken* cancel) {
  auto call = get("/jobs/" + path_segment(job_id) + "/metrics?" + metric_query(names),
                  "read the metrics of job " + short_id(job_id), job_id);
  return decode_metrics(fetch_json(call, cancel, /*array=*/true));
}

MetricMap Client::subtask_metrics(const std::string& job_id, const std::string& vertex_id,
                                  const std::vector<std::string>& names, std::string_view aggregations,
                                  http::CancelToken* cancel) {
  std::string path = "/jobs/" + path_segment(job_id) + "/vertices/" + path_segment(vertex_id) +
                     "/subtasks/metrics?" + metric_query(names);
  if (!aggregations.empty()) path += "&agg=" + std::string(aggregations);
  auto call = get(
      std::move(path),
      fmt::format("read the metrics of vertex {} of job {}", short_id(vertex_id), short_id(job_id)), job_id);
  return decode_metrics(fetch_json(call, cancel, /*array=*/true));
}

MetricMap Client::taskmanager_metrics(const std::string& taskmanager_id,
                                      const std::vector<std::string>& names, http::CancelToken* cancel) {
  auto call = get("/taskmanagers/" + path_segment(taskmanager_id) + "/metrics?" + metric_query(names),
                  "read the metrics of TaskManager " + short_id(taskmanager_id));
  return decode_metrics(fetch_json(call, cancel, /*array=*/true));
}

std::vector<TaskManager> Client::taskmanagers(http::CancelToken* cancel) {
  return decode_taskmanagers(fetch_json(get("/taskmanagers", "list the TaskManagers"), cancel));
}

TaskManagerDetails Client::taskmanager(const std::string& taskmanager_id, http::CancelToken* cancel) {
  auto call =
      get("/taskmanagers/" + path_segment(taskmanager_id), "read TaskManager " + short_id(taskmanager_id));
  return decode_taskmanager_details(fetch_json(call, cancel));
}

JarList Client::jars(http::CancelToken* cancel) {
  return decode_jar_list(fetch_json(get("/jars", "list the uploaded jars"), cancel));
}

}  // namespace flinktop::flink
