#include "cli/port_forward_command.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "cli/cluster_targets.hpp"
#include "cli/kube_targets.hpp"
#include "cli/stop_signals.hpp"
#include "core/error.hpp"
#include "core/kube/port_forward/port_forward.hpp"
#include "core/kube/port_forward/port_spec.hpp"
#include "core/model/serving_pod.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/objects/pod.hpp"
#include "core/kube/objects/service.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/sync/context_watch.hpp"
#include "core/sync/watched_kinds.hpp"

namespace flinktop::cli {

namespace {

using namespace std::chrono_literals;

// How long the watch may take to list what the target is resolved from.
constexpr auto kSyncTimeout = 30s;
constexpr std::uint16_t kFlinkRestPort = 8081;

// Waits until the kinds a target is found from have been listed. Pods and Services must be
// readable (else: why not); Deployments and FlinkDeployments help discovery where they may be read
// and are served, and are not waited for otherwise.
std::shared_ptr<const model::ContextSnapshot> synced_snapshot(model::Store& store, const std::string& context) {
  const auto deadline = std::chrono::steady_clock::now() + kSyncTimeout;
  struct Wanted {
    const kube::ResourceType* kind;
    bool required;
  };
  const Wanted wanted[] = {{&kube::resources::kPods, true},
                           {&kube::resources::kServices, true},
                           {&kube::resources::kDeployments, false},
                           {&kube::resources::kFlinkDeployments, false}};
  for (;;) {
    auto snapshot = store.snapshot(context);
    bool ready = true;
    for (const Wanted& w : wanted) {
      const auto it = snapshot->status.find(w.kind->qualified_name());
      if (it == snapshot->status.end()) {
        ready = ready && !w.required;
        continue;
      }
      const model::KindStatus& status = it->second;
      const bool failed = status.forbidden || !status.error.empty();
      if (w.required && failed && !status.synced) {
        throw Error(status.forbidden ? ErrorKind::Forbidden : ErrorKind::Connect,
                    fmt::format("port-forward: cannot list {} in context \"{}\": {}", w.kind->plural, context,
                                status.error));
      }
      ready = ready && (status.synced || status.not_served || failed);
    }
    if (ready) return snapshot;
    if (std::chrono::steady_clock::now() > deadline) {
      throw Error(ErrorKind::Timeout, fmt::format("port-forward: context \"{}\" did not list its pods and services within {} s",
                                                  context, kSyncTimeout.count()));
    }
    std::this_thread::sleep_for(20ms);
  }
}

struct Resolved {
  model::ForwardTarget target;
  std::uint16_t remote_port = 0;
};

// TARGET → what to forward to, and the remote port (a cluster's REST port by default; a Service's
// port becomes its pod's targetPort, as kubectl does).
Resolved resolve_target(const model::ContextSnapshot& snapshot, const std::string& target, std::uint16_t remote,
                        const std::string& namespace_, const std::string& default_namespace) {
  const std::string ns = namespace_.empty() ? default_namespace : namespace_;
  // "pod/NAME" → NAME (for any of the prefixes kubectl accepts for the kind).
  auto kind_and_name = [&](std::initializer_list<std::string_view> prefixes) -> std::optional<std::string> {
    for (std::string_view prefix : prefixes) {
      if (target.rfind(prefix, 0) == 0) return target.substr(prefix.size());
    }
    return std::nullopt;
  };
  Resolved out;
  if (auto name = kind_and_name({"pod/", "po/", "pods/"})) {
    out.target = {model::ForwardTarget::Kind::Pod, ns, *name};
    if (remote == 0) throw Error(ErrorKind::Usage, "port-forward: a pod needs the remote port: port-forward pod/NAME [LOCAL:]REMOTE");
    out.remote_port = remote;
    return out;
  }
  if (auto name = kind_and_name({"svc/", "service/", "services/"})) {
    out.target = {model::ForwardTarget::Kind::Service, ns, *name};
    const kube::Service* service = nullptr;
    for (const auto& [uid, s] : snapshot.objects<kube::Service>()) {
      if (s->meta.namespace_ == ns && s->meta.name == *name) service = s.get();
    }
    if (service == nullptr) throw Error(ErrorKind::NotFound, fmt::format("port-forward: no service \"{}\" in namespace \"{}\"", *name, ns));
    if (remote == 0) {
      if (service->ports.size() != 1) {
        throw Error(ErrorKind::Usage, fmt::format("port-forward: service \"{}\" has {} ports: say which", *name, service->ports.size()));
      }
      remote = static_cast<std::uint16_t>(service->ports.front().port);
    }
    out.remote_port = model::rest_pod_port(snapshot, {service->meta.name, service->meta.namespace_, remote, "", service->type});
    return out;
  }
  // A cluster by NAME or NAMESPACE/NAME (in -n's namespace, or any with -A); else a pod of that name.
  const std::string filter = namespace_.empty() || target.find('/') != std::string::npos ? target : namespace_ + "/" + target;
  std::vector<model::Cluster> matches;
  for (model::Cluster& cluster : model::discover_clusters(snapshot)) {
    if (cluster_matches(cluster, filter)) matches.push_back(std::move(cluster));
  }
  if (matches.size() > 1) {
    throw Error(ErrorKind::Usage, fmt::format("port-forward: \"{}\" names clusters in {} namespaces: use NAMESPACE/NAME",
                                              target, matches.size()));
  }
  if (matches.size() == 1) {
    const model::Cluster& cluster = matches.front();
    out.target = {model::ForwardTarget::Kind::Cluster, cluster.namespace_, cluster.name};
    out.remote_port = remote != 0 ? remote : cluster.rest ? model::rest_pod_port(snapshot, *cluster.rest) : kFlinkRestPort;
    return out;
  }
  for (const auto& [uid, pod] : snapshot.objects<kube::Pod>()) {
    if (pod->meta.name == target && (pod->meta.namespace_ == ns || namespace_.empty())) {
      if (remote == 0) throw Error(ErrorKind::Usage, "port-forward: a pod needs the remote port: port-forward POD [LOCAL:]REMOTE");
      out.target = {model::ForwardTarget::Kind::Pod, pod->meta.namespace_, pod->meta.name};
      out.remote_port = remote;
      return out;
    }
  }
  throw Error(ErrorKind::NotFound,
              fmt::format("port-forward: no Flink cluster and no pod \"{}\" in {}; see flinktop get clusters", target,
                          namespace_.empty() && target.find('/') == std::string::npos ? "any namespace" : "namespace \"" + ns + "\""));
}

}  // namespace

CLI::App* add_port_forward_command(CLI::App& app, PortForwardOptions& options) {
  CLI::App* command = app.add_subcommand(
      "port-forward",
      "Forward a local port to a cluster's JobManager (following it), svc/NAME or pod/NAME, until Ctrl-C");
  command->alias("pf");
  command->fallthrough();
  command->add_option("target", options.target, "A cluster (NAME or NAMESPACE/NAME), svc/NAME or pod/NAME")->required();
  command->add_option("ports", options.ports,
                      "[LOCAL:]REMOTE (default for a cluster: its REST port, locally the same if free, else the next)");
  command->add_option("--address", options.address,
                      "Local address to listen on (default 127.0.0.1; any other lets others reach the forward)");
  return command;
}

int run_port_forward(const GlobalOptions& global, const PortForwardOptions& options, std::ostream& out,
                     std::ostream& err) {
  if (!global.flink.url.empty()) throw Error(ErrorKind::Usage, "port-forward needs Kubernetes: drop --flink-url");
  const kube::PortSpec ports = kube::parse_port_spec(options.ports);
  auto targets = resolve_targets(global);
  if (targets.size() != 1) throw Error(ErrorKind::Usage, "port-forward works in one context: pick it with --context");
  KubeTarget& kube_target = targets.front();
  const std::string default_namespace = kube_target.config.default_namespace;
  const std::string watched = global.all_namespaces ? std::string() : kube_target.namespace_;
  auto api = std::make_shared<kube::ApiClient>(kube_target.config);
  model::Store store;
  // The watch keeps the snapshot fresh for as long as the forward runs: each new connection goes to
  // the pod serving the target then.
  sync::ContextWatch watch(api, store, watched);
  const Resolved resolved = resolve_target(*synced_snapshot(store, api->context()), options.target, ports.remote,
                                           global.all_namespaces ? std::string() : watched, default_namespace);

  StopSignals signals;  // from here on, Ctrl-C ends the forward cleanly
  std::mutex err_mutex;
  const std::string context = api->context();
  kube::PortForward forward(
      kube_target.config, model::serving_pod_fn(resolved.target, [&store, context] { return store.snapshot(context); }),
      kube::ForwardOptions{options.address, ports.local, resolved.remote_port},
      [&err, &err_mutex](const std::string& line) {
        std::lock_guard lock(err_mutex);
        err << "flinktop: " << line << std::endl;
      });
  out << forward.url() << std::endl;
  {
    std::lock_guard lock(err_mutex);
    if (forward.local_port_moved()) {
      err << fmt::format("flinktop: local port {} is in use; listening on {} instead\n", resolved.remote_port,
                         forward.local_port());
    }
    if (options.address != "127.0.0.1" && options.address != "localhost" && options.address != "::1") {
      err << fmt::format("flinktop: listening on {}: anyone who can reach this address can use the forward\n",
                         options.address);
    }
    err << fmt::format("flinktop: forwarding {} to {} port {} (Ctrl-C to stop)", forward.url(), resolved.target.describe(),
                       resolved.remote_port)
        << std::endl;
  }
  while (signals.received() == 0) std::this_thread::sleep_for(100ms);
  return 128 + signals.received();
}

}  // namespace flinktop::cli
