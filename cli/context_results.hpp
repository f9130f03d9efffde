// What each requested context holds: its snapshot and Flink clusters, or the error that made it
// unusable, plus warnings about the parts it could not see. Contexts are independent clusters, so
// they are loaded at once. Shared by `get` and the job commands.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/kube_targets.hpp"
#include "core/error.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/cluster.hpp"
#include "core/model/store.hpp"

namespace flinktop::cli {

struct ContextResult {
  std::string context;
  std::string namespace_;
  std::shared_ptr<kube::ApiClient> client;
  std::shared_ptr<const model::ContextSnapshot> snapshot;  // null after a failure
  std::vector<model::Cluster> clusters;
  std::vector<Error> warnings;  // parts of the context it could not see
  bool operator_installed = false;
  std::optional<Error> failure;
};

std::vector<ContextResult> load_contexts(const std::vector<KubeTarget>& targets);

// Writes each failure and warning as one line to `err`; returns the exit code of the first.
int report_context_problems(const std::vector<ContextResult>& results, std::ostream& err);

}  // namespace flinktop::cli
