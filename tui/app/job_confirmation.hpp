// The confirmation a mutating job action asks for before it runs: which words, which exact target
// (context, namespace, cluster, job name and id) and whether it asks for a savepoint directory.
// A pure function of the action and its target, so every dialog is testable without a screen.
#pragma once

#include <optional>
#include <string>

#include "core/actions/job_actions.hpp"
#include "core/actions/job_lifecycle.hpp"
#include "core/actions/savepoint_dir.hpp"
#include "tui/app/key_map.hpp"
#include "tui/widgets/dialog.hpp"

namespace flinktop::tui {

// What runs once the user says yes: the verb ("cancel", "savepoint", "stop", "suspend",
// "resume", "scale", "restart", "restore"), its job, and what the dialog settled.
struct JobActionRequest {
  std::string verb;
  actions::JobRef job;
  std::string directory;  // savepoint, stop: typed ("" = the cluster's default)
  long long parallelism = 0;                 // scale: typed
  std::optional<actions::ScalePlan> plan;    // scale: the route the dialog said (none: decided when run)
  std::string savepoint;                     // restore: the picked savepoint's path
  std::string jar;                           // restore without the operator: the jar file typed
};

// What the dialogs of P (rescale), R (restart) and r (restore) say beyond the job itself, from
// what the UI already holds — nothing is fetched to open a dialog.
struct LifecycleFacts {
  long long parallelism = 0;                 // the job's highest vertex parallelism as polled; 0 unknown
  std::optional<actions::ScalePlan> scale;   // known when the JobManager's configuration was read
  const model::SavepointRecord* savepoint = nullptr;  // r: the savepoint picked in the job view
};

// "savepoint orders-enrichment": how the status line names the action while it runs.
std::string action_label(const JobActionRequest& request);

struct JobConfirmation {
  std::optional<DialogContent> dialog;  // set: ask this
  std::string verb;                     // what the dialog's Yes starts
  std::string refusal;                  // set instead of dialog: why the action does not apply
};

// `job` is the job the action is about (none selected: a refusal that says how to select one).
// A savepoint's directory field starts with `directory` and says where that came from.
JobConfirmation confirm_job_action(Action action, const std::optional<actions::JobRef>& job,
                                   const actions::SavepointDirDefault& directory = {},
                                   const LifecycleFacts& facts = {});

}  // namespace flinktop::tui
