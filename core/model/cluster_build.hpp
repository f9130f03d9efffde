// The rules that make one Flink cluster out of the Kubernetes objects that belong to it: which
// labels put a pod or Deployment in a cluster, how its state, counts, REST Service, version and
// operator status are read. ClusterDiscovery decides which clusters to (re)build; this file only
// builds one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/cluster.hpp"

namespace flinktop::kube {
struct Pod;
struct Service;
struct Deployment;
struct FlinkDeployment;
struct FlinkSessionJob;
}  // namespace flinktop::kube

namespace flinktop::model {

// How a pod or Deployment says it belongs to a Flink cluster.
struct FlinkLabels {
  bool typed = false;   // has type=flink-native-kubernetes / flink-standalone-kubernetes
  bool native = false;  // type=flink-native-kubernetes
  std::string app;
  PodRole role = PodRole::Other;
};

// Nothing when the labels name no Flink cluster.
std::optional<FlinkLabels> classify(const std::map<std::string, std::string>& labels);
// A Deployment by its own labels, else by its pod template's.
std::optional<FlinkLabels> classify(const kube::Deployment& deployment);

template <class T>
struct GroupMember {
  const T* object = nullptr;
  PodRole role = PodRole::Other;
  bool native = false;
};

// The pods and Deployments that share (namespace, app) and labelling style (typed or plain), by
// uid (the member's own meta.uid: the key lives as long as the member): the order in which "the
// first JobManager" is chosen.
struct Group {
  std::map<std::string_view, GroupMember<kube::Pod>> pods;
  std::map<std::string_view, GroupMember<kube::Deployment>> deployments;

  bool empty() const { return pods.empty() && deployments.empty(); }
  bool any_native() const;
};

// Services and session jobs, indexed once per change of theirs, so that a thousand clusters do not
// each scan every one.
struct ServiceIndex {
  std::map<std::string, std::vector<const kube::Service*>> by_namespace;
  std::map<std::pair<std::string, std::string>, const kube::Service*> by_name;  // (namespace, name)
};
using SessionJobIndex =
    std::map<std::pair<std::string, std::string>, std::vector<const kube::FlinkSessionJob*>>;  // (ns, deployment)

// What every cluster of a context is built with.
struct BuildInputs {
  const std::string& context;
  const ServiceIndex& services;
  const SessionJobIndex& session_jobs;
};

// The cluster of a FlinkDeployment, with the typed group of the same name (possibly empty).
Cluster operator_cluster(const BuildInputs& in, const kube::FlinkDeployment& fd, const Group& group);

// A native or standalone cluster without an operator resource. `id` is decided by the caller (a
// plain-YAML app named like a typed cluster gets a suffix).
Cluster group_cluster(const BuildInputs& in, const std::string& namespace_, const std::string& app, bool typed,
                      const Group& group, std::string id);

}  // namespace flinktop::model
