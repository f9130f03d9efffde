// `flinktop logs TARGET [-f] [--tail N] [--since 10m] [--grep RE] [--all-taskmanagers] [--previous]
// [-c CONTAINER] [--timestamps] [-o raw|json]`: the logs of a pod, a cluster, a job's TaskManagers
// or a TaskManager, merged in arrival order (see log_targets.hpp for TARGET). Kubernetes pod logs
// when they may be read; the Flink REST log files with --flink-url or when pods/log is forbidden,
// saying so on stderr. Ctrl-C, SIGTERM and a closed pipe end it cleanly.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/global_options.hpp"

namespace CLI {
class App;
}

namespace flinktop::cli {

struct LogsOptions {
  std::string target;
  std::string cluster;     // --cluster
  bool follow = false;     // -f
  std::int64_t tail = -1;  // --tail N; -1 = all
  std::string since;       // --since 10m
  std::string grep;        // --grep RE (RE2; "!" in front inverts)
  bool all_taskmanagers = false;
  bool previous = false;
  std::string container = "flink-main-container";  // -c
  bool timestamps = false;
  std::string output = "raw";  // raw | json
};

// Adds the `logs` subcommand to `app`, filling `options`.
CLI::App* add_logs_command(CLI::App& app, LogsOptions& options);

// Prints the log to out and notes/problems to err; returns the exit code (128 + signal after
// SIGINT/SIGTERM). Throws Error for what stops it before any line (usage, not found, config).
int run_logs(const GlobalOptions& global, const LogsOptions& options, std::ostream& out, std::ostream& err);

// "90s", "10m", "1h30m", "2h", "1d" → seconds. Throws Error(Usage) for anything else.
std::int64_t parse_since(std::string_view text);

}  // namespace flinktop::cli
