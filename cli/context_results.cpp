#include "cli/context_results.hpp"

#include <future>
#include <ostream>

#include "core/model/cluster_discovery.hpp"
#include "core/sync/context_loader.hpp"

namespace flinktop::cli {

namespace {

ContextResult load(const KubeTarget& target) {
  ContextResult result;
  result.context = target.config.context;
  result.namespace_ = target.namespace_;
  try {
    result.client = std::make_shared<kube::ApiClient>(target.config);
    auto snapshot = std::make_shared<model::ContextSnapshot>(sync::load_context(*result.client, target.namespace_));
    for (const auto& [kind, status] : snapshot->status) {
      if (status.error.empty() || status.not_served) continue;
      result.warnings.emplace_back(status.forbidden ? ErrorKind::Forbidden : ErrorKind::Server, status.error);
    }
    const auto& operator_status = snapshot->status.find(kube::resources::kFlinkDeployments.qualified_name());
    result.operator_installed = operator_status != snapshot->status.end() && !operator_status->second.not_served;
    result.clusters = model::discover_clusters(*snapshot);
    result.snapshot = std::move(snapshot);
  } catch (const Error& error) {
    result.failure = error;
  }
  return result;
}

}  // namespace

std::vector<ContextResult> load_contexts(const std::vector<KubeTarget>& targets) {
  std::vector<std::future<ContextResult>> pending;
  for (const KubeTarget& target : targets) pending.push_back(std::async(std::launch::async, load, std::cref(target)));
  std::vector<ContextResult> results;
  for (auto& future : pending) results.push_back(future.get());
  return results;
}

int report_context_problems(const std::vector<ContextResult>& results, std::ostream& err) {
  int exit_code = 0;
  for (const ContextResult& result : results) {
    if (result.failure) {
      err << "flinktop: " << result.failure->what() << '\n';
      if (exit_code == 0) exit_code = exit_code_for(result.failure->kind());
    }
    for (const Error& warning : result.warnings) {
      err << "flinktop: " << warning.what() << '\n';
      if (exit_code == 0) exit_code = exit_code_for(warning.kind());
    }
  }
  return exit_code;
}

}  // namespace flinktop::cli
