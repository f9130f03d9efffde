// The Kubernetes objects a simulated cluster is made of, in the shapes the real tools create them
// (labels and names from ../shared/reference/README.md): the Flink operator's native clusters
// (FlinkDeployment, FlinkSessionJob, `<name>-rest` Service, `<name>-taskmanager-1-N` pods) and the
// plain-YAML standalone cluster (app/component labels, `<name>-jobmanager` Service).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/world.hpp"

namespace flinktop::demo {

// "2026-11-21T10:00:00Z" from epoch milliseconds.
std::string rfc3339(long long epoch_ms);

nlohmann::json jobmanager_pod(const DemoCluster& cluster);
nlohmann::json taskmanager_pod(const DemoCluster& cluster, const DemoTaskManager& taskmanager);
// The pod status of a TaskManager whose container restarted at `now_ms` and is not ready yet, or
// is ready again (`ready`).
void set_pod_restart(nlohmann::json& pod, int restarts, bool ready, long long started_ms, const std::string& reason);

std::vector<nlohmann::json> services(const DemoCluster& cluster);
std::vector<nlohmann::json> deployments(const DemoCluster& cluster);

// Operator resources with the status the operator writes. `job` is the application's job
// (nullptr for a session cluster).
nlohmann::json flink_deployment(const DemoCluster& cluster, const DemoJob* job);
nlohmann::json flink_session_job(const DemoCluster& cluster, const DemoJob& job);

// Operator "jobStatus" of a job as the operator reports it.
nlohmann::json operator_job_status(const DemoJob& job);

}  // namespace flinktop::demo
