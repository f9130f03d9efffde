// The one place that decides how an action on a job reaches its cluster, for the TUI and the CLI
// alike: through the Flink Kubernetes Operator's resources for operator-managed jobs (the
// operator would undo anything done behind its back), through the JobManager's REST API for the
// rest. Every mutation is journaled (started, then its outcome), and --readonly refuses them all.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/actions/journal.hpp"
#include "core/flink/client.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/cluster.hpp"

namespace flinktop::actions {

struct JobRef {
  model::Cluster cluster;
  std::string job_id;
  std::string job_name;
};

struct ActionContext {
  std::shared_ptr<kube::ApiClient> kube;     // null without Kubernetes (--flink-url)
  std::shared_ptr<flink::Client> flink;      // null when the REST endpoint is unknown
  Journal* journal = nullptr;                // null = no journal (tests)
  bool readonly = false;
  // Progress for a status line ("savepoint in progress"), called from the acting thread.
  std::function<void(const std::string&)> progress;
  // Passed to every call the action makes and to its waits (null: none): when it fires, the
  // action ends at once with Error(Cancelled), journaled (see ActionRunner).
  http::CancelToken* cancel = nullptr;
};

struct ActionResult {
  std::string message;    // one line for the user: what happened
  std::string savepoint;  // the location, when one was written
  std::string job_id;     // the new job, for submit
  // What the record should keep beside the message (journaled with it; the CLI prints it on
  // stderr), e.g. that the trigger was not idempotent on this Flink version.
  std::string note;
};

// A jar to run on a session cluster: uploaded, run, and (unless kept) deleted again once the job
// is submitted — Flink has copied what the job needs by then. With `jar_id`, a jar already on the
// cluster (GET /jars) is run instead, and left there.
struct SubmitRequest {
  std::string jar_path;
  std::string jar_id;
  flink::RunRequest run;
  bool keep_jar = false;

  bool has_jar() const { return !jar_path.empty() || !jar_id.empty(); }
};

enum class Route { Operator, Rest };

// Whether the Flink operator manages this job: the job of an application FlinkDeployment, and on a
// session cluster the job of a FlinkSessionJob — not a jar submitted to the session directly.
bool operator_manages(const JobRef& job);
// The operator holds this job suspended (spec.job.state / lifecycleState), so `u` means resume.
bool operator_suspended(const JobRef& job);

// How `action` would reach this job (for dialogs that must say it before acting).
Route route_for(const JobRef& job, std::string_view action);

// Each throws flinktop::Error (one line) when refused or failed; the journal has it either way.
// An operator-managed job is cancelled only with `force`: the dialog must warn first.
ActionResult cancel_job(const ActionContext& ctx, const JobRef& job, bool force = false);
// With `wait`, returns once the savepoint is written (its location in the result), through the
// REST operation or the operator's resource alike. On a cluster before Flink 1.15 the REST trigger
// carries no trigger id; the result's note (and so the journal) says a retry was not safe.
// `format`: "" or CANONICAL (Flink's default), NATIVE (Flink 1.15+; refused before anything is sent
// on an older cluster).
ActionResult savepoint_job(const ActionContext& ctx, const JobRef& job, const std::string& directory,
                           bool wait = true, const std::string& format = "");
ActionResult stop_job(const ActionContext& ctx, const JobRef& job, const std::string& directory, bool drain,
                      const std::string& format = "");
ActionResult suspend_job(const ActionContext& ctx, const JobRef& job);
ActionResult resume_job(const ActionContext& ctx, const JobRef& job);
// Refused on an application cluster (it runs exactly one job).
ActionResult submit_job(const ActionContext& ctx, const model::Cluster& cluster, const SubmitRequest& request);

}  // namespace flinktop::actions
