// What every job action shares (job_actions.cpp, job_lifecycle.cpp): the way to the job — its
// operator resource or its cluster's REST client — and the journal around each action.
#pragma once

#include <fmt/format.h>

#include <string>

#include "core/actions/job_actions.hpp"
#include "core/actions/operator_actions.hpp"
#include "core/error.hpp"

namespace flinktop::actions {

// The FlinkSessionJob that runs `job` on its session cluster, if any.
const model::SessionJobSummary* session_job_of(const JobRef& job);

// The operator resource that owns a job: the FlinkDeployment of an application cluster, or the
// FlinkSessionJob that runs it on a session cluster. Error(NotFound) for a job submitted to a
// session directly.
OperatorResource resource_for(const ActionContext& ctx, const JobRef& job);

// The cluster's REST client; Error(Unsupported) when no endpoint is known.
flink::Client& rest(const ActionContext& ctx, const JobRef& job);

std::string job_label(const JobRef& job);

// Runs one action: refuses under --readonly, journals "started" and the outcome (its savepoint and
// new job id with it).
template <class F>
ActionResult journaled(const ActionContext& ctx, const JobRef& job, const std::string& action, F&& body) {
  JournalEntry entry{{}, job.cluster.context, job.cluster.namespace_, job.cluster.name,
                     job.job_id.empty() ? job.job_name : job.job_id, action, "", "", ""};
  if (ctx.readonly) {
    entry.result = "refused";
    entry.message = "--readonly";
    if (ctx.journal) ctx.journal->append(entry);
    throw Error(ErrorKind::Usage, fmt::format("refused: {} is a change and flinktop runs with --readonly", action));
  }
  if (ctx.journal) {
    entry.result = "started";
    ctx.journal->append(entry);
  }
  try {
    ActionResult result = body();
    if (!result.job_id.empty()) entry.job = result.job_id;
    entry.result = "succeeded";
    entry.savepoint = result.savepoint;
    entry.message = result.note.empty() ? result.message : fmt::format("{} ({})", result.message, result.note);
    if (ctx.journal) ctx.journal->append(entry);
    return result;
  } catch (const Error& error) {
    entry.result = "failed";
    entry.message = error.what();
    if (ctx.journal) ctx.journal->append(entry);
    throw;
  }
}

}  // namespace flinktop::actions
