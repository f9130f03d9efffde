// Finds the Flink clusters in one context's snapshot: operator-managed (FlinkDeployment), native
// (`type=flink-native-kubernetes`), and standalone (operator standalone mode or plain YAML with
// `app` + `component` labels). Each pod belongs to at most one cluster.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/cluster.hpp"
#include "core/model/store.hpp"

namespace flinktop::model {

// Every cluster in the snapshot, sorted by namespace, then name.
std::vector<Cluster> discover_clusters(const ContextSnapshot& snapshot);

// The object maps discover_clusters reads (compared by identity: the Store replaces a kind's map
// when one of its objects changes). Equal inputs give equal clusters, so an update of anything else
// — an Event, the pods' CPU/memory, a kind's sync status — need not run the discovery again.
struct DiscoveryInputs {
  std::string context;
  const void* pods = nullptr;
  const void* services = nullptr;
  const void* deployments = nullptr;
  const void* flink_deployments = nullptr;
  const void* session_jobs = nullptr;

  bool operator==(const DiscoveryInputs&) const = default;
};
DiscoveryInputs discovery_inputs(const ContextSnapshot& snapshot);

// "flink:1.20.0-scala_2.12" → "1.20.0"; "flink:1.20-java11" → "1.20"; "flink:latest" → "".
std::string flink_version_from_image(std::string_view image);

// "v1_20" (FlinkDeployment spec.flinkVersion) → "1.20"; anything else → "".
std::string flink_version_from_operator_enum(std::string_view value);

}  // namespace flinktop::model
