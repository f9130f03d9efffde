// The Flink REST API of one cluster, typed: one method per read the views need and the job actions
// (cancel, savepoint, stop, checkpoint, jar upload/run/delete). Blocking calls for worker threads;
// thread-safe. Every call is bounded by a total timeout; every failure is a flinktop::Error with
// one line (see rest_error.hpp for the kinds).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/flink/endpoint.hpp"
#include "core/flink/rest_error.hpp"
#include "core/flink/types/backpressure.hpp"
#include "core/flink/types/checkpoints.hpp"
#include "core/flink/types/cluster.hpp"
#include "core/flink/types/exceptions.hpp"
#include "core/flink/types/jar.hpp"
#include "core/flink/types/job.hpp"
#include "core/flink/types/log_file.hpp"
#include "core/flink/types/metrics.hpp"
#include "core/flink/types/operation.hpp"
#include "core/flink/types/resource_requirements.hpp"
#include "core/flink/types/taskmanager.hpp"
#include "core/flink/version.hpp"

namespace flinktop::flink {

struct ClientOptions {
  std::chrono::milliseconds call_timeout{kDefaultCallTimeout};  // every short call
  std::chrono::milliseconds long_call_timeout{300'000};         // jar upload, jar run (runs main())
};

// How wait_for_operation polls: 200 ms, doubling to 2 s, for at most `deadline` overall.
struct WaitOptions {
  std::chrono::milliseconds deadline{600'000};
  std::chrono::milliseconds first_delay{200};
  std::chrono::milliseconds max_delay{2'000};
};

class Client {
 public:
  explicit Client(std::shared_ptr<Endpoint> endpoint, ClientOptions options = {});

  const Endpoint& endpoint() const noexcept { return *endpoint_; }
  const ClientOptions& options() const noexcept { return options_; }

  // --- the cluster ------------------------------------------------------------------------------
  DashboardConfig config(http::CancelToken* cancel = nullptr);
  ClusterOverview overview(http::CancelToken* cancel = nullptr);
  ConfigurationEntries jobmanager_config(http::CancelToken* cancel = nullptr);  // GET /jobmanager/config
  // From /config, else /overview; remembered once known. nullopt if neither names a version.
  std::optional<FlinkVersion> version(http::CancelToken* cancel = nullptr);

  // --- jobs -------------------------------------------------------------------------------------
  std::vector<JobOverview> jobs(http::CancelToken* cancel = nullptr);
  std::vector<JobIdAndStatus> job_list(http::CancelToken* cancel = nullptr);  // GET /jobs
  JobDetails job(const std::string& job_id, http::CancelToken* cancel = nullptr);
  CheckpointStats checkpoints(const std::string& job_id, http::CancelToken* cancel = nullptr);
  // `max_entries` = 0: Flink's default (rest web.exception-history-size).
  JobExceptions exceptions(const std::string& job_id, int max_entries = 0,
                           http::CancelToken* cancel = nullptr);
  BackPressure backpressure(const std::string& job_id, const std::string& vertex_id,
                            http::CancelToken* cancel = nullptr);

  // --- metrics (names → values; unknown names are absent) ----------------------------------------
  MetricMap job_metrics(const std::string& job_id, const std::vector<std::string>& names,
                        http::CancelToken* cancel = nullptr);
  // Aggregated over the vertex's subtasks; `aggregations` is Flink's agg= list: min,max,avg,sum,skew.
  MetricMap subtask_metrics(const std::string& job_id, const std::string& vertex_id,
                            const std::vector<std::string>& names, std::string_view aggregations = "sum,max",
                            http::CancelToken* cancel = nullptr);
  MetricMap taskmanager_metrics(const std::string& taskmanager_id, const std::vector<std::string>& names,
                                http::CancelToken* cancel = nullptr);

  // --- TaskManagers -----------------------------------------------------------------------------
  std::vector<TaskManager> taskmanagers(http::CancelToken* cancel = nullptr);
  TaskManagerDetails taskmanager(const std::string& taskmanager_id, http::CancelToken* cancel = nullptr);

  // --- log files (plain text; the JobManager's when taskmanager_id is "") -------------------------
  // GET /taskmanagers/:id/logs or /jobmanager/logs.
  std::vector<LogFileInfo> log_files(const std::string& taskmanager_id, http::CancelToken* cancel = nullptr);
  // Streams a log file to `sink` as it arrives: `file` "" = the main log (/taskmanagers/:id/log,
  // /jobmanager/log), else /…/logs/:file. Bounded by the long-call timeout; stops early when the
  // sink returns false.
  void read_log_file(const std::string& taskmanager_id, const std::string& file, const http::BodySink& sink,
                     http::CancelToken* cancel = nullptr);
  // GET /jobs/:id/vertices/:vid/taskmanagers: which TaskManagers run the vertex's subtasks.
  std::vector<VertexTaskManager> vertex_taskmanagers(const std::string& job_id, const std::string& vertex_id,
                                                     http::CancelToken* cancel = nullptr);

  // --- jars -------------------------------------------------------------------------------------
  JarList jars(http::CancelToken* cancel = nullptr);
  // Uploads the file at `path` (multipart field "jarfile"); returns the jar id run/delete take.
  std::string upload_jar(const std::string& path, http::CancelToken* cancel = nullptr);
  // Returns the new job's id.
  std::string run_jar(const std::string& jar_id, const RunRequest& request,
                      http::CancelToken* cancel = nullptr);
  void delete_jar(const std::string& jar_id, http::CancelToken* cancel = nullptr);

  // --- job actions ------------------------------------------------------------------------------
  // PATCH /jobs/:id?mode=cancel. Also works where /config says web-cancel=false (the operator).
  void cancel(const std::string& job_id, http::CancelToken* cancel = nullptr);
  // The triggers return the trigger id to poll with operation_status / wait_for_operation.
  // Set request.trigger_id (new_trigger_id()) before the first attempt to retry safely: Flink
  // answers a repeated trigger id with the same operation instead of starting another — from 1.15
  // on. The body follows the cluster's version: before 1.15 it carries no triggerId and no
  // formatType (Flink rejects unknown fields), a format other than canonical is refused
  // (Error(Unsupported)) before anything is sent, and the result says the trigger was not
  // idempotent. Where the version is unknown, a 400 naming the request body's format is retried
  // once with the older body, and the cluster is remembered as one that needs it.
  Triggered trigger_savepoint(const std::string& job_id, const SavepointRequest& request,
                              http::CancelToken* cancel = nullptr);
  Triggered stop_with_savepoint(const std::string& job_id, const StopRequest& request,
                                http::CancelToken* cancel = nullptr);
  // POST /jobs/:id/checkpoints exists since Flink 1.19: Error(Unsupported) on older clusters.
  std::string trigger_checkpoint(const std::string& job_id, const CheckpointRequest& request,
                                 http::CancelToken* cancel = nullptr);
  // GET / PUT /jobs/:id/resource-requirements (Flink 1.18+; the adaptive scheduler's, refused by
  // the default scheduler with Flink's words).
  ResourceRequirements resource_requirements(const std::string& job_id, http::CancelToken* cancel = nullptr);
  void set_resource_requirements(const std::string& job_id, const ResourceRequirements& requirements,
                                 http::CancelToken* cancel = nullptr);
  // One look at an operation. A 404 means the result expired (rest.async.store-duration).
  OperationStatus operation_status(const std::string& job_id, OperationKind kind,
                                   const std::string& trigger_id, http::CancelToken* cancel = nullptr);
  // Polls until COMPLETED and returns it (its location / checkpoint id). Throws Error(Server) with
  // Flink's reason when the operation failed, Error(Timeout) when `options.deadline` passes.
  OperationStatus wait_for_operation(const std::string& job_id, OperationKind kind,
                                     const std::string& trigger_id, const WaitOptions& options = {},
                                     http::CancelToken* cancel = nullptr);

 private:
  struct Call {
    http::Method method = http::Method::Get;
    std::string path;  // with query
    std::string body;
    std::string content_type;
    std::chrono::milliseconds timeout{0};  // 0 = options_.call_timeout
    CallContext context;
  };
  http::Response exchange(const Call& call, http::CancelToken* cancel);
  // The body as JSON of the expected top-level type, else Error(Decode).
  nlohmann::json fetch_json(const Call& call, http::CancelToken* cancel, bool array = false);
  Call get(std::string path, std::string action, std::string job_id = {}) const;
  OperationStatus look_at_operation(const std::string& job_id, OperationKind kind,
                                    const std::string& trigger_id, std::chrono::milliseconds timeout,
                                    http::CancelToken* cancel);
  // `trigger_id` empty: the body carries none and Flink's own id is taken.
  std::string trigger(const std::string& job_id, OperationKind kind, const nlohmann::json& body,
                      const std::string& trigger_id, http::CancelToken* cancel);
  using EncodeTrigger = std::function<nlohmann::json(TriggerFields)>;
  Triggered trigger_for_version(const std::string& job_id, OperationKind kind, const std::string& format,
                                const std::string& trigger_id, const EncodeTrigger& encode,
                                http::CancelToken* cancel);
  // The version if known (asking /config once), nullopt when the cluster does not say.
  std::optional<FlinkVersion> version_if_known(http::CancelToken* cancel);
  void remember_version(const std::string& text);

  std::shared_ptr<Endpoint> endpoint_;
  ClientOptions options_;
  std::mutex version_mutex_;
  std::optional<FlinkVersion> version_;
  // Set when a cluster of unknown version rejected the 1.15+ trigger body: it gets the older one.
  std::atomic<bool> takes_only_older_trigger_bodies_{false};
};

// A path segment from an id (job, vertex, jar, TaskManager): percent-encoded; Error(Usage) for an
// empty id, "." or "..".
std::string path_segment(std::string_view id);

}  // namespace flinktop::flink
