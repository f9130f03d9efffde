// From the global flags to the list of (context, namespace) the command works on, kubectl's way:
// --kubeconfig / $KUBECONFIG / ~/.kube/config, --context or the current-context, -n or the
// context's namespace, -A for all; the in-cluster service account when there is no kubeconfig.
#pragma once

#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "core/kube/rest_config.hpp"

namespace flinktop::cli {

struct KubeTarget {
  kube::RestConfig config;
  std::string namespace_;  // empty = all namespaces
};

// Throws flinktop::Error(Config) with the kubeconfig's problem, or (Usage) for conflicting flags.
std::vector<KubeTarget> resolve_targets(const GlobalOptions& options);

}  // namespace flinktop::cli
