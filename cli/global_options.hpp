// Flags every flinktop command shares: which kubeconfig, which contexts, which namespaces.
#pragma once

#include <string>
#include <vector>

namespace flinktop::cli {

struct GlobalOptions {
  std::string kubeconfig;             // --kubeconfig (empty: $KUBECONFIG, then ~/.kube/config)
  std::vector<std::string> contexts;  // --context (repeatable, or comma-separated); empty = current
  bool all_contexts = false;          // --all-contexts
  std::string namespace_;             // -n/--namespace; empty = the context's namespace
  bool all_namespaces = false;        // -A/--all-namespaces
  bool readonly = false;              // --readonly: refuse every mutation
};

}  // namespace flinktop::cli
