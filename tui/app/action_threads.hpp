// Job actions run on the App's ActionRunner (a savepoint can take minutes) and report back through
// an outbox the UI thread empties each frame. Quitting cancels them (their outcome, "cancelled", is
// journaled) and waits for them; the outbox is shared so that their last words have somewhere to go.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/actions/action_runner.hpp"
#include "core/actions/job_actions.hpp"
#include "core/model/store.hpp"
#include "tui/app/job_confirmation.hpp"
#include "tui/app/object_confirmation.hpp"
#include "tui/widgets/status_line.hpp"

namespace flinktop::tui {

// How an action ended: one line, and the savepoint it wrote (the copy key takes it while the
// line shows).
struct ActionOutcome {
  Severity severity = Severity::Ok;
  std::string message;
  std::string savepoint;
};

struct ActionOutbox {
  std::mutex mutex;
  std::vector<ActionOutcome> messages;
  std::vector<std::string> finished;  // labels of in-flight actions that ended
  model::Store* store = nullptr;      // to wake the UI; cleared when the App ends
};

// Starts the action on `runner`; its outcome (one line) and its label land in `outbox`.
void start_job_action(actions::ActionRunner& runner, JobActionRequest request, actions::ActionContext ctx,
                      std::shared_ptr<ActionOutbox> outbox, std::shared_ptr<actions::Journal> journal);

// Deletes the object of `request` on `runner`, journals it and reports like start_job_action.
void start_object_delete(actions::ActionRunner& runner, ObjectRequest request, std::shared_ptr<kube::ApiClient> client,
                         std::shared_ptr<ActionOutbox> outbox, std::shared_ptr<actions::Journal> journal);

// Wakes the UI thread through the outbox's store, if the App still lives.
void wake(ActionOutbox& outbox);

// Moves finished actions' messages into the status line; true when any action finished. A
// message with a savepoint path stays longer and, when `copy_key` is given, starts by saying how
// to copy it.
bool collect_outbox(ActionOutbox& outbox, StatusLineData& status, WidgetClock::time_point now,
                    const std::string& copy_key = "");

}  // namespace flinktop::tui
