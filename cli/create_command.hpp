// `flinktop create TEMPLATE --set KEY=VALUE … | -f FILE` and `flinktop templates [NAME]`: a new
// cluster or job from a shipped or user template (core/actions/templates), or from a manifest
// (several documents; - reads stdin), each object checked by the API server's dry run first and
// created in the order a cluster needs them (core/actions/create_objects). A native-cluster
// template prints the command of Flink's own client instead: flinktop never runs it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/global_options.hpp"

namespace CLI {
class App;
}

namespace flinktop::cli {

struct CreateOptions {
  std::string template_name;      // or
  std::string file;               // -f FILE ("-": stdin)
  std::vector<std::string> sets;  // --set KEY=VALUE
  std::string dry_run;            // "" (create), "client" (print only), "server" (the server checks, nothing stored)
  std::string output;             // "" (a line per object, as kubectl), yaml or json
};

struct TemplatesOptions {
  std::string name;  // "" = every template
};

CLI::App* add_create_command(CLI::App& app, CreateOptions& options);
CLI::App* add_templates_command(CLI::App& app, TemplatesOptions& options);

// The directories templates are read from (see actions::template_dirs).
std::vector<std::string> template_dirs();

int run_create(const GlobalOptions& global, const CreateOptions& options, std::ostream& out, std::ostream& err);
int run_templates(const TemplatesOptions& options, std::ostream& out);

}  // namespace flinktop::cli
