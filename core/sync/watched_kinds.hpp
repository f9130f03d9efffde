// The resource kinds flinktop keeps in the Store, and where each lives in a ContextSnapshot: the
// one list that the one-shot loader (CLI) and the reflectors (TUI) both walk.
#pragma once

#include "core/kube/objects/all.hpp"
#include "core/kube/resource_type.hpp"
#include "core/model/store.hpp"

namespace flinktop::sync {

template <class T>
struct WatchedKind {
  const kube::ResourceType& type;
  model::SharedObjects<T> model::ContextSnapshot::*member;
  bool operator_resource;  // served only where the Flink Kubernetes Operator's CRDs are installed
  // Events only serve `d` (describe) in the terminal UI; the CLI's one-shot load skips them.
  bool interactive_only = false;
};

// Calls visit(WatchedKind<T>) for each kind, in the order a user needs them (pods first).
template <class Visit>
void for_each_watched_kind(Visit&& visit) {
  namespace r = kube::resources;
  using model::ContextSnapshot;
  visit(WatchedKind<kube::Pod>{r::kPods, &ContextSnapshot::pods, false});
  visit(WatchedKind<kube::Service>{r::kServices, &ContextSnapshot::services, false});
  visit(WatchedKind<kube::Deployment>{r::kDeployments, &ContextSnapshot::deployments, false});
  visit(WatchedKind<kube::FlinkDeployment>{r::kFlinkDeployments, &ContextSnapshot::flink_deployments, true});
  visit(WatchedKind<kube::FlinkSessionJob>{r::kFlinkSessionJobs, &ContextSnapshot::session_jobs, true});
  visit(WatchedKind<kube::FlinkStateSnapshot>{r::kFlinkStateSnapshots, &ContextSnapshot::state_snapshots, true});
  visit(WatchedKind<kube::Event>{r::kEvents, &ContextSnapshot::events, false, true});
}

}  // namespace flinktop::sync
