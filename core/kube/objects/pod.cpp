// Decoding of Pod, and kubectl's STATUS column (k8s.io/kubectl printers: printPod).
#include "core/kube/objects/pod.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

namespace {

int to_int(std::int64_t v) {
  if (v > INT32_MAX) return INT32_MAX;
  if (v < INT32_MIN) return INT32_MIN;
  return static_cast<int>(v);
}

std::vector<ContainerSpec> read_specs(const nlohmann::json& spec, std::string_view key) {
  std::vector<ContainerSpec> out;
  for (const auto& c : jf::array(spec, key)) {
    if (!c.is_object()) continue;
    ContainerSpec container{jf::string(c, "name"), jf::string(c, "image"), jf::string(c, "restartPolicy"), {}};
    for (const auto& p : jf::array(c, "ports")) {
      const std::string protocol = p.is_object() ? jf::string(p, "protocol") : "";
      const std::int64_t number = p.is_object() ? jf::integer(p, "containerPort") : 0;
      if ((protocol.empty() || protocol == "TCP") && number > 0 && number <= 65535) {
        container.ports.push_back({jf::string(p, "name"), static_cast<int>(number)});
      }
    }
    out.push_back(std::move(container));
  }
  return out;
}

std::vector<ContainerStatus> read_statuses(const nlohmann::json& status, std::string_view key) {
  std::vector<ContainerStatus> out;
  for (const auto& c : jf::array(status, key)) {
    if (c.is_object()) out.push_back(ContainerStatus::from_json(c));
  }
  return out;
}

bool condition_true(const Pod& pod, std::string_view type) {
  for (const auto& c : pod.conditions) {
    if (c.type == type) return c.status == "True";
  }
  return false;
}

const ContainerSpec* find_spec(const std::vector<ContainerSpec>& specs, const std::string& name) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool is_sidecar(const ContainerSpec* spec) { return spec != nullptr && spec->restart_policy == "Always"; }

}  // namespace

ContainerState ContainerState::from_json(const nlohmann::json& j) {
  ContainerState s;
  // Exactly one of the three is set; take the first that is an object.
  if (const auto& w = jf::object(j, "waiting"); jf::has_object(j, "waiting")) {
    s.kind = Kind::Waiting;
    s.reason = jf::string(w, "reason");
    s.message = jf::string(w, "message");
  } else if (const auto& r = jf::object(j, "running"); jf::has_object(j, "running")) {
    s.kind = Kind::Running;
    s.started_at = jf::time(r, "startedAt");
  } else if (const auto& t = jf::object(j, "terminated"); jf::has_object(j, "terminated")) {
    s.kind = Kind::Terminated;
    s.reason = jf::string(t, "reason");
    s.message = jf::string(t, "message");
    s.exit_code = to_int(jf::integer(t, "exitCode"));
    s.signal = to_int(jf::integer(t, "signal"));
    s.started_at = jf::time(t, "startedAt");
    s.finished_at = jf::time(t, "finishedAt");
  }
  return s;
}

ContainerStatus ContainerStatus::from_json(const nlohmann::json& j) {
  ContainerStatus s;
  s.name = jf::string(j, "name");
  s.ready = jf::boolean(j, "ready");
  s.started = jf::optional_boolean(j, "started");
  s.restart_count = to_int(jf::integer(j, "restartCount"));
  s.image = jf::string(j, "image");
  s.state = ContainerState::from_json(jf::object(j, "state"));
  s.last_state = ContainerState::from_json(jf::object(j, "lastState"));
  return s;
}

bool Pod::ready() const { return condition_true(*this, "Ready"); }

const ContainerSpec* Pod::container(const std::string& name) const { return find_spec(containers, name); }

Pod Pod::from_json(const nlohmann::json& j) {
  jf::require_object(j, "Pod");
  Pod pod;
  pod.meta = ObjectMeta::from_object_keeping_raw(j, "Pod");
  const auto& spec = jf::object(j, "spec");
  const auto& status = jf::object(j, "status");
  pod.phase = jf::string(status, "phase");
  pod.reason = jf::string(status, "reason");
  pod.message = jf::string(status, "message");
  pod.node_name = jf::string(spec, "nodeName");
  pod.pod_ip = jf::string(status, "podIP");
  pod.start_time = jf::time(status, "startTime");
  pod.containers = read_specs(spec, "containers");
  pod.init_containers = read_specs(spec, "initContainers");
  pod.container_statuses = read_statuses(status, "containerStatuses");
  pod.init_container_statuses = read_statuses(status, "initContainerStatuses");
  for (const auto& c : jf::array(status, "conditions")) {
    if (!c.is_object()) continue;
    pod.conditions.push_back({jf::string(c, "type"), jf::string(c, "status"), jf::string(c, "reason")});
  }
  return pod;
}

PodStatusColumns pod_status_columns(const Pod& pod) {
  PodStatusColumns out;
  out.total = static_cast<int>(pod.containers.size());
  std::string reason = pod.reason.empty() ? pod.phase : pod.reason;
  for (const auto& c : pod.conditions) {
    if (c.type == "PodScheduled" && c.reason == "SchedulingGated") reason = "SchedulingGated";
  }
  for (const auto& c : pod.init_containers) {
    if (is_sidecar(&c)) ++out.total;
  }

  bool initializing = false;
  int restarts = 0;
  for (std::size_t i = 0; i < pod.init_container_statuses.size(); ++i) {
    const auto& c = pod.init_container_statuses[i];
    restarts += c.restart_count;
    if (is_sidecar(find_spec(pod.init_containers, c.name))) {
      if (c.started.value_or(false) && c.ready) ++out.ready;
      continue;
    }
    const auto& st = c.state;
    if (st.kind == ContainerState::Kind::Terminated && st.exit_code == 0) continue;
    if (st.kind == ContainerState::Kind::Terminated) {
      if (!st.reason.empty()) {
        reason = "Init:" + st.reason;
      } else if (st.signal != 0) {
        reason = "Init:Signal:" + std::to_string(st.signal);
      } else {
        reason = "Init:ExitCode:" + std::to_string(st.exit_code);
      }
    } else if (st.kind == ContainerState::Kind::Waiting && !st.reason.empty() && st.reason != "PodInitializing") {
      reason = "Init:" + st.reason;
    } else {
      reason = "Init:" + std::to_string(i) + "/" + std::to_string(pod.init_containers.size());
    }
    initializing = true;
    break;
  }

  if (!initializing || condition_true(pod, "Initialized")) {
    restarts = 0;
    bool has_running = false;
    for (auto it = pod.container_statuses.rbegin(); it != pod.container_statuses.rend(); ++it) {
      const auto& c = *it;
      restarts += c.restart_count;
      const auto& st = c.state;
      if (st.kind == ContainerState::Kind::Waiting && !st.reason.empty()) {
        reason = st.reason;
      } else if (st.kind == ContainerState::Kind::Terminated && !st.reason.empty()) {
        reason = st.reason;
      } else if (st.kind == ContainerState::Kind::Terminated) {
        reason = st.signal != 0 ? "Signal:" + std::to_string(st.signal) : "ExitCode:" + std::to_string(st.exit_code);
      } else if (c.ready && st.kind == ContainerState::Kind::Running) {
        has_running = true;
        ++out.ready;
      }
    }
    // A pod whose main container completed while another still runs is not "Completed".
    if (reason == "Completed" && has_running) reason = pod.ready() ? "Running" : "NotReady";
  }
  out.restarts = restarts;

  const bool terminal = pod.phase == "Succeeded" || pod.phase == "Failed";
  if (pod.meta.deletion_timestamp && pod.reason == "NodeLost") {
    reason = "Unknown";
  } else if (pod.meta.deletion_timestamp && !terminal) {
    reason = "Terminating";
  }
  if (reason.empty()) reason = "Unknown";
  out.status = std::move(reason);
  return out;
}

}  // namespace flinktop::kube
