// The Store: the latest snapshot of every watched Kubernetes resource kind, per context, keyed by
// uid. Writers (sync workers) publish copy-on-write updates; readers (the UI, the CLI) take an
// immutable snapshot without holding any lock while they use it. Every update wakes the UI
// through one file descriptor.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace flinktop::kube {
struct Namespace;
struct Pod;
struct Service;
struct Deployment;
struct Event;
struct FlinkDeployment;
struct FlinkSessionJob;
struct FlinkStateSnapshot;
}  // namespace flinktop::kube

namespace flinktop::model {

// uid → object. std::map keeps a stable, sorted iteration order.
template <class T>
using ObjectMap = std::map<std::string, std::shared_ptr<const T>>;

template <class T>
using SharedObjects = std::shared_ptr<const ObjectMap<T>>;

// How fresh one resource kind is in one context; shown to the user as-is.
struct KindStatus {
  bool synced = false;      // a full list has arrived
  bool forbidden = false;   // 403: RBAC does not allow listing/watching it
  bool not_served = false;  // the API group is not installed (e.g. no Flink operator)
  std::string error;        // last error, one line; empty when healthy
  std::chrono::system_clock::time_point updated{};  // last successful list or event
};

// What a pod uses now, as the metrics API (metrics-server) last said: summed over its containers.
struct PodUsage {
  double cpu_cores = 0;
  double memory_bytes = 0;
};
// By "namespace/name". Hashed: the pods view looks up every pod's usage each time it makes rows
// (5,000 lookups in an ordered map of long, same-prefixed keys were 6 % of an idle flinktop).
using PodUsageMap = std::unordered_map<std::string, PodUsage>;

struct ContextSnapshot {
  std::string context;
  SharedObjects<kube::Namespace> namespaces;
  SharedObjects<kube::Pod> pods;
  SharedObjects<kube::Service> services;
  SharedObjects<kube::Deployment> deployments;
  SharedObjects<kube::Event> events;
  SharedObjects<kube::FlinkDeployment> flink_deployments;
  SharedObjects<kube::FlinkSessionJob> session_jobs;
  SharedObjects<kube::FlinkStateSnapshot> state_snapshots;
  // Null while no metrics API answers (not installed, forbidden, not listed yet).
  std::shared_ptr<const PodUsageMap> pod_usage;
  std::map<std::string, KindStatus> status;  // by ResourceType::qualified_name()
  std::uint64_t generation = 0;

  // The map for T (never null: empty until something arrives).
  template <class T>
  const ObjectMap<T>& objects() const;
};

class Store {
 public:
  Store();
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The current snapshot of a context (an empty one if nothing was published yet).
  std::shared_ptr<const ContextSnapshot> snapshot(const std::string& context) const;
  std::vector<std::string> contexts() const;

  // Copy-on-write: `mutate` edits a copy of the context's snapshot (its maps are shared until
  // replaced), which is then published atomically and the wake fd is signalled.
  void update(const std::string& context, const std::function<void(ContextSnapshot&)>& mutate);

  // Wakes readers without changing a snapshot: other sources (Flink REST polls) use the same fd.
  void notify();

  // Readable (poll/select) after any update since the last clear_wake().
  int wake_fd() const noexcept { return wake_fd_; }
  void clear_wake();
  std::uint64_t generation() const;

 private:
  std::mutex update_mutex_;  // serialises writers so that no update is lost
  mutable std::mutex mutex_;  // guards the published pointers only
  std::map<std::string, std::shared_ptr<const ContextSnapshot>> contexts_;
  std::uint64_t generation_ = 0;
  int wake_fd_ = -1;
};

}  // namespace flinktop::model
