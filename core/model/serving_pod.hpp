// Which pod a new port-forward connection goes to, read from a context's snapshot (kept fresh by a
// watch), so a forward follows what it names rather than the pod it first found:
//   - a cluster: its Running and Ready JobManager (the new one after a replacement or failover);
//   - a Service: a Running and Ready pod it selects;
//   - a pod: that pod while it is Running (a forward to a named pod does not move).
#pragma once

#include <memory>
#include <string>

#include "core/kube/port_forward/port_forward.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/model/store.hpp"

namespace flinktop::model {

struct ForwardTarget {
  enum class Kind { Cluster, Service, Pod };
  Kind kind = Kind::Cluster;
  std::string namespace_;
  std::string name;

  // "cluster ns/name", "svc ns/name", "pod ns/name": for messages and the list of forwards.
  std::string describe() const;
};

// Not thread-safe (it keeps a ClusterDiscovery): one per forward, called on the forward's thread.
class ServingPodFinder {
 public:
  explicit ServingPodFinder(ForwardTarget target) : target_(std::move(target)) {}
  kube::ServingPod find(const ContextSnapshot& snapshot);

 private:
  ForwardTarget target_;
  ClusterDiscovery discovery_;
};

}  // namespace flinktop::model
