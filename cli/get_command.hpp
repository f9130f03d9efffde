// `flinktop get clusters|pods|jobs|taskmanagers|savepoints`: what the TUI will show, printed once for scripts and humans.
#pragma once

#include <ostream>
#include <string>

#include "cli/global_options.hpp"

namespace flinktop::cli {

struct GetOptions {
  std::string resource;         // clusters | pods | jobs | taskmanagers | savepoints (and aliases)
  std::string output = "table"; // table | wide | json
  std::string cluster;          // only this cluster ("name" or "namespace/name")
  std::string job;              // savepoints of this job only (id, id prefix or name)
  bool no_headers = false;
};

// Prints to out, one line per problem to err; returns the process exit code.
int run_get(const GlobalOptions& global, const GetOptions& options, std::ostream& out, std::ostream& err);

// The resources read from Flink's REST API (jobs, taskmanagers, savepoints): get_flink_command.cpp.
int run_get_flink(const GlobalOptions& global, const GetOptions& options, std::ostream& out, std::ostream& err);

// `get clusters` with --flink-url: the one cluster as its /overview describes it (get_flink_url_cluster.cpp).
int get_flink_url_cluster(const GlobalOptions& global, const GetOptions& options, std::ostream& out,
                          std::ostream& err);

}  // namespace flinktop::cli
