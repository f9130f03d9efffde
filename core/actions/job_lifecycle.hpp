// The steps of a job's life after it runs: restart, rescale, restore from a savepoint. Each picks
// the way the job's cluster allows — the operator's resource, Flink's adaptive scheduler, or a
// stop with a savepoint and a resubmission of the jar — says which before acting (plan_*), and is
// journaled like every job action (job_actions.hpp), each step of a two-step route on its own line.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/actions/job_actions.hpp"

namespace flinktop::actions {

// How the operator redeploys a changed spec under `upgrade_mode` ("" = stateless), in a few words.
std::string operator_redeploy_words(const std::string& upgrade_mode);

// Operator-managed jobs: spec.restartNonce (the operator restarts the job, per its upgradeMode).
ActionResult restart_job(const ActionContext& ctx, const JobRef& job);

enum class ScaleRoute {
  Operator,  // spec.job.parallelism; the operator redeploys per its upgradeMode
  Adaptive,  // PUT /jobs/:id/resource-requirements: Flink rescales the running job in place
  Resubmit,  // stop with a savepoint, run the jar again with the new parallelism from it
  Refused,   // none applies (reactive mode, an application cluster without the operator): `why`
};

struct ScalePlan {
  ScaleRoute route = ScaleRoute::Refused;
  std::string why;  // one line: what decided the route, or why there is none
};

// What decides the route for a job Flink runs without the operator.
struct ScaleFacts {
  flink::ConfigurationEntries config;         // GET /jobmanager/config: jobmanager.scheduler, scheduler-mode
  std::optional<flink::FlinkVersion> version;  // resource-requirements exists from 1.18
  bool web_submit = true;                      // /config features: a jar can be run again
};

// How a rescale of `job` would go, from what is known (the TUI's polled snapshot).
ScalePlan plan_scale(const JobRef& job, const ScaleFacts& facts);
// The same, asking the JobManager (configuration, version, features) for jobs Flink runs without
// the operator.
ScalePlan plan_scale(const ActionContext& ctx, const JobRef& job);

struct ScaleRequest {
  static ScaleRequest to(long long parallelism) {
    ScaleRequest request;
    request.parallelism = parallelism;
    return request;
  }

  long long parallelism = 0;
  // Resubmit route: the jar to run again, with its entry class and arguments (the parallelism and
  // savepoint are set here); the savepoint directory of the stop ("" = the cluster's default).
  SubmitRequest resubmit;
  std::string directory;
  // Adaptive route: how long to follow the rescale (Flink waits out its cooldown first, 30 s by
  // default) before saying how far it got.
  std::chrono::milliseconds follow{std::chrono::minutes(3)};
};

// Error (one line) when `request` cannot go the way `plan` says: a parallelism below 1, a refused
// route, the resubmit route without a jar. Nothing is asked of any server.
void check_scale(const JobRef& job, const ScalePlan& plan, const ScaleRequest& request);

// `plan` as plan_scale returned it (the dialog showed it); nullopt = work it out here.
ActionResult scale_job(const ActionContext& ctx, const JobRef& job, const ScaleRequest& request,
                       const std::optional<ScalePlan>& plan = std::nullopt);

struct RestoreRequest {
  std::string savepoint;  // the path of the savepoint or retained checkpoint
  bool allow_non_restored_state = false;
  // REST route: the jar to run from the savepoint (its entry class, arguments, parallelism).
  SubmitRequest resubmit;
};

// How the restore would go, in a few words for the dialog; Error (one line) when it cannot: no
// savepoint, no jar for a job Flink runs without the operator, or that job still running.
std::string plan_restore(const ActionContext& ctx, const JobRef& job, const RestoreRequest& request);

// Operator-managed jobs: spec.job.initialSavepointPath + a bump of savepointRedeployNonce (the
// operator redeploys from that savepoint whatever its upgradeMode; operator 1.8+, older ones are
// named as such). Others: the jar is run again from the savepoint, refused while the job still
// runs (two jobs would write the same sinks).
ActionResult restore_job(const ActionContext& ctx, const JobRef& job, const RestoreRequest& request);

}  // namespace flinktop::actions
