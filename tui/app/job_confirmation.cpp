#include "tui/app/job_confirmation.hpp"

#include <fmt/format.h>

#include "core/flink/version.hpp"

namespace flinktop::tui {

std::string action_label(const JobActionRequest& request) {
  return fmt::format("{} {}", request.verb, request.job.job_name);
}

namespace {

// The directory field and the line that says what leaving it alone means.
void directory_field(DialogContent& content, const actions::SavepointDirDefault& directory) {
  content.field_label = "Directory:";
  content.field_value = directory.directory;
  if (directory.directory.empty()) {
    content.body.push_back("No savepoint directory is configured that flinktop can see: left empty, Flink uses "
                           "its own default (execution.checkpointing.savepoint-dir) or refuses when none is set.");
  } else {
    content.body.push_back(fmt::format("Default directory from {}. Empty: Flink's own default.", directory.source));
  }
}

// Before Flink 1.15 a REST trigger carries no trigger id, so it cannot be retried safely.
void retry_warning(DialogContent& content, const model::Cluster& cluster, std::string_view risk) {
  const std::optional<flink::FlinkVersion> version = flink::parse_flink_version(cluster.flink_version);
  if (!version || version->at_least(1, 15)) return;
  content.body.push_back(
      fmt::format("Flink {} takes no trigger id: if the answer is lost, asking again {}.", cluster.flink_version, risk));
}

bool rescale_dialog(const actions::JobRef& job, const LifecycleFacts& facts, DialogContent& content,
                    std::string& refusal) {
  const std::string name = job.job_name.empty() ? job.job_id : job.job_name;
  if (facts.scale && facts.scale->route == actions::ScaleRoute::Refused) {
    refusal = facts.scale->why;
    return false;
  }
  if (facts.scale && facts.scale->route == actions::ScaleRoute::Resubmit) {
    refusal = fmt::format("{} runs on Flink's default scheduler: rescaling it is a stop with a savepoint and its jar "
                          "run again — flinktop scale {} -p N --jar FILE (or run the cluster with "
                          "jobmanager.scheduler: adaptive)",
                          name, job.job_id.empty() ? name : job.job_id);
    return false;
  }
  content.title = "Rescale job";
  if (actions::operator_manages(job)) {
    const auto& op = job.cluster.operator_status;
    content.body.push_back(fmt::format("Sets spec.job.parallelism to the number below (now {}); {}.",
                                       facts.parallelism > 0 ? std::to_string(facts.parallelism) : "unknown",
                                       actions::operator_redeploy_words(op ? op->upgrade_mode : "")));
  } else if (facts.scale) {
    content.body.push_back(fmt::format("PUT /jobs/{}/resource-requirements: every vertex's upper bound becomes the "
                                       "number below. Flink rescales the running job in place once its cooldown has "
                                       "passed (same job, state from its last checkpoint).",
                                       job.job_id));
  } else {
    content.body.push_back("On Flink's adaptive scheduler the job is rescaled in place (its resource requirements). "
                           "flinktop reads the JobManager's configuration first and changes nothing on the default "
                           "scheduler.");
  }
  content.field_label = "Parallelism:";
  content.field_value = facts.parallelism > 0 ? std::to_string(facts.parallelism) : "";
  return true;
}

bool restore_dialog(const actions::JobRef& job, const LifecycleFacts& facts, DialogContent& content,
                    std::string& refusal) {
  const model::SavepointRecord* picked = facts.savepoint;
  if (!picked) {
    refusal = "pick the savepoint to restore from: r in the job view's savepoints tab";
    return false;
  }
  if (picked->path.empty() || (!picked->state.empty() && picked->state != "COMPLETED")) {
    refusal = fmt::format("this savepoint is {}{}: pick a completed one", picked->state.empty() ? "unfinished" : picked->state,
                          picked->path.empty() ? " and has no path" : "");
    return false;
  }
  content.title = "Restore from savepoint";
  std::string sources;
  for (const std::string& s : picked->sources) sources += (sources.empty() ? "" : ", ") + s;
  content.body.push_back(fmt::format("From {} (known to {}).", picked->path, sources.empty() ? "?" : sources));
  if (actions::operator_manages(job)) {
    content.body.push_back("Sets spec.job.initialSavepointPath to it and savepointRedeployNonce + 1: the operator "
                           "redeploys the job from that savepoint, whatever its upgradeMode (operator 1.8+).");
    return true;
  }
  content.body.push_back("Runs the job's jar again as a new job from that savepoint; the job must have ended (S stops "
                         "it with a savepoint first). The jar file to run:");
  content.field_label = "Jar file:";
  return true;
}

}  // namespace

JobConfirmation confirm_job_action(Action action, const std::optional<actions::JobRef>& job,
                                   const actions::SavepointDirDefault& directory, const LifecycleFacts& facts) {
  JobConfirmation out;
  if (!job) {
    out.refusal = "select a job first (Enter on a cluster lists its jobs)";
    return out;
  }
  const model::Cluster& c = job->cluster;
  const bool operator_managed = actions::operator_manages(*job);
  const bool suspended = actions::operator_suspended(*job);
  DialogContent content;
  content.target = fmt::format("context {} · {}/{} · job {} ({})", c.context, c.namespace_, c.name, job->job_name,
                               job->job_id.empty() ? "no id yet" : job->job_id);
  switch (action) {
    case Action::Cancel:
      out.verb = "cancel";
      content.title = "Cancel job";
      content.body.push_back("Cancel this job? Its state is lost unless a savepoint or retained checkpoint exists.");
      if (operator_managed) {
        content.body.push_back("WARNING: the Flink operator manages this job and will fight a REST cancel "
                               "(it may restart it). Prefer suspend (u).");
      }
      break;
    case Action::Savepoint:
      out.verb = "savepoint";
      content.title = "Trigger savepoint";
      content.body.push_back(operator_managed ? "The operator takes it (FlinkStateSnapshot)."
                                              : "Through the JobManager's REST API; the job keeps running.");
      if (!operator_managed) retry_warning(content, c, "may take a second savepoint");
      directory_field(content, directory);
      break;
    case Action::StopWithSavepoint:
      out.verb = "stop";
      content.title = "Stop with savepoint";
      content.body.push_back(operator_managed ? "Suspends the job through the operator (savepoint upgrade mode)."
                                              : "Takes a savepoint, then stops the job.");
      if (!operator_managed) retry_warning(content, c, "may start a second stop with its own savepoint");
      if (!operator_managed) directory_field(content, directory);
      break;
    case Action::SuspendResume:
      if (!operator_managed) {
        out.refusal = "suspend/resume works on operator-managed jobs; use S (stop with savepoint)";
        return out;
      }
      out.verb = suspended ? "resume" : "suspend";
      content.title = suspended ? "Resume job" : "Suspend job";
      content.body.push_back(suspended ? "Sets spec.job.state: running." : "Sets spec.job.state: suspended.");
      break;
    case Action::Rescale:
      if (!rescale_dialog(*job, facts, content, out.refusal)) return out;
      out.verb = "scale";
      break;
    case Action::Restart: {
      if (!operator_managed) {
        out.refusal = "restart is the operator's (spec.restartNonce): a job Flink runs without it is stopped with a "
                      "savepoint (S) and submitted again";
        return out;
      }
      out.verb = "restart";
      content.title = "Restart job";
      const auto& op = c.operator_status;
      content.body.push_back("Sets spec.restartNonce + 1: the operator restarts the job; " +
                             actions::operator_redeploy_words(op ? op->upgrade_mode : "") + ".");
      break;
    }
    case Action::Restore:
      if (!restore_dialog(*job, facts, content, out.refusal)) return out;
      out.verb = "restore";
      break;
    default:
      out.refusal = "not a job action";
      return out;
  }
  content.yes = out.verb;
  out.dialog = std::move(content);
  return out;
}

}  // namespace flinktop::tui
