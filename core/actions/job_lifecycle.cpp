#include "core/actions/job_lifecycle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/actions/job_route.hpp"
#include "core/flink/types/job.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::actions {

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

std::string operator_redeploy_words(const std::string& upgrade_mode) {
  if (upgrade_mode == "savepoint") return "the operator takes a savepoint, then redeploys from it";
  if (upgrade_mode == "last-state") return "the operator redeploys from the last checkpoint";
  return "the operator redeploys it without state (upgradeMode stateless)";
}

namespace {

using Clock = std::chrono::steady_clock;

// The value of `key` in the JobManager's configuration, lower-cased ("" when unset).
std::string config_value(const flink::ConfigurationEntries& config, std::string_view key) {
  for (const auto& [k, v] : config) {
    if (k == key) return text::ascii_lower(v);
  }
  return "";
}

// "2", or "1–4" when the vertices differ.
std::string parallelism_text(const flink::JobDetails& details) {
  std::int64_t low = 0, high = 0;
  for (const flink::Vertex& v : details.vertices) {
    low = low == 0 ? v.parallelism : std::min(low, v.parallelism);
    high = std::max(high, v.parallelism);
  }
  return low == high ? std::to_string(high) : fmt::format("{}–{}", low, high);
}

// Every vertex runs at the asked parallelism (or at its max parallelism, where that is lower).
bool rescaled(const flink::JobDetails& details, long long parallelism) {
  return !details.vertices.empty() &&
         std::all_of(details.vertices.begin(), details.vertices.end(), [&](const flink::Vertex& v) {
           const long long target = v.max_parallelism > 0 ? std::min<long long>(parallelism, v.max_parallelism) : parallelism;
           return v.parallelism == target;
         });
}

ActionResult scale_adaptive(const ActionContext& ctx, const JobRef& job, const ScaleRequest& request) {
  flink::Client& client = rest(ctx, job);
  const std::string before = parallelism_text(client.job(job.job_id, ctx.cancel));
  const flink::ResourceRequirements current = client.resource_requirements(job.job_id, ctx.cancel);
  if (current.empty()) {
    throw Error(ErrorKind::Server, fmt::format("Flink named no vertices in the resource requirements of {}", job_label(job)));
  }
  client.set_resource_requirements(job.job_id, flink::with_parallelism(current, request.parallelism), ctx.cancel);
  const auto deadline = Clock::now() + request.follow;
  std::string seen;
  for (;;) {
    const flink::JobDetails details = client.job(job.job_id, ctx.cancel);
    if (flink::is_terminal_job_state(details.state)) {
      throw Error(ErrorKind::Server, fmt::format("{} ended ({}) while Flink rescaled it to {}", job_label(job),
                                                 details.state, request.parallelism));
    }
    const std::string now = parallelism_text(details);
    if (details.state == "RUNNING" && rescaled(details, request.parallelism)) {
      return ActionResult{fmt::format("{}: parallelism {} → {}, rescaled in place by Flink's adaptive scheduler "
                                      "(same job, state from its last checkpoint)",
                                      job_label(job), before, now),
                          "", "", ""};
    }
    if (Clock::now() >= deadline) {
      const flink::ClusterOverview overview = client.overview(ctx.cancel);
      return ActionResult{
          fmt::format("{}: parallelism {} requested; after {} s it runs at {} ({}, {} free slots): Flink's adaptive "
                      "scheduler rescales once its cooldown has passed and the slots are there",
                      job_label(job), request.parallelism,
                      std::chrono::duration_cast<std::chrono::seconds>(request.follow).count(), now, details.state,
                      overview.slots_available),
          "", "", ""};
    }
    if (ctx.progress && now + details.state != seen) {
      ctx.progress(fmt::format("{}: rescaling {} → {} ({} at {}; Flink waits out its cooldown first)", job_label(job),
                               before, request.parallelism, details.state, now));
      seen = now + details.state;
    }
    if (!http::sleep_unless_cancelled(std::chrono::seconds(1), ctx.cancel)) throw Error(ErrorKind::Cancelled, "rescale: cancelled while following it");
  }
}

// Uploaded for a resubmission before anything stops (a jar Flink refuses must not leave the job
// stopped), and deleted once it ran unless kept.
struct StagedJar {
  std::string id;
  bool remove = false;
};

StagedJar stage_jar(const ActionContext& ctx, const JobRef& job, const SubmitRequest& resubmit) {
  if (!resubmit.jar_id.empty()) return {resubmit.jar_id, false};
  if (!std::filesystem::is_regular_file(resubmit.jar_path)) {
    throw Error(ErrorKind::NotFound, fmt::format("no jar file at {}", resubmit.jar_path));
  }
  if (ctx.progress) ctx.progress(fmt::format("uploading {}", std::filesystem::path(resubmit.jar_path).filename().string()));
  return {rest(ctx, job).upload_jar(resubmit.jar_path, ctx.cancel), !resubmit.keep_jar};
}

void unstage(const ActionContext& ctx, const JobRef& job, const StagedJar& jar) {
  if (!jar.remove) return;
  try {
    rest(ctx, job).delete_jar(jar.id);
  } catch (const Error&) {
    // Clutter on the cluster, not a failed action.
  }
}

ActionResult scale_by_resubmit(const ActionContext& ctx, const JobRef& job, const ScaleRequest& request) {
  const StagedJar jar = stage_jar(ctx, job, request.resubmit);
  ActionResult stopped;
  try {
    stopped = stop_job(ctx, job, request.directory, /*drain=*/false);
  } catch (const Error&) {
    unstage(ctx, job, jar);
    throw;
  }
  SubmitRequest again = request.resubmit;
  again.jar_id = jar.id;
  again.run.parallelism = static_cast<int>(request.parallelism);
  again.run.savepoint_path = stopped.savepoint;
  ActionResult submitted;
  try {
    submitted = submit_job(ctx, job.cluster, again);
  } catch (const Error& e) {
    unstage(ctx, job, jar);
    throw Error(e.kind(), fmt::format("{} stopped with its savepoint at {}, but running it again failed: {}; run it "
                                      "with: flinktop submit JAR -p {} --from-savepoint {}",
                                      job_label(job), stopped.savepoint, e.what(), request.parallelism,
                                      stopped.savepoint));
  }
  unstage(ctx, job, jar);
  return ActionResult{fmt::format("{}: stopped with a savepoint at {}, then submitted again as job {} with "
                                  "parallelism {}",
                                  job_label(job), stopped.savepoint, submitted.job_id, request.parallelism),
                      stopped.savepoint, submitted.job_id, ""};
}

}  // namespace

ScalePlan plan_scale(const JobRef& job, const ScaleFacts& facts) {
  if (operator_manages(job)) {
    const auto& op = job.cluster.operator_status;
    return {ScaleRoute::Operator,
            fmt::format("the operator sets spec.job.parallelism; {}",
                        operator_redeploy_words(op && !op->upgrade_mode.empty() ? op->upgrade_mode : ""))};
  }
  if (config_value(facts.config, "scheduler-mode") == "reactive") {
    return {ScaleRoute::Refused, fmt::format("{} runs in reactive mode: its parallelism follows the TaskManagers; "
                                             "scale their Deployment instead",
                                             job_label(job))};
  }
  const bool has_endpoint = !facts.version || facts.version->at_least(1, 18);
  if (config_value(facts.config, "jobmanager.scheduler") == "adaptive" && has_endpoint) {
    return {ScaleRoute::Adaptive, "Flink rescales the running job in place (jobmanager.scheduler: adaptive)"};
  }
  if (!facts.web_submit) {
    return {ScaleRoute::Refused,
            fmt::format("{}/{} accepts no jar submissions (an application cluster, or web.submit.enable: false), so a "
                        "stopped job could not be run again; with jobmanager.scheduler: adaptive (Flink 1.18+) it "
                        "would rescale in place",
                        job.cluster.namespace_, job.cluster.name)};
  }
  return {ScaleRoute::Resubmit, "Flink's default scheduler rescales only by a restart: stop with a savepoint, "
                                "then run the jar again from it"};
}

ScalePlan plan_scale(const ActionContext& ctx, const JobRef& job) {
  if (operator_manages(job)) return plan_scale(job, ScaleFacts{});
  flink::Client& client = rest(ctx, job);
  ScaleFacts facts;
  facts.config = client.jobmanager_config(ctx.cancel);
  facts.version = client.version(ctx.cancel);
  facts.web_submit = client.config(ctx.cancel).features.web_submit;
  return plan_scale(job, facts);
}

void check_scale(const JobRef& job, const ScalePlan& plan, const ScaleRequest& request) {
  if (request.parallelism < 1) {
    throw Error(ErrorKind::Usage, fmt::format("parallelism must be 1 or more, not {}", request.parallelism));
  }
  if (plan.route == ScaleRoute::Refused) throw Error(ErrorKind::Unsupported, plan.why);
  if (plan.route == ScaleRoute::Resubmit && !request.resubmit.has_jar()) {
    throw Error(ErrorKind::Usage,
                fmt::format("{} runs on Flink's default scheduler, which rescales only by a restart: give its jar "
                            "(--jar FILE or --jar-id ID) to stop it with a savepoint and run it again with "
                            "parallelism {} from there, or run the cluster with jobmanager.scheduler: adaptive",
                            job_label(job), request.parallelism));
  }
}

ActionResult scale_job(const ActionContext& ctx, const JobRef& job, const ScaleRequest& request,
                       const std::optional<ScalePlan>& given_plan) {
  return journaled(ctx, job, "scale", [&] {
    const ScalePlan plan = given_plan ? *given_plan : plan_scale(ctx, job);
    check_scale(job, plan, request);
    switch (plan.route) {
      case ScaleRoute::Operator: {
        const ParallelismChange change = set_parallelism(resource_for(ctx, job), request.parallelism);
        const std::string before = change.before > 0 ? std::to_string(change.before) : "unset";
        return ActionResult{fmt::format("{}: parallelism {} → {}; {}", job_label(job), before, request.parallelism,
                                        operator_redeploy_words(change.upgrade_mode)),
                            "", "", ""};
      }
      case ScaleRoute::Adaptive: return scale_adaptive(ctx, job, request);
      case ScaleRoute::Resubmit: return scale_by_resubmit(ctx, job, request);
      case ScaleRoute::Refused: break;
    }
    throw Error(ErrorKind::Unsupported, plan.why);  // check_scale refused it already
  });
}

std::string plan_restore(const ActionContext& ctx, const JobRef& job, const RestoreRequest& request) {
  if (request.savepoint.empty()) throw Error(ErrorKind::Usage, "restore: no savepoint path given");
  if (operator_manages(job)) {
    return "spec.job.initialSavepointPath and savepointRedeployNonce + 1: the operator redeploys the job from it";
  }
  if (!request.resubmit.has_jar()) {
    throw Error(ErrorKind::Usage, fmt::format("restoring {} means running its jar from the savepoint: give the jar "
                                              "(--jar FILE or --jar-id ID)",
                                              job_label(job)));
  }
  if (!job.job_id.empty()) {
    // GET /jobs asks the dispatcher; /jobs/:id may answer from a cache (web.refresh-interval) that
    // still says RUNNING for a moment after a stop.
    std::string state;
    for (const flink::JobIdAndStatus& listed : rest(ctx, job).job_list(ctx.cancel)) {
      if (listed.id == job.job_id) state = listed.status;
    }
    if (!state.empty() && !flink::is_terminal_job_state(state)) {
      throw Error(ErrorKind::Usage, fmt::format("{} is {}: stop it first (flinktop stop writes a savepoint); two "
                                                "jobs would write to the same sinks",
                                                job_label(job), state));
    }
  }
  return "its jar runs again as a new job, from that savepoint";
}

ActionResult restore_job(const ActionContext& ctx, const JobRef& job, const RestoreRequest& request) {
  return journaled(ctx, job, "restore", [&] {
    plan_restore(ctx, job, request);
    if (operator_manages(job)) {
      const long long nonce =
          redeploy_from_savepoint(resource_for(ctx, job), request.savepoint, request.allow_non_restored_state);
      return ActionResult{fmt::format("{}: redeploying from {} (savepointRedeployNonce {}); the operator restarts "
                                      "the job from that savepoint",
                                      job_label(job), request.savepoint, nonce),
                          "", "", ""};
    }
    SubmitRequest again = request.resubmit;
    again.run.savepoint_path = request.savepoint;
    again.run.allow_non_restored_state = request.allow_non_restored_state;
    const ActionResult submitted = submit_job(ctx, job.cluster, again);
    return ActionResult{fmt::format("{}: restored from {} as job {}", job_label(job), request.savepoint, submitted.job_id),
                        "", submitted.job_id, ""};
  });
}

}  // namespace flinktop::actions
