// `flinktop get clusters|pods`: what the TUI will show, printed once for scripts and humans.
#pragma once

#include <ostream>
#include <string>

#include "cli/global_options.hpp"

namespace flinktop::cli {

struct GetOptions {
  std::string resource;         // clusters | pods (and their aliases)
  std::string output = "table"; // table | wide | json
  std::string cluster;          // pods of this cluster only ("name" or "namespace/name")
  bool no_headers = false;
};

// Prints to out, one line per problem to err; returns the process exit code.
int run_get(const GlobalOptions& global, const GetOptions& options, std::ostream& out, std::ostream& err);

}  // namespace flinktop::cli
