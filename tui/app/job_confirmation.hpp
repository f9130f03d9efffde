// The confirmation a mutating job action asks for before it runs: which words, which exact target
// (context, namespace, cluster, job name and id) and whether it asks for a savepoint directory.
// A pure function of the action and its target, so every dialog is testable without a screen.
#pragma once

#include <optional>
#include <string>

#include "core/actions/job_actions.hpp"
#include "core/actions/savepoint_dir.hpp"
#include "tui/app/key_map.hpp"
#include "tui/widgets/dialog.hpp"

namespace flinktop::tui {

// What runs once the user says yes: the verb ("cancel", "savepoint", "stop", "suspend",
// "resume"), its job, and the directory typed into the dialog ("" = the cluster's default).
struct JobActionRequest {
  std::string verb;
  actions::JobRef job;
  std::string directory;
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
                                   const actions::SavepointDirDefault& directory = {});

}  // namespace flinktop::tui
