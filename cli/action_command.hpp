// The job actions as subcommands for scripts: savepoint, stop, cancel, suspend, resume, submit, and
// the lifecycle changes restart, scale and restore (these ask first: cli/confirm.hpp).
// Each finds its target (job by id, id prefix or name; cluster by --cluster when there are
// several), then goes through core/actions like the TUI does: the same routing (operator
// resource or REST), the same --readonly refusal, the same journal.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/global_options.hpp"

namespace flinktop::cli {

struct ActionOptions {
  std::string action;     // savepoint | stop | cancel | suspend | resume | restart | scale | restore | submit
  std::string target;     // JOB, or the JAR file for submit
  std::string cluster;    // --cluster
  std::string directory;  // --dir: savepoint target directory
  bool wait = false;      // savepoint --wait
  bool drain = false;     // stop --drain
  std::string format;     // savepoint/stop --format: canonical | native ("" = Flink's default)
  bool force = false;     // cancel --force: REST cancel of an operator-managed job
  std::string output = "text";  // text | json

  bool yes = false;       // restart/scale/restore --yes: no question

  // restore --from: a savepoint path, or "latest"
  std::string from;

  // submit; scale and restore take the jar to run again (--jar / --jar-id) with the same options
  std::string jar;
  std::string jar_id;
  std::string entry_class;
  std::optional<int> parallelism;
  std::string from_savepoint;
  bool allow_non_restored_state = false;
  bool keep_jar = false;
  std::vector<std::string> args;
};

// Prints the outcome (one line, or JSON) to out and progress to err; returns the exit code.
// Failures throw flinktop::Error (one line; the journal has them too).
int run_action(const GlobalOptions& global, const ActionOptions& options, std::ostream& out, std::ostream& err);

}  // namespace flinktop::cli
