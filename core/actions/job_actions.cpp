#include "core/actions/job_actions.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "core/actions/operator_actions.hpp"
#include "core/error.hpp"

namespace flinktop::actions {

namespace {

// The FlinkSessionJob that runs `job` on its session cluster, if any.
const model::SessionJobSummary* session_job_of(const JobRef& job) {
  for (const model::SessionJobSummary& session_job : job.cluster.session_jobs) {
    if ((!job.job_id.empty() && session_job.job_id == job.job_id) ||
        (job.job_id.empty() && (session_job.name == job.job_name || session_job.job_name == job.job_name))) {
      return &session_job;
    }
  }
  return nullptr;
}

// The operator resource that owns a job: the FlinkDeployment of an application cluster, or the
// FlinkSessionJob that runs it on a session cluster.
OperatorResource resource_for(const ActionContext& ctx, const JobRef& job) {
  if (!ctx.kube) throw Error(ErrorKind::Unsupported, "acting through the Flink operator needs Kubernetes access");
  const model::Cluster& c = job.cluster;
  if (c.kind == model::ClusterKind::OperatorApplication) return {ctx.kube, c.namespace_, c.name, false, ctx.cancel};
  if (const model::SessionJobSummary* session_job = session_job_of(job)) {
    return {ctx.kube, c.namespace_, session_job->name, true, ctx.cancel};
  }
  throw Error(ErrorKind::NotFound,
              fmt::format("job {} on session cluster {}/{} has no FlinkSessionJob: it was submitted directly; "
                          "act on it through the REST API (cancel, savepoint, stop)",
                          job.job_name.empty() ? job.job_id : job.job_name, c.namespace_, c.name));
}

flink::Client& rest(const ActionContext& ctx, const JobRef& job) {
  if (!ctx.flink) {
    throw Error(ErrorKind::Unsupported, fmt::format("no REST endpoint is known for cluster {}/{}",
                                                    job.cluster.namespace_, job.cluster.name));
  }
  return *ctx.flink;
}

// Runs one action: refuses under --readonly, journals "started" and the outcome.
template <class F>
ActionResult journaled(const ActionContext& ctx, const JobRef& job, const std::string& action, F&& body) {
  JournalEntry entry{{}, job.cluster.context, job.cluster.namespace_, job.cluster.name,
                     job.job_id.empty() ? job.job_name : job.job_id, action, "", "", ""};
  if (ctx.readonly) {
    entry.result = "refused";
    entry.message = "--readonly";
    if (ctx.journal) ctx.journal->append(entry);
    throw Error(ErrorKind::Usage, fmt::format("refused: {} is a change and flinktop runs with --readonly", action));
  }
  if (ctx.journal) {
    entry.result = "started";
    ctx.journal->append(entry);
  }
  try {
    ActionResult result = body();
    if (!result.job_id.empty()) entry.job = result.job_id;
    entry.result = "succeeded";
    entry.savepoint = result.savepoint;
    entry.message = result.note.empty() ? result.message : fmt::format("{} ({})", result.message, result.note);
    if (ctx.journal) ctx.journal->append(entry);
    return result;
  } catch (const Error& error) {
    entry.result = "failed";
    entry.message = error.what();
    if (ctx.journal) ctx.journal->append(entry);
    throw;
  }
}

std::string job_label(const JobRef& job) { return job.job_name.empty() ? job.job_id : job.job_name; }

// The note a trigger without idempotency leaves in the record.
std::string retry_note(const flink::Triggered& triggered, std::string_view what) {
  if (triggered.idempotent()) return "";
  return fmt::format("{}: trigger id {} is Flink's own; a retry after a lost answer may start a second {}",
                     triggered.not_idempotent_because, triggered.trigger_id, what);
}

// Runs `wait`; a failure keeps the trigger's note, since a failed wait is when a retry tempts most.
template <class F>
auto with_note(const std::string& note, F&& wait) {
  try {
    return wait();
  } catch (const Error& e) {
    if (note.empty()) throw;
    throw Error(e.kind(), fmt::format("{} ({})", e.what(), note));
  }
}

// After a submission (or a failed one) the uploaded jar is only clutter; failing to remove it
// must not turn a submitted job into a reported failure.
void delete_quietly(flink::Client& client, const std::string& jar_id) {
  try {
    client.delete_jar(jar_id);
  } catch (const Error&) {
  }
}

}  // namespace

bool operator_manages(const JobRef& job) {
  if (job.cluster.kind == model::ClusterKind::OperatorApplication) return true;
  return job.cluster.kind == model::ClusterKind::OperatorSession && session_job_of(job) != nullptr;
}

bool operator_suspended(const JobRef& job) {
  if (job.cluster.kind == model::ClusterKind::OperatorApplication) {
    const auto& op = job.cluster.operator_status;
    return op && (op->desired_job_state == "suspended" || op->lifecycle_state == "SUSPENDED");
  }
  const model::SessionJobSummary* session_job = session_job_of(job);
  return session_job != nullptr && session_job->lifecycle_state == "SUSPENDED";
}

Route route_for(const JobRef& job, std::string_view action) {
  if (!operator_manages(job)) return Route::Rest;
  return action == "cancel" ? Route::Rest : Route::Operator;
}

ActionResult cancel_job(const ActionContext& ctx, const JobRef& job, bool force) {
  if (operator_manages(job) && !force) {
    throw Error(ErrorKind::Usage,
                fmt::format("{} is managed by the Flink operator, which would restart a cancelled job: suspend it "
                            "instead (u / flinktop suspend), or force a REST cancel",
                            job_label(job)));
  }
  return journaled(ctx, job, "cancel", [&] {
    rest(ctx, job).cancel(job.job_id, ctx.cancel);
    return ActionResult{fmt::format("cancel requested for job {}", job_label(job)), "", "", ""};
  });
}

ActionResult savepoint_job(const ActionContext& ctx, const JobRef& job, const std::string& directory, bool wait,
                           const std::string& format) {
  return journaled(ctx, job, "savepoint", [&] {
    if (route_for(job, "savepoint") == Route::Operator) {
      const OperatorResource resource = resource_for(ctx, job);
      const auto requested_at = std::chrono::system_clock::now();
      const SavepointRequested requested = request_savepoint(resource, {directory, format, false});
      if (!wait) {
        return ActionResult{fmt::format("savepoint of {} requested from the operator ({})", job_label(job), requested.how),
                            "", "", ""};
      }
      if (ctx.progress) ctx.progress(fmt::format("savepoint of {} in progress ({})", job_label(job), requested.how));
      const std::string location = wait_for_savepoint(resource, requested, requested_at);
      return ActionResult{fmt::format("savepoint of {} written to {} ({})", job_label(job), location, requested.how),
                          location, "", ""};
    }
    flink::Client& client = rest(ctx, job);
    flink::SavepointRequest request;
    request.target_directory = directory;
    request.format = format;
    request.trigger_id = flink::new_trigger_id();
    const flink::Triggered triggered = client.trigger_savepoint(job.job_id, request, ctx.cancel);
    const std::string note = retry_note(triggered, "savepoint");
    if (!wait) {
      return ActionResult{fmt::format("savepoint of {} triggered (trigger id {})", job_label(job), triggered.trigger_id),
                          "", "", note};
    }
    if (ctx.progress) ctx.progress(fmt::format("savepoint of {} in progress", job_label(job)));
    flink::OperationStatus status = with_note(note, [&] {
      return client.wait_for_operation(job.job_id, flink::OperationKind::Savepoint, triggered.trigger_id, {},
                                       ctx.cancel);
    });
    if (status.failed()) throw Error(ErrorKind::Server, fmt::format("savepoint of {} failed: {}", job_label(job), status.failure));
    return ActionResult{fmt::format("savepoint of {} written to {}", job_label(job), status.location), status.location,
                        "", note};
  });
}

ActionResult stop_job(const ActionContext& ctx, const JobRef& job, const std::string& directory, bool drain,
                      const std::string& format) {
  return journaled(ctx, job, "stop", [&] {
    if (route_for(job, "stop") == Route::Operator) {
      const auto& op = job.cluster.operator_status;
      if (!flink::is_canonical_format(format)) {
        throw Error(ErrorKind::Unsupported,
                    fmt::format("{} stops through the operator, which picks the savepoint format itself: set "
                                "kubernetes.operator.savepoint.format.type in its flinkConfiguration",
                                job_label(job)));
      }
      if (job.cluster.kind == model::ClusterKind::OperatorApplication && op && op->upgrade_mode != "savepoint") {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} has upgradeMode {}: suspending it would not take a savepoint; take a savepoint "
                                "(s) first, then suspend (u)",
                                job_label(job), op->upgrade_mode.empty() ? "stateless" : op->upgrade_mode));
      }
      set_job_state(resource_for(ctx, job), "suspended");
      return ActionResult{fmt::format("{} suspended through the operator: it stops with a savepoint", job_label(job)), "", "", ""};
    }
    flink::Client& client = rest(ctx, job);
    flink::StopRequest request;
    request.target_directory = directory;
    request.drain = drain;
    request.format = format;
    request.trigger_id = flink::new_trigger_id();
    const flink::Triggered triggered = client.stop_with_savepoint(job.job_id, request, ctx.cancel);
    const std::string note = retry_note(triggered, "stop");
    if (ctx.progress) ctx.progress(fmt::format("stopping {} with a savepoint", job_label(job)));
    flink::OperationStatus status = with_note(note, [&] {
      return client.wait_for_operation(job.job_id, flink::OperationKind::StopWithSavepoint, triggered.trigger_id, {},
                                       ctx.cancel);
    });
    if (status.failed()) throw Error(ErrorKind::Server, fmt::format("stop of {} failed: {}", job_label(job), status.failure));
    return ActionResult{fmt::format("{} stopped; savepoint at {}", job_label(job), status.location), status.location, "",
                        note};
  });
}

ActionResult suspend_job(const ActionContext& ctx, const JobRef& job) {
  return journaled(ctx, job, "suspend", [&] {
    if (!operator_manages(job)) {
      throw Error(ErrorKind::Unsupported, fmt::format("{} is not managed by the Flink operator: suspend works on "
                                                      "FlinkDeployments and FlinkSessionJobs; use stop with savepoint",
                                                      job_label(job)));
    }
    set_job_state(resource_for(ctx, job), "suspended");
    return ActionResult{fmt::format("{} suspended (the operator stops it per its upgradeMode)", job_label(job)), "", "", ""};
  });
}

ActionResult resume_job(const ActionContext& ctx, const JobRef& job) {
  return journaled(ctx, job, "resume", [&] {
    if (!operator_manages(job)) {
      throw Error(ErrorKind::Unsupported,
                  fmt::format("{} is not managed by the Flink operator: resubmit it from its savepoint instead", job_label(job)));
    }
    set_job_state(resource_for(ctx, job), "running");
    return ActionResult{fmt::format("{} resumed", job_label(job)), "", "", ""};
  });
}

ActionResult restart_job(const ActionContext& ctx, const JobRef& job) {
  return journaled(ctx, job, "restart", [&] {
    if (!operator_manages(job)) {
      throw Error(ErrorKind::Unsupported,
                  fmt::format("{} is not managed by the Flink operator: restart is the operator's (spec.restartNonce); "
                              "stop it with a savepoint and submit it again",
                              job_label(job)));
    }
    const long long nonce = restart(resource_for(ctx, job));
    return ActionResult{fmt::format("{}: restart requested (restartNonce {}); the operator restarts it per its upgradeMode",
                                    job_label(job), nonce),
                        "", "", ""};
  });
}

namespace {
// How the operator redeploys a changed spec, per upgradeMode, in a few words.
std::string redeploy_words(const std::string& upgrade_mode) {
  if (upgrade_mode == "savepoint") return "the operator takes a savepoint, then redeploys from it";
  if (upgrade_mode == "last-state") return "the operator redeploys from the last checkpoint";
  return "the operator redeploys it without state (upgradeMode stateless)";
}
}  // namespace

ActionResult scale_job(const ActionContext& ctx, const JobRef& job, long long parallelism) {
  return journaled(ctx, job, "scale", [&] {
    if (!operator_manages(job)) {
      throw Error(ErrorKind::Unsupported,
                  fmt::format("{} is not managed by the Flink operator: flinktop rescales operator jobs (spec.job.parallelism) "
                              "only so far; stop it with a savepoint and submit it again with -p {}",
                              job_label(job), parallelism));
    }
    const ParallelismChange change = set_parallelism(resource_for(ctx, job), parallelism);
    const std::string before = change.before > 0 ? std::to_string(change.before) : "unset";
    return ActionResult{fmt::format("{}: parallelism {} → {}; {}", job_label(job), before, parallelism,
                                    redeploy_words(change.upgrade_mode)),
                        "", "", ""};
  });
}

}  // namespace flinktop::actions

namespace flinktop::actions {

ActionResult submit_job(const ActionContext& ctx, const model::Cluster& cluster, const SubmitRequest& request) {
  const std::string jar_name = std::filesystem::path(request.jar_path).filename().string();
  const JobRef target{cluster, "", jar_name};
  return journaled(ctx, target, "submit", [&] {
    if (cluster.kind == model::ClusterKind::OperatorApplication) {
      throw Error(ErrorKind::Usage, fmt::format("{}/{} is an application cluster: it runs only its own job; submit "
                                                "to a session cluster",
                                                cluster.namespace_, cluster.name));
    }
    if (!std::filesystem::is_regular_file(request.jar_path)) {
      throw Error(ErrorKind::NotFound, fmt::format("no jar file at {}", request.jar_path));
    }
    flink::Client& client = rest(ctx, target);
    if (ctx.progress) ctx.progress(fmt::format("uploading {}", jar_name));
    const std::string jar_id = client.upload_jar(request.jar_path, ctx.cancel);
    std::string job_id;
    try {
      if (ctx.progress) ctx.progress(fmt::format("running {}", jar_name));
      job_id = client.run_jar(jar_id, request.run, ctx.cancel);
    } catch (const Error&) {
      if (!request.keep_jar) delete_quietly(client, jar_id);
      throw;
    }
    if (!request.keep_jar) delete_quietly(client, jar_id);
    std::string message = fmt::format("submitted {} as job {}", jar_name, job_id);
    if (!request.run.savepoint_path.empty()) message += fmt::format(", restoring {}", request.run.savepoint_path);
    if (request.keep_jar) message += fmt::format(" (jar kept as {})", jar_id);
    return ActionResult{message, "", job_id, ""};
  });
}

}  // namespace flinktop::actions
