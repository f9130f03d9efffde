#include "cli/action_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/cluster_targets.hpp"
#include "cli/job_listing.hpp"
#include "core/actions/job_actions.hpp"

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
  } else if (options.action == "restart") {
    result = actions::restart_job(ctx, job);
  } else if (options.action == "scale") {
    result = actions::scale_job(ctx, job, options.parallelism.value_or(0));
  } else {
    throw Error(ErrorKind::Usage, fmt::format("unknown action \"{}\"", options.action));
  }
  // The note is for the record (the journal has it too), not the one line a script reads.
  if (!result.note.empty() && options.output != "json") err << "flinktop: note: " << result.note << '\n';
  print_result(options, target.cluster, row.id, row.name, actions::route_for(job, options.action), result, out);
  return 0;
}

}  // namespace flinktop::cli
