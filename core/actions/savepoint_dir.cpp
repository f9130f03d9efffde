#include "core/actions/savepoint_dir.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

#include "core/kube/objects/flink_deployment.hpp"
#include "core/kube/objects/flink_session_job.hpp"

namespace flinktop::actions {

namespace {

// The first key of kSavepointDirKeys `lookup` knows, with its value.
template <class Lookup>
std::optional<std::pair<std::string, std::string>> savepoint_key(Lookup lookup) {
  for (const char* key : kSavepointDirKeys) {
    if (auto value = lookup(key); value && !value->empty()) return std::pair<std::string, std::string>(key, *value);
  }
  return std::nullopt;
}

std::optional<SavepointDirDefault> from_resource(const std::map<std::string, std::string>& configuration,
                                                 const std::string& what) {
  auto found = savepoint_key([&](const std::string& key) -> std::optional<std::string> {
    auto it = configuration.find(key);
    return it == configuration.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
  if (!found) return std::nullopt;
  return SavepointDirDefault{found->second, fmt::format("{}, spec.flinkConfiguration {}", what, found->first)};
}

std::optional<SavepointDirDefault> from_jobmanager(const model::FlinkClusterSnapshot* flink) {
  if (flink == nullptr || !flink->jobmanager_config) return std::nullopt;
  auto found = savepoint_key([&](const std::string& key) -> std::optional<std::string> {
    for (const auto& [k, v] : *flink->jobmanager_config) {
      if (k == key) return v;
    }
    return std::nullopt;
  });
  if (!found) return std::nullopt;
  return SavepointDirDefault{found->second, fmt::format("the JobManager's configuration, {}", found->first)};
}

const kube::FlinkDeployment* deployment_of(const model::Cluster& c, const model::ContextSnapshot* context) {
  if (context == nullptr || !c.operator_managed()) return nullptr;
  for (const auto& [uid, fd] : context->objects<kube::FlinkDeployment>()) {
    if (fd->meta.namespace_ == c.namespace_ && fd->meta.name == c.name) return fd.get();
  }
  return nullptr;
}

const kube::FlinkSessionJob* session_job_of(const JobRef& job, const model::ContextSnapshot* context) {
  if (context == nullptr) return nullptr;
  for (const model::SessionJobSummary& summary : job.cluster.session_jobs) {
    if (summary.job_id.empty() || summary.job_id != job.job_id) continue;
    for (const auto& [uid, sj] : context->objects<kube::FlinkSessionJob>()) {
      if (sj->meta.namespace_ == job.cluster.namespace_ && sj->meta.name == summary.name) return sj.get();
    }
  }
  return nullptr;
}

}  // namespace

SavepointDirDefault default_savepoint_dir(const JobRef& job, const model::FlinkClusterSnapshot* flink,
                                          const model::ContextSnapshot* context) {
  const model::Cluster& c = job.cluster;
  std::optional<SavepointDirDefault> session, deployment;
  if (const kube::FlinkSessionJob* sj = session_job_of(job, context)) {
    session = from_resource(sj->spec.flink_configuration, fmt::format("FlinkSessionJob {}/{}", c.namespace_, sj->meta.name));
  }
  if (const kube::FlinkDeployment* fd = deployment_of(c, context)) {
    deployment = from_resource(fd->spec.flink_configuration, fmt::format("FlinkDeployment {}/{}", c.namespace_, c.name));
  }
  std::optional<SavepointDirDefault> jobmanager = from_jobmanager(flink);
  if (route_for(job, "savepoint") == Route::Operator) {
    for (const auto* candidate : {&session, &deployment, &jobmanager}) {
      if (*candidate) return **candidate;
    }
  } else {
    for (const auto* candidate : {&jobmanager, &session, &deployment}) {
      if (*candidate) return **candidate;
    }
  }
  return {};
}

}  // namespace flinktop::actions
