#include "core/logs/cluster_log_targets.hpp"

#include "core/flink/client.hpp"
#include "core/kube/objects/pod.hpp"

namespace flinktop::logs {

namespace {

std::string host_of(std::string_view address) {
  const auto colon = address.rfind(':');
  return std::string(colon == std::string_view::npos ? address : address.substr(0, colon));
}

}  // namespace

PodIps pod_ips(const model::ContextSnapshot& snapshot, const std::string& ns) {
  PodIps ips;
  for (const auto& [uid, pod] : snapshot.objects<kube::Pod>()) {
    if (pod && pod->meta.namespace_ == ns) ips[pod->meta.name] = pod->pod_ip;
  }
  return ips;
}

PodLogTarget pod_log_target(const model::ClusterPod& pod, std::shared_ptr<flink::Client> flink,
                            const PodIps& ips, const std::string& container) {
  PodLogTarget out;
  out.namespace_ = pod.namespace_;
  out.name = pod.name;
  out.uid = pod.uid;
  out.container = container;
  out.flink = std::move(flink);
  out.jobmanager = pod.role == model::PodRole::JobManager;
  if (auto ip = ips.find(pod.name); ip != ips.end()) out.pod_ip = ip->second;
  return out;
}

const model::ClusterPod* taskmanager_pod(const model::Cluster& cluster, const std::string& taskmanager_id,
                                         const std::string& endpoint, const PodIps& ips) {
  // A standalone id is "<ip>:<port>-<hex>": its host part is the pod's IP.
  const auto colon = taskmanager_id.find(':');
  const std::string id_host =
      colon == std::string::npos ? "" : host_of(taskmanager_id.substr(0, taskmanager_id.find('-', colon)));
  for (const model::ClusterPod& pod : cluster.pods) {
    if (pod.role != model::PodRole::TaskManager) continue;
    if (pod.name == taskmanager_id) return &pod;
    auto ip = ips.find(pod.name);
    if (ip == ips.end() || ip->second.empty()) continue;
    if (ip->second == id_host || (!endpoint.empty() && ip->second == host_of(endpoint))) return &pod;
  }
  return nullptr;
}

std::map<std::string, std::string> job_taskmanagers(flink::Client& flink, const std::string& job_id,
                                                   http::CancelToken* cancel) {
  std::map<std::string, std::string> tms;
  const flink::JobDetails job = flink.job(job_id, cancel);
  for (const auto& vertex : job.vertices) {
    for (const auto& tm : flink.vertex_taskmanagers(job_id, vertex.id, cancel)) {
      if (!tm.taskmanager_id.empty()) tms[tm.taskmanager_id] = tm.endpoint;
    }
  }
  return tms;
}

}  // namespace flinktop::logs
