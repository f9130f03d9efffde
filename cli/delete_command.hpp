// `flinktop delete CLUSTER|JOB`: the Kubernetes object that stands for a Flink cluster or an
// operator job (core/actions/deletion.hpp), deleted after saying what goes with it — the jobs
// running there, savepoints that FlinkStateSnapshots dispose of — and asking (--yes without a
// terminal), or checked by the API server only with --dry-run. Journaled like the TUI's ctrl-d.
#pragma once

#include <ostream>
#include <string>

#include "cli/global_options.hpp"

namespace CLI {
class App;
}

namespace flinktop::cli {

struct DeleteOptions {
  std::string target;  // a cluster (NAME, NAMESPACE/NAME) or a job (id, prefix, name, resource)
  bool yes = false;
  bool dry_run = false;
};

CLI::App* add_delete_command(CLI::App& app, DeleteOptions& options);
int run_delete(const GlobalOptions& global, const DeleteOptions& options, std::ostream& out, std::ostream& err);

}  // namespace flinktop::cli
