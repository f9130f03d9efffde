#include "cli/delete_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cluster_targets.hpp"
#include "cli/confirm.hpp"
#include "cli/job_listing.hpp"
#include "core/actions/deletion.hpp"
#include "core/actions/journal.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::cli {

namespace {

struct Deletion {
  const ClusterTarget* target = nullptr;
  actions::ObjectKey key;
  std::vector<std::string> running;  // "name (id)" of the jobs that stop with it
};

std::string job_words(const JobRow& row) {
  const std::string id = row.id.size() > 8 ? row.id.substr(0, 8) : row.id;
  return text::one_line(row.name.empty() ? row.id : fmt::format("{} ({})", row.name, id), 160);
}

// The selected cluster named `name`, if exactly one is; several → Error(Usage).
const ClusterTarget* named_cluster(const ClusterTargets& targets, const std::string& name) {
  std::vector<const ClusterTarget*> found;
  for (const ClusterTarget& t : targets.clusters) {
    if (cluster_matches(t.cluster, name)) found.push_back(&t);
  }
  if (found.size() > 1) {
    std::string names;
    for (const ClusterTarget* t : found) names += (names.empty() ? "" : ", ") + cluster_label(t->cluster);
    throw Error(ErrorKind::Usage, fmt::format("several clusters are named {}: {}; give NAMESPACE/NAME (or -n)",
                                              text::one_line(name, 120), text::one_line(names, 400)));
  }
  return found.empty() ? nullptr : found.front();
}

Deletion resolve(const ClusterTargets& targets, const std::string& name) {
  Deletion d;
  std::string refusal;
  if (const ClusterTarget* t = named_cluster(targets, name)) {
    d.target = t;
    d.key = actions::deletion_target(t->cluster, "", refusal);
    ClusterTargets only;  // its jobs only: no other cluster is asked
    only.clusters.push_back(*t);
    for (const JobRow& row : list_jobs(only).jobs) {
      if (!row.state.empty() && !flink::is_terminal_job_state(row.state)) d.running.push_back(job_words(row));
    }
  } else {
    const JobListing listing = list_jobs(targets);
    const JobRow* row = nullptr;
    try {
      row = &find_job(listing, targets, name);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::NotFound) throw;
      throw Error(ErrorKind::NotFound, fmt::format("no Flink cluster or job named {} ({})", text::one_line(name, 120), e.what()));
    }
    d.target = &targets.clusters[row->cluster];
    const model::Cluster& c = d.target->cluster;
    if (row->id.empty() && !row->resource.empty() && c.kind == model::ClusterKind::OperatorSession) {
      d.key = {c.context, "FlinkSessionJob", c.namespace_, row->resource};  // never ran: no job id yet
    } else if (row->id.empty() && c.kind == model::ClusterKind::OperatorApplication) {
      d.key = {c.context, "FlinkDeployment", c.namespace_, c.name};
    } else {
      d.key = actions::deletion_target(c, row->id, refusal);
    }
    if (!row->state.empty() && !flink::is_terminal_job_state(row->state)) d.running.push_back(job_words(*row));
  }
  if (d.key.kind.empty()) throw Error(ErrorKind::Unsupported, refusal);
  return d;
}

}  // namespace

CLI::App* add_delete_command(CLI::App& app, DeleteOptions& options) {
  CLI::App* command = app.add_subcommand(
      "delete", "Delete a Flink cluster (its FlinkDeployment, or a native cluster's JobManager Deployment) or an operator "
                "job (its FlinkSessionJob), after saying what goes with it");
  command->fallthrough();
  command->add_option("target", options.target, "A cluster (NAME or NAMESPACE/NAME) or a job (id, prefix, name)")
      ->required();
  command->add_flag("-y,--yes", options.yes, "Do not ask (needed without a terminal)");
  command->add_flag("--dry-run", options.dry_run, "Let the API server check the delete; nothing is deleted");
  return command;
}

int run_delete(const GlobalOptions& global, const DeleteOptions& options, std::ostream& out, std::ostream& err) {
  if (!global.flink.url.empty()) {
    throw Error(ErrorKind::Usage, "delete removes Kubernetes objects: it needs a kubeconfig context, not --flink-url");
  }
  if (global.readonly && !options.dry_run) {
    throw Error(ErrorKind::Usage, "refused: delete is a change and flinktop runs with --readonly");
  }
  const ClusterTargets targets = select_clusters(global, "", err);
  const Deletion d = resolve(targets, options.target);
  if (!d.target->kube) throw Error(ErrorKind::Unsupported, "no Kubernetes client for " + cluster_label(d.target->cluster));

  const std::string what = fmt::format("{} {}", d.key.kind, text::one_line(d.key.namespace_ + "/" + d.key.name, 300));
  if (options.dry_run) {
    actions::delete_object(*d.target->kube, d.key, /*dry_run=*/true);
    out << what << " deleted (server dry run)\n";
    return 0;
  }
  std::string change = fmt::format("Delete {} (context {}).", what, text::one_line(d.key.context, 120));
  for (const std::string& line : actions::deletion_consequences(d.key)) change += "\n  " + line;
  if (!d.running.empty()) {
    std::string jobs;
    for (const std::string& j : d.running) jobs += (jobs.empty() ? "" : ", ") + j;
    change += "\n  Running now: " + jobs + ".";
  }
  if (d.target->snapshot) {
    for (const std::string& line : actions::disposed_savepoints(*d.target->snapshot, d.key)) {
      change += "\n  Its FlinkStateSnapshot " + text::one_line(line, 400) + " goes with it and disposes of that savepoint.";
    }
  }
  confirm_change(confirmation_for(options.yes), "delete", change, std::cin, err);

  actions::Journal journal;
  try {
    actions::delete_object(*d.target->kube, d.key, /*dry_run=*/false);
  } catch (const Error& e) {
    actions::journal_change(&journal, d.key, "delete", false, e.what());
    throw;
  }
  const std::string journal_error = actions::journal_change(&journal, d.key, "delete", true, "");
  if (!journal_error.empty()) err << "flinktop: the journal was not written: " << journal_error << '\n';
  out << what << " deleted\n";
  return 0;
}

}  // namespace flinktop::cli
