// A Kubernetes Pod as flinktop shows it: phase, containers and their states, and the STATUS / READY
// columns computed the way kubectl computes them.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

// A TCP port a container declares (spec.containers[].ports): what a port-forward to the pod offers.
struct ContainerPort {
  std::string name;  // "rest", "rpc"; may be ""
  int number = 0;
};

struct ContainerSpec {
  std::string name;
  std::string image;
  std::string restart_policy;  // init containers only: "Always" marks a sidecar
  std::vector<ContainerPort> ports;  // TCP only (UDP and SCTP cannot be port-forwarded)
};

struct ContainerState {
  enum class Kind { Unknown, Waiting, Running, Terminated };
  Kind kind = Kind::Unknown;
  std::string reason;   // waiting / terminated
  std::string message;  // waiting / terminated
  int exit_code = 0;    // terminated
  int signal = 0;       // terminated
  std::optional<Timestamp> started_at;   // running / terminated
  std::optional<Timestamp> finished_at;  // terminated

  static ContainerState from_json(const nlohmann::json& j);
};

struct ContainerStatus {
  std::string name;
  bool ready = false;
  std::optional<bool> started;
  int restart_count = 0;
  std::string image;
  ContainerState state;
  ContainerState last_state;  // usually Terminated (with its reason, e.g. OOMKilled) or Unknown

  static ContainerStatus from_json(const nlohmann::json& j);
};

struct PodCondition {
  std::string type;    // "Ready", "Initialized", "PodScheduled", ...
  std::string status;  // "True", "False", "Unknown"
  std::string reason;
};

struct Pod {
  ObjectMeta meta;
  std::string phase;   // Pending, Running, Succeeded, Failed, Unknown
  std::string reason;  // status.reason: Evicted, NodeLost, ...
  std::string message;
  std::string node_name;
  std::string pod_ip;  // informational only: flinktop never connects to it
  std::optional<Timestamp> start_time;
  std::vector<ContainerSpec> containers;
  std::vector<ContainerSpec> init_containers;
  std::vector<ContainerStatus> container_statuses;
  std::vector<ContainerStatus> init_container_statuses;
  std::vector<PodCondition> conditions;

  // The Ready condition is True.
  bool ready() const;
  const ContainerSpec* container(const std::string& name) const;

  static Pod from_json(const nlohmann::json& j);
};

// The STATUS, READY ("1/2") and RESTARTS columns of `kubectl get pods`.
struct PodStatusColumns {
  std::string status;  // Running, Pending, ContainerCreating, CrashLoopBackOff, Init:0/1, Completed, Error, Terminating, ...
  int ready = 0;
  int total = 0;
  int restarts = 0;

  std::string ready_text() const { return std::to_string(ready) + "/" + std::to_string(total); }
};

PodStatusColumns pod_status_columns(const Pod& pod);

}  // namespace flinktop::kube
