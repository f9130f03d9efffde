// Which pod a new port-forward connection goes to, read from a context's snapshot (kept fresh by a
// watch), so a forward follows what it names rather than the pod it first found:
//   - a cluster: its Running and Ready JobManager (the new one after a replacement or failover);
//   - a Service: a Running and Ready pod it selects;
//   - a pod: that pod while it is Running (a forward to a named pod does not move).
#pragma once

#include <cstdint>
#include <functional>
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

  bool operator==(const ForwardTarget&) const = default;
};

// The JobManager's container port behind its REST Service — what a forward to the cluster dials:
// the Service port's numeric targetPort, else the port itself (a named targetPort names a
// container port, which flinktop does not read).
std::uint16_t rest_pod_port(const ContextSnapshot& snapshot, const RestService& rest);

// The Running and Ready JobManager of `cluster` (discovered in `snapshot`), or why none: for a
// caller that holds the discovered cluster already (no discovery of its own).
kube::ServingPod serving_jobmanager(const Cluster& cluster, const ContextSnapshot& snapshot);

// Not thread-safe (it keeps a ClusterDiscovery): one per forward, called on the forward's thread.
class ServingPodFinder {
 public:
  explicit ServingPodFinder(ForwardTarget target) : target_(std::move(target)) {}
  kube::ServingPod find(const ContextSnapshot& snapshot);

 private:
  ForwardTarget target_;
  ClusterDiscovery discovery_;
};

// A thread-safe finder for `target` over whatever `snapshot` returns at each call (the Store's
// latest, or one listed snapshot): the resolver a port-forward or a fallback route is given.
std::function<kube::ServingPod()> serving_pod_fn(ForwardTarget target,
                                                 std::function<std::shared_ptr<const ContextSnapshot>()> snapshot);

}  // namespace flinktop::model
