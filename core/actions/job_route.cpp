#include "core/actions/job_route.hpp"

namespace flinktop::actions {

const model::SessionJobSummary* session_job_of(const JobRef& job) {
  for (const model::SessionJobSummary& session_job : job.cluster.session_jobs) {
    if ((!job.job_id.empty() && session_job.job_id == job.job_id) ||
        (job.job_id.empty() && (session_job.name == job.job_name || session_job.job_name == job.job_name))) {
      return &session_job;
    }
  }
  return nullptr;
}

OperatorResource resource_for(const ActionContext& ctx, const JobRef& job) {
  if (!ctx.kube) throw Error(ErrorKind::Unsupported, "acting through the Flink operator needs Kubernetes access");
  const model::Cluster& c = job.cluster;
  if (c.kind == model::ClusterKind::OperatorApplication) return {ctx.kube, c.namespace_, c.name, false, ctx.cancel};
  if (const model::SessionJobSummary* session_job = session_job_of(job)) {
    return {ctx.kube, c.namespace_, session_job->name, true, ctx.cancel};
  }
  throw Error(ErrorKind::NotFound,
              fmt::format("job {} on session cluster {}/{} has no FlinkSessionJob: it was submitted directly; "
                          "act on it through the REST API (cancel, savepoint, stop)",
                          job.job_name.empty() ? job.job_id : job.job_name, c.namespace_, c.name));
}

flink::Client& rest(const ActionContext& ctx, const JobRef& job) {
  if (!ctx.flink) {
    throw Error(ErrorKind::Unsupported, fmt::format("no REST endpoint is known for cluster {}/{}",
                                                    job.cluster.namespace_, job.cluster.name));
  }
  return *ctx.flink;
}

std::string job_label(const JobRef& job) { return job.job_name.empty() ? job.job_id : job.job_name; }

}  // namespace flinktop::actions
