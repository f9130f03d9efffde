// The built-in demo from the command line: `--demo` / `--demo-scale N` start the simulated
// environment (demo/) inside this process and point every command at it through a temporary
// kubeconfig; `flinktop demo serve` keeps one running for other clients until SIGINT/SIGTERM.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <memory>

#include "cli/global_options.hpp"
#include "demo/environment.hpp"

namespace flinktop::cli {

struct DemoOptions {
  bool demo = false;  // --demo
  int scale = 0;      // --demo-scale N (implies --demo): N pods, N/5 jobs
  int port = 0;       // demo serve --port: the simulated API server's port (0 = any free one)
};

// Adds the global --demo and --demo-scale flags and the `demo serve` subcommand; returns `demo`.
CLI::App* add_demo_options(CLI::App& app, DemoOptions& options);

// With --demo or --demo-scale: starts the environment and points `global` at its kubeconfig (every
// namespace unless -n was given). Returns nullptr without them. The kubeconfig is removed when
// the environment is destroyed, and also when a signal ends the process.
std::unique_ptr<demo::Environment> start_demo(const DemoOptions& options, GlobalOptions& global);

// `flinktop demo serve`: prints the kubeconfig path and the Flink REST URLs, then runs until
// SIGINT or SIGTERM. Returns the exit code.
int run_demo_serve(const DemoOptions& options, std::ostream& out, std::ostream& err);

}  // namespace flinktop::cli
