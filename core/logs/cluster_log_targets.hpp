// The pieces logs::plan_logs decides with: how a pod becomes a PodLogTarget (with what the REST
// fallback needs), and which pod a Flink TaskManager runs in — by name on native Kubernetes, by IP for a
// standalone cluster (TaskManager id "10.0.0.7:6122-3f2a1b") — and which TaskManagers run a job.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/http/cancel_token.hpp"
#include "core/logs/log_source.hpp"
#include "core/model/cluster.hpp"
#include "core/model/store.hpp"

namespace flinktop::logs {

using PodIps = std::map<std::string, std::string>;  // pod name → pod IP

// The IPs of the pods of namespace `ns` in a context snapshot.
PodIps pod_ips(const model::ContextSnapshot& snapshot, const std::string& ns);

// `container` "" = FollowOptions::container. `flink` (may be null) is the pod's cluster's REST API.
PodLogTarget pod_log_target(const model::ClusterPod& pod, std::shared_ptr<flink::Client> flink,
                            const PodIps& ips, const std::string& container = "");

// The pod of TaskManager `taskmanager_id` (whose `endpoint` is host:port, "" if unknown); null when
// no pod of the cluster matches.
const model::ClusterPod* taskmanager_pod(const model::Cluster& cluster, const std::string& taskmanager_id,
                                         const std::string& endpoint, const PodIps& ips);

// The TaskManagers running the job's subtasks, as id → endpoint (one REST call per vertex).
// Throws Error like every flink::Client call.
std::map<std::string, std::string> job_taskmanagers(flink::Client& flink, const std::string& job_id,
                                                   http::CancelToken* cancel = nullptr);

}  // namespace flinktop::logs
