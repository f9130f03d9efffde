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

}  // namespace

JobConfirmation confirm_job_action(Action action, const std::optional<actions::JobRef>& job,
                                   const actions::SavepointDirDefault& directory) {
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
    default:
      out.refusal = "not a job action";
      return out;
  }
  content.yes = out.verb;
  out.dialog = std::move(content);
  return out;
}

}  // namespace flinktop::tui
