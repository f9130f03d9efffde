#include "cli/demo_command.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <ostream>

#include "demo/simulation.hpp"
#include "core/error.hpp"

namespace flinktop::cli {

namespace {

// The demo kubeconfig and its directory, for the signal handler (which may only use what is
// async-signal-safe: fixed buffers, unlink, rmdir, raise).
char g_kubeconfig[4096];
char g_kubeconfig_dir[4096];

void remove_kubeconfig_and_die(int sig) {
  if (g_kubeconfig[0] != '\0') ::unlink(g_kubeconfig);
  if (g_kubeconfig_dir[0] != '\0') ::rmdir(g_kubeconfig_dir);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Runs before the terminal UI installs its own handlers, which restore the terminal and then pass
// the signal on to this one.
void remove_kubeconfig_on_signal(const std::filesystem::path& kubeconfig) {
  const std::string file = kubeconfig.string();
  const std::string dir = kubeconfig.parent_path().string();
  if (file.size() >= sizeof g_kubeconfig || dir.size() >= sizeof g_kubeconfig_dir) return;
  std::memcpy(g_kubeconfig, file.c_str(), file.size() + 1);
  std::memcpy(g_kubeconfig_dir, dir.c_str(), dir.size() + 1);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction previous {};
    ::sigaction(sig, nullptr, &previous);
    if (previous.sa_handler == SIG_IGN) continue;  // e.g. SIGHUP under nohup
    struct sigaction action {};
    action.sa_handler = remove_kubeconfig_and_die;
    sigemptyset(&action.sa_mask);
    ::sigaction(sig, &action, nullptr);
  }
}

demo::EnvironmentOptions environment_options(const DemoOptions& options) {
  demo::EnvironmentOptions out;
  out.scale = options.scale;
  out.port = options.port;
  return out;
}

std::unique_ptr<demo::Environment> start_environment(const DemoOptions& options) {
  try {
    return std::make_unique<demo::Environment>(environment_options(options));
  } catch (const std::exception& e) {
    throw Error(options.port > 0 ? ErrorKind::Connect : ErrorKind::Server,
                std::string("cannot start the demo environment: ") + e.what());
  }
}

}  // namespace

CLI::App* add_demo_options(CLI::App& app, DemoOptions& options) {
  app.add_flag("--demo", options.demo,
               "Run against the built-in demo: simulated Kubernetes and Flink clusters on 127.0.0.1");
  app.add_option("--demo-scale", options.scale, "Demo with N pods (up to 10000) and N/5 jobs; implies --demo")
      ->check(CLI::Range(1, 10000));
  CLI::App* demo = app.add_subcommand("demo", "The built-in demo environment");
  demo->require_subcommand(1);
  CLI::App* serve = demo->add_subcommand(
      "serve", "Run the demo environment for other clients (kubectl, flinktop --kubeconfig, a browser) until "
               "SIGINT/SIGTERM; prints its kubeconfig and Flink REST URLs");
  serve->add_option("--port", options.port, "Port of the simulated Kubernetes API (default: any free port)")
      ->check(CLI::Range(1, 65535));
  serve->add_option("--demo-scale", options.scale, "N pods (up to 10000) and N/5 jobs")->check(CLI::Range(1, 10000));
  return demo;
}

std::unique_ptr<demo::Environment> start_demo(const DemoOptions& options, GlobalOptions& global) {
  if (!options.demo && options.scale == 0) return nullptr;
  if (!global.kubeconfig.empty() || !global.contexts.empty() || global.all_contexts) {
    throw Error(ErrorKind::Usage, "--demo brings its own kubeconfig: drop --kubeconfig, --context and --all-contexts");
  }
  if (!global.flink.url.empty()) throw Error(ErrorKind::Usage, "--demo and --flink-url exclude each other");
  auto environment = start_environment(options);
  remove_kubeconfig_on_signal(environment->kubeconfig());
  global.kubeconfig = environment->kubeconfig().string();
  global.demo = true;
  // The demo's clusters span namespaces at scale: show them all unless asked for one.
  if (global.namespace_.empty()) global.all_namespaces = true;
  return environment;
}

int run_demo_serve(const DemoOptions& options, std::ostream& out, std::ostream& err) {
  // Block the stop signals before any thread starts (threads inherit the mask), then wait for one.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto environment = start_environment(options);
  auto& simulation = environment->simulation();
  const auto kubeconfig = environment->kubeconfig().string();
  out << "flinktop demo: a simulated Kubernetes API at " << environment->api_url() << " with "
      << simulation.clusters().size() << " Flink clusters, " << simulation.job_count() << " jobs, "
      << simulation.pod_count() << " pods\n"
      << "kubeconfig: " << kubeconfig << "\n"
      << "  kubectl --kubeconfig " << kubeconfig << " get pods -A\n"
      << "  flinktop --kubeconfig " << kubeconfig << " -A\n"
      << "Flink REST (open in a browser, e.g. <url>/jobs/overview):\n";
  const auto endpoints = environment->flink_endpoints();
  constexpr std::size_t kShown = 12;
  for (std::size_t i = 0; i < endpoints.size() && i < kShown; ++i) {
    out << "  " << endpoints[i].cluster << "  " << endpoints[i].url << "\n";
  }
  if (endpoints.size() > kShown) {
    out << "  ... and " << endpoints.size() - kShown << " more, each under "
        << endpoints.back().url.substr(0, endpoints.back().url.find("/clusters/")) << "/clusters/<namespace>/<name>\n";
  }
  out << "Stop with Ctrl-C or SIGTERM (the kubeconfig is removed then)." << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  err << "flinktop demo: stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
  environment.reset();
  return 0;
}

}  // namespace flinktop::cli
