// `flinktop port-forward TARGET [[LOCAL]:REMOTE] [--address A]`: forwards a local port to a Flink
// cluster's JobManager (following it when the pod is replaced), a Service's pod or a named pod,
// natively through the API server (core/kube/port_forward). Prints the URL as its first line, then one line
// on stderr per event (a failed connection and why, another pod serving); runs until Ctrl-C.
#pragma once

#include <ostream>
#include <string>

#include "cli/global_options.hpp"

namespace CLI {
class App;
}

namespace flinktop::cli {

struct PortForwardOptions {
  std::string target;  // cluster NAME or NAMESPACE/NAME, pod/NAME, svc/NAME
  std::string ports;   // "8081", "9000:8081", ":8081"; empty = a cluster's REST port
  std::string address = "127.0.0.1";
};

CLI::App* add_port_forward_command(CLI::App& app, PortForwardOptions& options);

// Returns the exit code (130/143 after SIGINT/SIGTERM). Throws Error for what stops it before the
// forward listens (usage, not found, port in use, config).
int run_port_forward(const GlobalOptions& global, const PortForwardOptions& options, std::ostream& out,
                     std::ostream& err);

}  // namespace flinktop::cli
