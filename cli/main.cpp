// flinktop's entry point: parses flags (CLI11), runs a subcommand or the terminal UI, and turns
// every failure into one line on stderr and a documented exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/action_command.hpp"
#include "cli/cluster_targets.hpp"
#include "cli/demo_command.hpp"
#include "cli/get_command.hpp"
#include "cli/global_options.hpp"
#include "cli/kube_targets.hpp"
#include "cli/logs_command.hpp"
#include "cli/create_command.hpp"
#include "cli/delete_command.hpp"
#include "cli/port_forward_command.hpp"
#include "core/actions/cluster_endpoint.hpp"
#include "core/actions/journal.hpp"
#include "core/error.hpp"
#include "flinktop/version.hpp"
#include "tui/app/app.hpp"
#include "tui/app/config_file.hpp"
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
    "  130/143  logs -f or port-forward ended by SIGINT (Ctrl-C) / SIGTERM\n"
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
  const char* flink_group = "Flink without Kubernetes";
  app.add_option("--flink-url", global.flink.url, "Talk to this Flink REST API directly (http(s)://host:port), no Kubernetes")
      ->group(flink_group);
  app.add_option("--flink-user", global.flink.user, "Basic auth user for --flink-url (password: $FLINKTOP_FLINK_PASSWORD)")
      ->group(flink_group);
  app.add_option("--flink-token-file", global.flink.token_file,
                 "Bearer token file for --flink-url (default: $FLINKTOP_FLINK_TOKEN)")
      ->group(flink_group);
  app.add_option("--flink-ca", global.flink.ca_file, "CA bundle (PEM) to verify --flink-url with")->group(flink_group);
  app.add_option("--flink-cert", global.flink.cert_file, "Client certificate (PEM) for --flink-url")->group(flink_group);
  app.add_option("--flink-key", global.flink.key_file, "Client key (PEM) for --flink-url")->group(flink_group);
  app.add_flag("--flink-insecure", global.flink.insecure, "Do not verify --flink-url's TLS certificate")->group(flink_group);
}

// savepoint, stop, cancel, suspend, resume, restart, scale, restore, submit: one subcommand each, all filling `action`.
std::vector<CLI::App*> add_action_commands(CLI::App& app, flinktop::cli::ActionOptions& action) {
  auto job_command = [&](const char* name, const char* description) {
    CLI::App* command = app.add_subcommand(name, description);
    command->fallthrough();
    command->add_option("job", action.target, "Job id, unique id prefix, job name or operator resource name")->required();
    command->add_option("--cluster", action.cluster, "The job's cluster when the name is ambiguous (NAME or NAMESPACE/NAME)");
    command->add_option("-o,--output", action.output, "Output format: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    return command;
  };
  std::vector<CLI::App*> commands;
  CLI::App* savepoint = job_command("savepoint", "Take a savepoint of a job (through the operator for operator-managed jobs)");
  savepoint->add_option("--dir", action.directory, "Target directory (default: the cluster's state.savepoints.dir)");
  savepoint->add_flag("--wait", action.wait, "Wait until it is written and print its location");
  const char* format_help = "Savepoint format: canonical (Flink's default) or native (Flink 1.15+)";
  savepoint->add_option("--format", action.format, format_help)->check(CLI::IsMember({"canonical", "native"}));
  commands.push_back(savepoint);
  // These end or pause what runs: they ask on a terminal, and need --yes without one.
  auto yes_flag = [&](CLI::App* command) { command->add_flag("-y,--yes", action.yes, "Do not ask (needed without a terminal)"); };
  CLI::App* stop = job_command("stop", "Stop a job with a savepoint and print its location");
  yes_flag(stop);
  stop->add_option("--dir", action.directory, "Target directory (default: the cluster's state.savepoints.dir)");
  stop->add_flag("--drain", action.drain, "Emit MAX_WATERMARK first: flush event-time windows and timers");
  stop->add_option("--format", action.format, format_help)->check(CLI::IsMember({"canonical", "native"}));
  commands.push_back(stop);
  CLI::App* cancel = job_command("cancel", "Cancel a job (no savepoint)");
  yes_flag(cancel);
  cancel->add_flag("--force", action.force, "Cancel an operator-managed job through REST anyway (the operator may restart it)");
  commands.push_back(cancel);
  for (const auto& [name, description] : {std::pair{"suspend", "Suspend an operator-managed job (spec.job.state: suspended)"},
                                          std::pair{"resume", "Resume a suspended operator-managed job (spec.job.state: running)"}}) {
    CLI::App* command = job_command(name, description);
    yes_flag(command);
    commands.push_back(command);
  }
  // restart, scale and restore ask on a terminal, and need --yes without one.
  auto lifecycle_command = [&](const char* name, const char* description) {
    CLI::App* command = job_command(name, description);
    yes_flag(command);
    return command;
  };
  // The jar scale (by stop and resubmit) and restore (without the operator) run again.
  auto resubmit_options = [&](CLI::App* command) {
    command->add_option("--jar", action.jar, "The job's jar file, to run it again");
    command->add_option("--jar-id", action.jar_id, "A jar already on the cluster (its id in Flink's GET /jars), to run it again");
    command->add_option("--class", action.entry_class, "Entry class (default: the jar's Main-Class)");
    command->add_flag("--keep-jar", action.keep_jar, "Leave the uploaded jar on the cluster");
    command->add_option("args", action.args, "Program arguments, after --");
  };
  commands.push_back(lifecycle_command("restart", "Restart an operator-managed job (spec.restartNonce; per its upgradeMode)"));
  CLI::App* scale = lifecycle_command(
      "scale",
      "Change a job's parallelism: through the operator (spec.job.parallelism), in place on Flink's adaptive scheduler "
      "(resource requirements), or by stop with savepoint and resubmit (--jar)");
  scale->add_option("-p,--parallelism", action.parallelism, "The new parallelism")->required();
  scale->add_option("--dir", action.directory, "Resubmit route: the stop's savepoint directory (default: the cluster's)");
  resubmit_options(scale);
  commands.push_back(scale);
  CLI::App* restore = lifecycle_command(
      "restore",
      "Run a job again from a savepoint: the operator redeploys it (initialSavepointPath + savepointRedeployNonce), or "
      "its jar (--jar) runs from it");
  restore->add_option("--from", action.from, "The savepoint's path, or latest (newest completed one known)")->required();
  restore->add_flag("--allow-non-restored-state", action.allow_non_restored_state,
                    "Allow savepoint state that maps to no operator of the job");
  restore->add_option("-p,--parallelism", action.parallelism, "Resubmit route: the job's parallelism");
  resubmit_options(restore);
  commands.push_back(restore);

  CLI::App* submit = app.add_subcommand("submit", "Upload a jar to a session cluster and run it: submit JAR [options] [-- ARGS]");
  submit->fallthrough();
  submit->add_option("jar", action.target, "The job's jar file")->required();
  submit->add_option("--cluster", action.cluster, "The session cluster (NAME or NAMESPACE/NAME) when there are several");
  submit->add_option("--class", action.entry_class, "Entry class (default: the jar's Main-Class)");
  submit->add_option("-p,--parallelism", action.parallelism, "Default parallelism of the job");
  submit->add_option("--from-savepoint", action.from_savepoint, "Start from this savepoint or retained checkpoint");
  submit->add_flag("--allow-non-restored-state", action.allow_non_restored_state,
                   "Allow savepoint state that maps to no operator of the new job");
  submit->add_flag("--keep-jar", action.keep_jar, "Leave the uploaded jar on the cluster (default: delete it after the run)");
  submit->add_option("-o,--output", action.output, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  submit->add_option("args", action.args, "Program arguments, after --");
  commands.push_back(submit);
  for (CLI::App* command : commands) command->callback([&action, command] { action.action = command->get_name(); });
  return commands;
}

// No subcommand: the terminal UI on every requested context.
int run_tui(const flinktop::cli::GlobalOptions& global, const std::string& theme_name) {
  flinktop::tui::AppOptions options;
  if (!global.flink.url.empty()) {
    // One Flink cluster and no Kubernetes: its jobs, TaskManagers and actions through REST.
    if (!global.contexts.empty() || global.all_contexts) {
      throw flinktop::Error(flinktop::ErrorKind::Usage, "--flink-url works without Kubernetes: drop --context");
    }
    options.flink_url = flinktop::tui::FlinkUrlTarget{flinktop::actions::flink_url_cluster(global.flink.url),
                                                      flinktop::cli::flink_url_endpoint(global.flink)};
  } else {
    for (flinktop::cli::KubeTarget& target : flinktop::cli::resolve_targets(global)) {
      options.targets.push_back({std::make_shared<flinktop::kube::ApiClient>(std::move(target.config)), target.namespace_});
    }
  }
  options.readonly = global.readonly;
  options.demo = global.demo;
  // config.yaml first: its theme is the default that --theme overrides.
  const flinktop::tui::ConfigLoad config = flinktop::tui::load_config();
  flinktop::tui::apply_config(config.config, options);
  flinktop::tui::ThemeLoad theme = flinktop::tui::load_theme(theme_name.empty() ? config.config.theme : theme_name);
  for (const std::string& warning : {config.warning, theme.warning}) {
    if (warning.empty()) continue;
    std::cerr << "flinktop: " << warning << '\n';  // seen after quitting; the status line shows it meanwhile
    options.startup_warning += (options.startup_warning.empty() ? "" : "; ") + warning;
  }
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
#ifdef __GLIBC__
  // glibc gives each thread that allocates its own arena (up to 8 per core), and memory freed in
  // one is not reused by another: with a dozen watch and poll threads that doubled the resident
  // memory of a 5,000-pod session (bench/RESULTS.md). These threads wait on the network, so two
  // shared arenas cost no measurable contention.
  mallopt(M_ARENA_MAX, 2);
#endif
  using flinktop::cli::GetOptions;
  using flinktop::cli::GlobalOptions;

  CLI::App app{"flinktop — a terminal UI and CLI for Apache Flink clusters on Kubernetes", "flinktop"};
  app.set_version_flag("--version", fmt::format("flinktop {}", flinktop::kVersion));
  app.footer(kExitCodes);
  app.require_subcommand(0, 1);

  GlobalOptions global;
  add_global_options(app, global);
  flinktop::cli::DemoOptions demo;
  CLI::App* demo_command = flinktop::cli::add_demo_options(app, demo);
  std::string theme_name;
  app.add_option("--theme", theme_name,
                 "Skin for the terminal UI: a name from ~/.config/flinktop/skins or the installed themes "
                 "(default, light, solarized-dark, high-contrast, monochrome), or a YAML file");

  GetOptions get;
  CLI::App* get_command =
      app.add_subcommand("get", "Print Flink clusters, their pods, jobs, TaskManagers or savepoints");
  get_command->fallthrough();
  get_command->add_option("resource", get.resource,
                           "clusters (cl) | pods (po) | jobs (j) | taskmanagers (tm) | savepoints (sp)")
      ->required();
  get_command->add_option("-o,--output", get.output, "Output format: table, wide or json")
      ->check(CLI::IsMember({"table", "wide", "json"}));
  get_command->add_option("--cluster", get.cluster, "Only this cluster (NAME or NAMESPACE/NAME)");
  get_command->add_option("--job", get.job, "savepoints: only this job's (id, id prefix or name)");
  get_command->add_flag("--no-headers", get.no_headers, "Omit the header line of tables");

  flinktop::cli::ActionOptions action;
  add_action_commands(app, action);

  flinktop::cli::LogsOptions logs_options;
  CLI::App* logs_command = flinktop::cli::add_logs_command(app, logs_options);

  flinktop::cli::PortForwardOptions port_forward_options;
  CLI::App* port_forward_command = flinktop::cli::add_port_forward_command(app, port_forward_options);

  flinktop::cli::CreateOptions create_options;
  CLI::App* create_command = flinktop::cli::add_create_command(app, create_options);
  flinktop::cli::TemplatesOptions templates_options;
  CLI::App* templates_command = flinktop::cli::add_templates_command(app, templates_options);
  flinktop::cli::DeleteOptions delete_options;
  CLI::App* delete_command = flinktop::cli::add_delete_command(app, delete_options);

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
    if (*demo_command) return flinktop::cli::run_demo_serve(demo, std::cout, std::cerr);
    // Lives until main returns: every command below runs against it.
    const auto demo_environment = flinktop::cli::start_demo(demo, global);
    if (*version_command) {
      std::cout << "flinktop " << flinktop::kVersion << '\n';
      return 0;
    }
    if (*get_command) return flinktop::cli::run_get(global, get, std::cout, std::cerr);
    if (*logs_command) return flinktop::cli::run_logs(global, logs_options, std::cout, std::cerr);
    if (*port_forward_command) {
      return flinktop::cli::run_port_forward(global, port_forward_options, std::cout, std::cerr);
    }
    if (*create_command) return flinktop::cli::run_create(global, create_options, std::cout, std::cerr);
    if (*templates_command) return flinktop::cli::run_templates(templates_options, std::cout);
    if (*delete_command) return flinktop::cli::run_delete(global, delete_options, std::cout, std::cerr);
    if (!action.action.empty()) return flinktop::cli::run_action(global, action, std::cout, std::cerr);
    return run_tui(global, theme_name);
  } catch (const flinktop::Error& e) {
    std::cerr << "flinktop: " << e.what() << '\n';
    return flinktop::exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "flinktop: internal error: " << e.what() << '\n';
    return 1;
  }
}
