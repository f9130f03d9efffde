// A Flink cluster as flinktop shows it, whatever deployed it (the operator, `kubernetes-session.sh`
// / `run-application`, or plain YAML): its pods, REST service, operator status and session jobs.
// Plain data, built by discover_clusters() from a ContextSnapshot.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::model {

using Timestamp = std::chrono::system_clock::time_point;

enum class ClusterKind { OperatorApplication, OperatorSession, Native, Standalone };

// "operator-application", "operator-session", "native", "standalone": stable, scripts read it.
std::string_view to_string(ClusterKind kind) noexcept;

enum class PodRole { JobManager, TaskManager, Other };

// "jobmanager", "taskmanager", "other".
std::string_view to_string(PodRole role) noexcept;

struct ClusterPod {
  std::string uid;
  std::string name;
  std::string namespace_;
  PodRole role = PodRole::Other;
  std::string phase;
  std::string status;  // kubectl's STATUS column: Running, CrashLoopBackOff, Terminating, ...
  int ready_containers = 0;
  int total_containers = 0;
  int restarts = 0;
  std::string node;
  Timestamp created{};

  bool operator==(const ClusterPod&) const = default;
};

// The Service that reaches the JobManager's REST endpoint (reached through port-forward).
struct RestService {
  std::string name;
  std::string namespace_;
  int port = 0;  // the Service port
  std::string port_name;
  std::string type;  // ClusterIP, NodePort, LoadBalancer

  bool operator==(const RestService&) const = default;
};

// What the Flink Kubernetes Operator reports about a FlinkDeployment.
struct OperatorStatus {
  std::string lifecycle_state;  // CREATED, DEPLOYED, STABLE, SUSPENDED, FAILED, ...
  std::string job_state;        // RUNNING, FAILED, ... ("" for a session cluster)
  std::string job_id;
  std::string job_name;
  std::optional<Timestamp> job_start_time;
  std::string reconciliation_state;
  std::string jm_deployment_status;  // READY, DEPLOYING, ...
  std::map<std::string, std::string> cluster_info;
  std::string error;  // one readable message (the operator's JSON-encoded error unwrapped)
  std::string last_savepoint_path;
  std::optional<Timestamp> last_savepoint_time;
  std::string desired_job_state;  // spec.job.state: running / suspended
  std::string upgrade_mode;       // spec.job.upgradeMode

  bool operator==(const OperatorStatus&) const = default;
};

struct SessionJobSummary {
  std::string uid;
  std::string name;
  std::string lifecycle_state;
  std::string job_state;
  std::string job_id;
  std::string job_name;
  std::string error;  // readable

  bool operator==(const SessionJobSummary&) const = default;
};

struct Cluster {
  std::string id;  // "<context>/<namespace>/<name>": stable across refreshes
  std::string context;
  std::string namespace_;
  std::string name;
  ClusterKind kind = ClusterKind::Native;
  std::string deployment_mode;  // "native" or "standalone"
  std::string flink_version;    // "1.20", "1.20.0" or "" when unknown
  Timestamp created{};
  std::vector<ClusterPod> pods;  // JobManagers, then TaskManagers, then others; by name within each
  std::optional<RestService> rest;
  std::optional<OperatorStatus> operator_status;  // operator kinds only
  std::vector<SessionJobSummary> session_jobs;    // operator-session only; by name
  // Operator lifecycleState when there is one; otherwise Ready, Starting, NotReady, Terminating,
  // Failed or NoJobManager, from the JobManager pods.
  std::string state;
  int jobmanagers_ready = 0;  // counts exclude pods that are terminating or finished
  int jobmanagers_total = 0;
  int taskmanagers_ready = 0;
  int taskmanagers_total = 0;

  bool operator==(const Cluster&) const = default;
  bool operator_managed() const {
    return kind == ClusterKind::OperatorApplication || kind == ClusterKind::OperatorSession;
  }
};

// Clusters as the UI holds them: shared, so that a cluster whose objects did not change is the
// same object from one discovery to the next (and a view may keep what it made of it).
using ClusterList = std::vector<std::shared_ptr<const Cluster>>;

}  // namespace flinktop::model
