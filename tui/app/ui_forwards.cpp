// The Ui's port-forwards: F's dialog (the REST port, the pod serving now, a pod's declared ports),
// starting one, the list (:pf) and the line that says where each started forward listens. The
// forwards are the Ui's state (Demand::forwards), so they outlive the view they were started from.
#include <fmt/format.h>

#include "core/kube/objects/pod.hpp"
#include "core/kube/port_forward/port_spec.hpp"
#include "core/model/serving_pod.hpp"
#include "core/text/one_line.hpp"
#include "tui/app/ui.hpp"
#include "tui/views/forwards_view.hpp"
#include "tui/views/pods_view.hpp"

namespace flinktop::tui {

namespace {

constexpr std::uint16_t kFlinkRestPort = 8081;

// The TCP ports a pod's containers declare ("6123 rpc, 8081 rest"), and the one a forward to it
// offers first: Flink's REST port by its usual names, else 8081 when declared, else the first.
struct DeclaredPorts {
  std::string listed;          // "" when it declares none
  std::uint16_t preferred = 0;  // 0 when it declares none
};

DeclaredPorts declared_ports(const ViewData& data, const std::string& context, const std::string& uid) {
  DeclaredPorts out;
  for (const auto& snapshot : data.contexts) {
    if (snapshot->context != context) continue;
    const auto& pods = snapshot->objects<kube::Pod>();
    const auto it = pods.find(uid);
    if (it == pods.end()) return out;
    int rest = 0, flink_default = 0, first = 0;
    for (const kube::ContainerSpec& container : it->second->containers) {
      for (const kube::ContainerPort& port : container.ports) {
        out.listed += fmt::format("{}{}{}{}", out.listed.empty() ? "" : ", ", port.number, port.name.empty() ? "" : " ",
                                  text::one_line(port.name, 32));
        if (first == 0) first = port.number;
        if (port.number == kFlinkRestPort) flink_default = port.number;
        if (rest == 0 && (port.name == "rest" || port.name == "webui" || port.name == "http")) rest = port.number;
      }
    }
    out.preferred = static_cast<std::uint16_t>(rest != 0 ? rest : flink_default != 0 ? flink_default : first);
  }
  return out;
}

}  // namespace

// --- port-forwards ------------------------------------------------------------------------------

void Ui::open_forward_dialog() {
  sync::ForwardRequest request;
  std::string serving;
  std::uint16_t remote = kFlinkRestPort;
  const model::Cluster* cluster = stack_.selected_cluster(data_);
  // A pod in the pods view is forwarded to as itself; anything else reaches its cluster's JobManager.
  std::string declared;
  if (const SelectedPod selected = selected_pod(stack_.top(), data_); selected.pod) {
    request.context = selected.cluster->context;
    request.target = {model::ForwardTarget::Kind::Pod, selected.pod->namespace_, selected.pod->name};
    const DeclaredPorts ports = declared_ports(data_, request.context, selected.pod->uid);
    if (ports.preferred != 0) remote = ports.preferred;
    declared = ports.listed.empty() ? "The pod declares no container ports (8081 is Flink's REST port)."
                                    : "Its containers declare: " + ports.listed + ".";
  }
  if (request.context.empty()) {
    if (!cluster) return flash(Severity::Info, "select a cluster, pod or job to port-forward to");
    if (cluster->context.empty() || cluster->namespace_.empty()) {
      return flash(Severity::Info, "this cluster is reached at its URL already: no port-forward needed");
    }
    request.context = cluster->context;
    request.target = {model::ForwardTarget::Kind::Cluster, cluster->namespace_, cluster->name};
    for (const auto& snapshot : data_.contexts) {
      if (snapshot->context != cluster->context) continue;
      if (cluster->rest) remote = model::rest_pod_port(*snapshot, *cluster->rest);
      const kube::ServingPod pod = model::serving_jobmanager(*cluster, *snapshot);
      serving = pod.name.empty() ? "No pod serves it now: " + pod.why_not + "." : "Pod " + pod.name + " serves it now.";
    }
  }
  const std::string what = request.target.kind == model::ForwardTarget::Kind::Cluster
                               ? "the JobManager of " + request.target.describe()
                               : request.target.describe();
  DialogContent content;
  content.title = "Port-forward";
  const std::string offered = request.target.kind == model::ForwardTarget::Kind::Cluster
                                  ? " (REST and Web UI: " + std::to_string(remote) + ")"
                                  : "";
  content.body = {"Forward a local port to " + what + offered + ".",
                  "[LOCAL:]REMOTE[@ADDRESS]: the local port is the remote one if free, else the next free one;",
                  "@ADDRESS listens elsewhere than 127.0.0.1, where others can reach it."};
  if (!serving.empty()) content.body.push_back(serving);
  if (!declared.empty()) content.body.push_back(declared);
  content.target = request.target.describe() + " in " + request.context;
  content.yes = "Forward";
  content.no = "Cancel";
  content.field_label = "Ports";
  content.field_value = std::to_string(remote);
  ask(std::move(content), [this, request](const std::string& field) { start_forward(request, field); });
}

void Ui::start_forward(sync::ForwardRequest request, const std::string& field) {
  std::string ports = field;
  if (const auto at = ports.find('@'); at != std::string::npos) {
    request.address = ports.substr(at + 1);
    ports.resize(at);
  }
  try {
    const kube::PortSpec spec = kube::parse_port_spec(ports);
    if (spec.remote == 0) throw Error(ErrorKind::Usage, "port-forward: say the remote port");
    request.remote_port = spec.remote;
    request.local_port = spec.local;
  } catch (const Error& e) {
    return flash(Severity::Error, e.what());
  }
  for (const sync::ForwardRequest& running : forwards_) {
    if (running.id() == request.id()) return flash(Severity::Info, "already forwarding " + request.id() + ": see :pf");
  }
  forwards_.push_back(std::move(request));
  flash(Severity::Info, "starting port-forward to " + forwards_.back().target.describe() + " …");
}

void Ui::open_forwards() {
  auto restart = [this](const std::string& id) {
    for (sync::ForwardRequest& f : forwards_) {
      if (f.id() == id) ++f.restarts;
    }
  };
  auto stop = [this](const std::string& id) {
    DialogContent content;
    content.title = "Stop port-forward";
    content.body = {"Stop this port-forward? Its listener and open connections close."};
    content.target = id;
    ask(std::move(content), [this, id](const std::string&) {
      std::erase_if(forwards_, [&](const sync::ForwardRequest& f) { return f.id() == id; });
      flash(Severity::Info, "stopped port-forward " + id);
    });
  };
  auto open = [this](const std::string& url) -> std::pair<Severity, std::string> {
    if (!hooks_.open_url) return {Severity::Info, url + " — Y copies it"};
    const auto [opened, line] = hooks_.open_url(url);
    return {opened ? Severity::Info : Severity::Warn, line};
  };
  stack_.push(std::make_unique<ForwardsView>(ForwardActions{restart, stop, open}));
}

// Once per start (and restart): where a forward listens, or why it could not.
void Ui::announce_forwards() {
  for (const sync::ForwardReport& report : data_.forwards) {
    const bool listening = !report.url.empty();
    if (!listening && report.state != sync::ForwardState::Failed) continue;
    const std::string key = report.request.id() + "#" + std::to_string(report.request.restarts);
    if (!announced_.insert(key).second) continue;
    flash(listening ? Severity::Info : Severity::Error, forward_started_line(report));
  }
}

}  // namespace flinktop::tui
