// Finds the Flink clusters in one context's snapshot: operator-managed (FlinkDeployment), native
// (`type=flink-native-kubernetes`), and standalone (operator standalone mode or plain YAML with
// `app` + `component` labels). Each pod belongs to at most one cluster.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/model/cluster.hpp"
#include "core/model/cluster_build.hpp"
#include "core/model/store.hpp"

namespace flinktop::model {

// Discovery that remembers the last snapshot of its context and rebuilds only the clusters whose
// objects changed since: a TaskManager restarting among 5,000 pods rebuilds its own cluster, not
// a thousand. Its answers equal discover_clusters' on the same snapshot, whatever came before.
// Not thread-safe: one per context, used by one thread.
class ClusterDiscovery {
 public:
  // Every cluster in the snapshot, sorted by namespace, then name. The same list (the same
  // pointer) as last time when none of the objects discovery reads changed — an Event, the pods'
  // CPU/memory or a kind's sync status change no cluster.
  std::shared_ptr<const ClusterList> run(const ContextSnapshot& snapshot);

 private:
  using UnitKey = std::tuple<std::string, std::string, bool>;  // namespace, app or name, typed

  // What one cluster is made of: a group of pods and Deployments and/or (typed only) the
  // FlinkDeployment of that name; and the cluster made of it last (null: to be made).
  struct Unit {
    Group group;
    const kube::FlinkDeployment* flink_deployment = nullptr;
    std::shared_ptr<const Cluster> cluster;
  };

  void start_over(const std::string& context);
  // Pods or Deployments: each changed one leaves the group its old version was in, and joins the
  // group of its new version.
  template <class T>
  void follow_members(const SharedObjects<T>& before, const SharedObjects<T>& after,
                      std::map<std::string_view, GroupMember<T>> Group::*members);
  void follow_pods(const SharedObjects<kube::Pod>& next);
  void follow_deployments(const SharedObjects<kube::Deployment>& next);
  void follow_flink_deployments(const SharedObjects<kube::FlinkDeployment>& next);
  void follow_session_jobs(const SharedObjects<kube::FlinkSessionJob>& next);
  void follow_services(const SharedObjects<kube::Service>& next);
  void touch(const UnitKey& key);
  void drop_if_empty(const UnitKey& key);
  std::shared_ptr<const ClusterList> assemble();

  std::string context_;
  bool ran_ = false;
  bool changed_ = false;
  // The maps of the last run, kept alive: every object pointer below points into them.
  SharedObjects<kube::Pod> pods_;
  SharedObjects<kube::Deployment> deployments_;
  SharedObjects<kube::FlinkDeployment> flink_deployments_;
  SharedObjects<kube::FlinkSessionJob> session_jobs_;
  SharedObjects<kube::Service> services_;
  std::map<UnitKey, Unit> units_;
  ServiceIndex service_index_;
  SessionJobIndex session_job_index_;
  std::shared_ptr<const ClusterList> clusters_;
};

// Every cluster in the snapshot, sorted by namespace, then name (a ClusterDiscovery's first run,
// copied: for one-off callers such as the CLI).
std::vector<Cluster> discover_clusters(const ContextSnapshot& snapshot);

// "flink:1.20.0-scala_2.12" → "1.20.0"; "flink:1.20-java11" → "1.20"; "flink:latest" → "".
std::string flink_version_from_image(std::string_view image);

// "v1_20" (FlinkDeployment spec.flinkVersion) → "1.20"; anything else → "".
std::string flink_version_from_operator_enum(std::string_view value);

}  // namespace flinktop::model
