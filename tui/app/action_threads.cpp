#include "tui/app/action_threads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace flinktop::tui {

namespace {

constexpr auto kFlashFor = std::chrono::seconds(8);
constexpr auto kSavepointFlashFor = std::chrono::seconds(30);  // time to copy the path

// An action thread's last words: its outcome, and that `label` is no longer in flight.
void report(ActionOutbox& outbox, ActionOutcome outcome, std::string label) {
  std::lock_guard lock(outbox.mutex);
  outbox.messages.push_back(std::move(outcome));
  outbox.finished.push_back(std::move(label));
  if (outbox.store) outbox.store->notify();
}

}  // namespace

void start_job_action(actions::ActionRunner& runner, JobActionRequest request, actions::ActionContext ctx,
                      std::shared_ptr<ActionOutbox> outbox, std::shared_ptr<actions::Journal> journal) {
  // `journal` rides along only to stay alive as long as the thread that writes to it.
  runner.start([request = std::move(request), ctx = std::move(ctx), outbox = std::move(outbox),
                journal = std::move(journal)](http::CancelToken& cancel) mutable {
    ctx.cancel = &cancel;
    ActionOutcome outcome;
    try {
      actions::ActionResult result;
      const actions::JobRef& job = request.job;
      if (request.verb == "cancel") result = actions::cancel_job(ctx, job, /*force=*/true);
      if (request.verb == "savepoint") result = actions::savepoint_job(ctx, job, request.directory);
      if (request.verb == "stop") result = actions::stop_job(ctx, job, request.directory, false);
      if (request.verb == "suspend") result = actions::suspend_job(ctx, job);
      if (request.verb == "resume") result = actions::resume_job(ctx, job);
      if (request.verb == "restart") result = actions::restart_job(ctx, job);
      if (request.verb == "scale") {
        result = actions::scale_job(ctx, job, actions::ScaleRequest::to(request.parallelism), request.plan);
      }
      if (request.verb == "restore") {
        actions::RestoreRequest restore;
        restore.savepoint = request.savepoint;
        restore.resubmit.jar_path = request.jar;
        result = actions::restore_job(ctx, job, restore);
      }
      outcome.message = result.message;
      outcome.savepoint = result.savepoint;
    } catch (const std::exception& e) {
      outcome.severity = Severity::Error;
      outcome.message = e.what();
    }
    report(*outbox, std::move(outcome), action_label(request));
  });
}

void start_object_delete(actions::ActionRunner& runner, ObjectRequest request, std::shared_ptr<kube::ApiClient> client,
                         std::shared_ptr<ActionOutbox> outbox, std::shared_ptr<actions::Journal> journal) {
  runner.start([request = std::move(request), client = std::move(client), outbox = std::move(outbox),
                journal = std::move(journal)](http::CancelToken&) {
    ActionOutcome outcome;
    try {
      if (!client) throw std::runtime_error("no Kubernetes client for context " + request.key.context);
      actions::delete_object(*client, request.key, /*dry_run=*/false);
      outcome.message = "deleted " + actions::describe(request.key);
    } catch (const std::exception& e) {
      outcome.severity = Severity::Error;
      outcome.message = e.what();
    }
    const bool ok = outcome.severity != Severity::Error;
    const std::string unjournaled =
        actions::journal_change(journal.get(), request.key, "delete", ok, ok ? "" : outcome.message);
    if (!unjournaled.empty()) outcome.message += "; not journaled: " + unjournaled;
    report(*outbox, std::move(outcome), action_label(request));
  });
}

void wake(ActionOutbox& outbox) {
  std::lock_guard lock(outbox.mutex);
  if (outbox.store) outbox.store->notify();
}

bool collect_outbox(ActionOutbox& outbox, StatusLineData& status, WidgetClock::time_point now,
                    const std::string& copy_key) {
  std::lock_guard lock(outbox.mutex);
  for (ActionOutcome& outcome : outbox.messages) {
    if (outcome.savepoint.empty()) {
      status.flash = Flash{std::move(outcome.message), outcome.severity, now + kFlashFor, ""};
      continue;
    }
    // The hint first: a long path would push it off the line.
    std::string text = copy_key.empty() ? std::move(outcome.message)
                                        : fmt::format("{} copies the path · {}", copy_key, outcome.message);
    status.flash = Flash{std::move(text), outcome.severity, now + kSavepointFlashFor, std::move(outcome.savepoint)};
  }
  for (const std::string& label : outbox.finished) {
    auto it = std::find_if(status.in_flight.begin(), status.in_flight.end(),
                           [&](const InFlight& f) { return f.label == label; });
    if (it != status.in_flight.end()) status.in_flight.erase(it);
  }
  const bool any = !outbox.messages.empty();
  outbox.messages.clear();
  outbox.finished.clear();
  return any;
}

}  // namespace flinktop::tui
