// Which Kubernetes resource a request is about: enough to build its URL and to name it in errors.
#pragma once

#include <string>

namespace flinktop::kube {

struct ResourceType {
  std::string group;    // "" for the core group
  std::string version;  // "v1", "v1beta1"
  std::string plural;   // "pods"
  std::string kind;     // "Pod"
  bool namespaced = true;

  std::string group_version() const { return group.empty() ? version : group + "/" + version; }
  // "pods", "deployments.apps", "flinkdeployments.flink.apache.org": as kubectl names it in errors.
  std::string qualified_name() const { return group.empty() ? plural : plural + "." + group; }
};

namespace resources {
inline const ResourceType kNamespaces{"", "v1", "namespaces", "Namespace", false};
inline const ResourceType kPods{"", "v1", "pods", "Pod", true};
inline const ResourceType kServices{"", "v1", "services", "Service", true};
inline const ResourceType kEvents{"", "v1", "events", "Event", true};
inline const ResourceType kDeployments{"apps", "v1", "deployments", "Deployment", true};
inline const ResourceType kFlinkDeployments{"flink.apache.org", "v1beta1", "flinkdeployments", "FlinkDeployment", true};
inline const ResourceType kFlinkSessionJobs{"flink.apache.org", "v1beta1", "flinksessionjobs", "FlinkSessionJob", true};
inline const ResourceType kFlinkStateSnapshots{"flink.apache.org", "v1beta1", "flinkstatesnapshots", "FlinkStateSnapshot", true};
inline const ResourceType kConfigMaps{"", "v1", "configmaps", "ConfigMap", true};
inline const ResourceType kBatchJobs{"batch", "v1", "jobs", "Job", true};  // Kubernetes Jobs, not Flink jobs
// Served by metrics-server (or another metrics API) when installed; list only, no watch.
inline const ResourceType kPodMetrics{"metrics.k8s.io", "v1beta1", "pods", "PodMetrics", true};
}  // namespace resources

}  // namespace flinktop::kube
