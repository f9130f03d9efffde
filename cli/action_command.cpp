#include "cli/action_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/cluster_targets.hpp"
#include "cli/confirm.hpp"
#include "cli/job_listing.hpp"
#include "cli/savepoint_records.hpp"
#include "core/actions/job_actions.hpp"
#include "core/actions/job_lifecycle.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::cli {

namespace {

using Json = nlohmann::ordered_json;

void print_result(const ActionOptions& options, const model::Cluster& cluster, const std::string& job_id,
                  const std::string& job_name, actions::Route route, const actions::ActionResult& result,
                  std::ostream& out) {
  if (options.output != "json") {
    out << result.message << '\n';
    return;
  }
  Json j;
  j["action"] = options.action;
  j["context"] = cluster.context.empty() ? Json() : Json(cluster.context);
  j["namespace"] = cluster.namespace_.empty() ? Json() : Json(cluster.namespace_);
  j["cluster"] = cluster.name;
  j["job"] = job_id.empty() ? Json() : Json(job_id);
  j["jobName"] = job_name.empty() ? Json() : Json(job_name);
  j["route"] = route == actions::Route::Operator ? "operator" : "rest";
  j["result"] = "succeeded";
  j["message"] = result.message;
  j["savepoint"] = result.savepoint.empty() ? Json() : Json(result.savepoint);
  if (!result.job_id.empty() && result.job_id != job_id) j["newJob"] = result.job_id;
  if (!result.note.empty()) j["note"] = result.note;
  out << j.dump(2) << '\n';
}

actions::ActionContext context_for(const GlobalOptions& global, const ClusterTarget& target,
                                   const std::shared_ptr<actions::Journal>& journal, std::ostream& err) {
  actions::ActionContext ctx;
  ctx.kube = target.kube;
  ctx.flink = target.flink;
  ctx.journal = journal.get();
  ctx.readonly = global.readonly;
  // Progress is for a person watching; a script reading stderr gets only errors.
  if (isatty(STDERR_FILENO)) ctx.progress = [&err](const std::string& line) { err << "flinktop: " << line << "...\n"; };
  return ctx;
}

// --format as Flink spells it.
std::string savepoint_format(const ActionOptions& options) {
  if (options.format.empty()) return "";
  if (options.format == "canonical") return "CANONICAL";
  if (options.format == "native") return "NATIVE";
  throw Error(ErrorKind::Usage, fmt::format("unknown savepoint format \"{}\": use canonical or native", options.format));
}

int submit(const GlobalOptions& global, const ActionOptions& options, const ClusterTargets& targets,
           const std::shared_ptr<actions::Journal>& journal, std::ostream& out, std::ostream& err) {
  const ClusterTarget& target = single_cluster(targets, "submit");
  actions::SubmitRequest request;
  request.jar_path = options.target;
  request.run.entry_class = options.entry_class;
  request.run.program_args = options.args;
  request.run.parallelism = options.parallelism;
  request.run.savepoint_path = options.from_savepoint;
  request.run.allow_non_restored_state = options.allow_non_restored_state;
  request.keep_jar = options.keep_jar;
  const actions::ActionResult result =
      actions::submit_job(context_for(global, target, journal, err), target.cluster, request);
  print_result(options, target.cluster, result.job_id, "", actions::Route::Rest, result, out);
  return 0;
}

// The jar scale and restore run again, with its class and arguments.
actions::SubmitRequest resubmit_request(const ActionOptions& options) {
  if (!options.jar.empty() && !options.jar_id.empty()) throw Error(ErrorKind::Usage, "give --jar or --jar-id, not both");
  actions::SubmitRequest request;
  request.jar_path = options.jar;
  request.jar_id = options.jar_id;
  request.run.entry_class = options.entry_class;
  request.run.program_args = options.args;
  request.keep_jar = options.keep_jar;
  return request;
}

std::string where(const model::Cluster& c) {
  std::string at = c.namespace_.empty() ? c.name : c.namespace_ + "/" + c.name;
  if (!c.context.empty()) at = c.context + ": " + at;
  return text::one_line(at, 200);
}

// The newest completed savepoint any source knows for the job.
std::string latest_savepoint(const ClusterTargets& targets, const JobListing& listing, const JobRow& row,
                             std::ostream& err) {
  for (const model::SavepointRecord& r : collect_savepoints(targets, listing, &row, err)) {
    if (!r.path.empty() && (r.state.empty() || r.state == "COMPLETED")) return r.path;
  }
  throw Error(ErrorKind::NotFound, fmt::format("no completed savepoint of {} is known (flinktop get savepoints --job "
                                               "{} lists what is); give --from PATH",
                                               text::one_line(row.name.empty() ? row.id : row.name, 120),
                                               text::one_line(row.id.empty() ? row.name : row.id, 120)));
}

actions::ActionResult lifecycle(const ActionOptions& options, const actions::ActionContext& ctx,
                                const actions::JobRef& job, const ClusterTargets& targets, const JobListing& listing,
                                const JobRow& row, std::ostream& err) {
  const Confirmation how = confirmation_for(options.yes);
  const std::string label = text::one_line(job.job_name.empty() ? job.job_id : job.job_name, 120);
  if (options.action == "restart") {
    // A job without the operator is refused (and journaled) by restart_job: nothing to ask.
    if (actions::operator_manages(job)) {
      confirm_change(how, options.action, fmt::format("Restart {} ({}): spec.restartNonce + 1; the operator restarts it per its upgradeMode.",
                                      label, where(job.cluster)),
                     std::cin, err);
    }
    return actions::restart_job(ctx, job);
  }
  if (options.action == "scale") {
    actions::ScaleRequest request;
    request.parallelism = options.parallelism.value_or(0);
    request.resubmit = resubmit_request(options);
    request.directory = options.directory;
    const actions::ScalePlan plan = actions::plan_scale(ctx, job);
    actions::check_scale(job, plan, request);
    confirm_change(how, options.action, fmt::format("Rescale {} ({}) to parallelism {}: {}.", label, where(job.cluster),
                                    request.parallelism, text::one_line(plan.why)),
                   std::cin, err);
    return actions::scale_job(ctx, job, request, plan);
  }
  // restore
  actions::RestoreRequest request;
  request.savepoint = options.from == "latest" ? latest_savepoint(targets, listing, row, err) : options.from;
  request.allow_non_restored_state = options.allow_non_restored_state;
  request.resubmit = resubmit_request(options);
  request.resubmit.run.parallelism = options.parallelism;
  const std::string how_text = actions::plan_restore(ctx, job, request);
  confirm_change(how, options.action, fmt::format("Restore {} ({}) from {}: {}.", label, where(job.cluster),
                                  text::one_line(request.savepoint, 400), how_text),
                 std::cin, err);
  return actions::restore_job(ctx, job, request);
}

// cancel, stop, suspend and resume end or pause what runs: said and asked first (--yes without a
// terminal), like the lifecycle verbs. What core/actions would refuse anyway is not asked about.
void ask_first(const ActionOptions& options, const actions::JobRef& job, std::ostream& err) {
  const bool by_operator = actions::operator_manages(job);
  const std::string label = text::one_line(job.job_name.empty() ? job.job_id : job.job_name, 120);
  std::string change;
  if (options.action == "cancel") {
    if (by_operator && !options.force) return;
    change = fmt::format("Cancel {} ({}) without a savepoint: its state is lost unless a savepoint or retained "
                         "checkpoint exists.",
                         label, where(job.cluster));
  } else if (options.action == "stop") {
    change = by_operator ? fmt::format("Stop {} ({}): the operator suspends it (spec.job.state: suspended) with a "
                                       "savepoint.",
                                       label, where(job.cluster))
                         : fmt::format("Stop {} ({}) with a savepoint{}.", label, where(job.cluster),
                                       options.drain ? ", draining it first (MAX_WATERMARK)" : "");
  } else if (options.action == "suspend" || options.action == "resume") {
    if (!by_operator) return;
    change = fmt::format("{} {} ({}): spec.job.state: {}.", options.action == "suspend" ? "Suspend" : "Resume", label,
                         where(job.cluster), options.action == "suspend" ? "suspended" : "running");
  } else {
    return;
  }
  confirm_change(confirmation_for(options.yes), options.action, change, std::cin, err);
}

}  // namespace

int run_action(const GlobalOptions& global, const ActionOptions& options, std::ostream& out, std::ostream& err) {
  if (options.output != "text" && options.output != "json") {
    throw Error(ErrorKind::Usage, fmt::format("unknown output format \"{}\": use text or json", options.output));
  }
  if (options.parallelism && *options.parallelism < 1) throw Error(ErrorKind::Usage, "--parallelism must be at least 1");
  // Before any network call: a refused action must not depend on a reachable cluster.
  if (global.readonly) {
    throw Error(ErrorKind::Usage, fmt::format("refused: {} changes a job and flinktop runs with --readonly", options.action));
  }
  const ClusterTargets targets = select_clusters(global, options.cluster, err);
  auto journal = std::make_shared<actions::Journal>();
  if (options.action == "submit") return submit(global, options, targets, journal, out, err);

  const JobListing listing = list_jobs(targets);
  const JobRow& row = find_job(listing, targets, options.target);
  const ClusterTarget& target = targets.clusters[row.cluster];
  const actions::JobRef job{target.cluster, row.id, row.name};
  const actions::ActionContext ctx = context_for(global, target, journal, err);

  ask_first(options, job, err);
  actions::ActionResult result;
  if (options.action == "savepoint") {
    result = actions::savepoint_job(ctx, job, options.directory, options.wait, savepoint_format(options));
  } else if (options.action == "stop") {
    result = actions::stop_job(ctx, job, options.directory, options.drain, savepoint_format(options));
  } else if (options.action == "cancel") {
    result = actions::cancel_job(ctx, job, options.force);
  } else if (options.action == "suspend") {
    result = actions::suspend_job(ctx, job);
  } else if (options.action == "resume") {
    result = actions::resume_job(ctx, job);
  } else if (options.action == "restart" || options.action == "scale" || options.action == "restore") {
    result = lifecycle(options, ctx, job, targets, listing, row, err);
  } else {
    throw Error(ErrorKind::Usage, fmt::format("unknown action \"{}\"", options.action));
  }
  // The note is for the record (the journal has it too), not the one line a script reads.
  if (!result.note.empty() && options.output != "json") err << "flinktop: note: " << result.note << '\n';
  print_result(options, target.cluster, row.id, row.name, actions::route_for(job, options.action), result, out);
  return 0;
}

}  // namespace flinktop::cli
