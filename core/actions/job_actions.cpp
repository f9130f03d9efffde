#include "core/actions/job_actions.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "core/actions/job_route.hpp"
#include "core/actions/operator_actions.hpp"
#include "core/error.hpp"

namespace flinktop::actions {

namespace {

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

ActionResult submit_job(const ActionContext& ctx, const model::Cluster& cluster, const SubmitRequest& request) {
  const std::string jar_name =
      request.jar_id.empty() ? std::filesystem::path(request.jar_path).filename().string() : request.jar_id;
  const JobRef target{cluster, "", jar_name};
  return journaled(ctx, target, "submit", [&] {
    if (cluster.kind == model::ClusterKind::OperatorApplication) {
      throw Error(ErrorKind::Usage, fmt::format("{}/{} is an application cluster: it runs only its own job; submit "
                                                "to a session cluster",
                                                cluster.namespace_, cluster.name));
    }
    const bool upload = request.jar_id.empty();
    if (upload && !std::filesystem::is_regular_file(request.jar_path)) {
      throw Error(ErrorKind::NotFound, fmt::format("no jar file at {}", request.jar_path));
    }
    flink::Client& client = rest(ctx, target);
    if (upload && ctx.progress) ctx.progress(fmt::format("uploading {}", jar_name));
    const std::string jar_id = upload ? client.upload_jar(request.jar_path, ctx.cancel) : request.jar_id;
    const bool remove = upload && !request.keep_jar;
    std::string job_id;
    try {
      if (ctx.progress) ctx.progress(fmt::format("running {}", jar_name));
      job_id = client.run_jar(jar_id, request.run, ctx.cancel);
    } catch (const Error&) {
      if (remove) delete_quietly(client, jar_id);
      throw;
    }
    if (remove) delete_quietly(client, jar_id);
    std::string message = fmt::format("submitted {} as job {}", jar_name, job_id);
    if (request.run.parallelism) message += fmt::format(" with parallelism {}", *request.run.parallelism);
    if (!request.run.savepoint_path.empty()) message += fmt::format(", restoring {}", request.run.savepoint_path);
    if (upload && request.keep_jar) message += fmt::format(" (jar kept as {})", jar_id);
    return ActionResult{message, "", job_id, ""};
  });
}

}  // namespace flinktop::actions
