// flinktop's entry point: parses flags (CLI11), runs a subcommand or the terminal UI, and turns
// every failure into one line on stderr and a documented exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "cli/get_command.hpp"
#include "cli/global_options.hpp"
#include "cli/kube_targets.hpp"
#include "core/actions/journal.hpp"
#include "core/error.hpp"
#include "flinktop/version.hpp"
#include "tui/app/app.hpp"
#include "tui/screen/theme.hpp"

namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success\n"
    "  1  failure reported by a server, malformed data, or an internal error\n"
    "  2  usage: unknown flag, subcommand, resource or output format\n"
    "  3  configuration: kubeconfig missing, unreadable or malformed; unknown context\n"
    "  4  connection: server unreachable, TLS failure, timeout\n"
    "  5  authentication or authorization: 401, 403 (partial results are still printed)\n"
    "  6  not found\n"
    "\n"
    "See man flinktop(1) for details and the JSON output format.";

void add_global_options(CLI::App& app, flinktop::cli::GlobalOptions& global) {
  app.add_option("--kubeconfig", global.kubeconfig, "Path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config)");
  app.add_option("--context", global.contexts, "Kubeconfig context(s) to use; repeat or separate with commas")
      ->delimiter(',');
  app.add_flag("--all-contexts", global.all_contexts, "Use every context in the kubeconfig");
  app.add_option("-n,--namespace", global.namespace_, "Namespace (default: the context's namespace)");
  app.add_flag("-A,--all-namespaces", global.all_namespaces, "All namespaces");
  app.add_flag("--readonly", global.readonly, "Refuse every action that changes a cluster or a job");
}

// No subcommand: the terminal UI on every requested context.
int run_tui(const flinktop::cli::GlobalOptions& global, const std::string& theme_name) {
  flinktop::tui::AppOptions options;
  for (flinktop::cli::KubeTarget& target : flinktop::cli::resolve_targets(global)) {
    options.targets.push_back({std::make_shared<flinktop::kube::ApiClient>(std::move(target.config)), target.namespace_});
  }
  options.readonly = global.readonly;
  flinktop::tui::ThemeLoad theme = flinktop::tui::load_theme(theme_name);
  if (!theme.warning.empty()) std::cerr << "flinktop: " << theme.warning << '\n';
  options.theme = std::move(theme.theme);
  try {
    return flinktop::tui::run_app(std::move(options), std::make_shared<flinktop::actions::Journal>());
  } catch (const flinktop::Error&) {
    throw;
  } catch (const std::runtime_error& e) {
    // The terminal could not be used (no tty, unknown TERM): nothing was drawn.
    throw flinktop::Error(flinktop::ErrorKind::Usage,
                          std::string(e.what()) + " (for scripts use a subcommand: flinktop get clusters)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using flinktop::cli::GetOptions;
  using flinktop::cli::GlobalOptions;

  CLI::App app{"flinktop — a terminal UI and CLI for Apache Flink clusters on Kubernetes", "flinktop"};
  app.set_version_flag("--version", fmt::format("flinktop {}", flinktop::kVersion));
  app.footer(kExitCodes);
  app.require_subcommand(0, 1);

  GlobalOptions global;
  add_global_options(app, global);
  std::string theme_name;
  app.add_option("--theme", theme_name,
                 "Skin for the terminal UI: a name from ~/.config/flinktop/skins or the installed themes "
                 "(default, light, solarized-dark, high-contrast, monochrome), or a YAML file");

  GetOptions get;
  CLI::App* get_command = app.add_subcommand("get", "Print Flink clusters or their JobManager/TaskManager pods");
  get_command->fallthrough();
  get_command->add_option("resource", get.resource, "clusters (cl) | pods (po)")->required();
  get_command->add_option("-o,--output", get.output, "Output format: table, wide or json")
      ->check(CLI::IsMember({"table", "wide", "json"}));
  get_command->add_option("--cluster", get.cluster, "Only pods of this cluster (NAME or NAMESPACE/NAME)");
  get_command->add_flag("--no-headers", get.no_headers, "Omit the header line of tables");

  CLI::App* version_command = app.add_subcommand("version", "Print the version of flinktop");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "flinktop: " << e.what() << "\nRun 'flinktop --help' for usage.\n";
    return flinktop::exit_code_for(flinktop::ErrorKind::Usage);
  }

  try {
    if (*version_command) {
      std::cout << "flinktop " << flinktop::kVersion << '\n';
      return 0;
    }
    if (*get_command) return flinktop::cli::run_get(global, get, std::cout, std::cerr);
    return run_tui(global, theme_name);
  } catch (const flinktop::Error& e) {
    std::cerr << "flinktop: " << e.what() << '\n';
    return flinktop::exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "flinktop: internal error: " << e.what() << '\n';
    return 1;
  }
}
