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
};

struct ActionResult {
  std::string message;    // one line for the user: what happened
  std::string savepoint;  // the location, when one was written
};

enum class Route { Operator, Rest };

// How `action` would reach this job's cluster (for dialogs that must say it before acting).
Route route_for(const model::Cluster& cluster, std::string_view action);

// Each throws flinktop::Error (one line) when refused or failed; the journal has it either way.
// An operator-managed job is cancelled only with `force`: the dialog must warn first.
ActionResult cancel_job(const ActionContext& ctx, const JobRef& job, bool force = false);
ActionResult savepoint_job(const ActionContext& ctx, const JobRef& job, const std::string& directory,
                           bool wait = true);
ActionResult stop_job(const ActionContext& ctx, const JobRef& job, const std::string& directory, bool drain);
ActionResult suspend_job(const ActionContext& ctx, const JobRef& job);
ActionResult resume_job(const ActionContext& ctx, const JobRef& job);

}  // namespace flinktop::actions
