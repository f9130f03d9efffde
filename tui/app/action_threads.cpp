#include "tui/app/action_threads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace flinktop::tui {

namespace {
constexpr auto kFlashFor = std::chrono::seconds(8);
}

std::thread start_job_action(JobActionRequest request, actions::ActionContext ctx,
                             std::shared_ptr<ActionOutbox> outbox, std::shared_ptr<actions::Journal> journal) {
  // `journal` rides along only to stay alive as long as the thread that writes to it.
  return std::thread([request = std::move(request), ctx = std::move(ctx), outbox = std::move(outbox),
                      journal = std::move(journal)] {
    Severity severity = Severity::Ok;
    std::string message;
    try {
      actions::ActionResult result;
      const actions::JobRef& job = request.job;
      if (request.verb == "cancel") result = actions::cancel_job(ctx, job, /*force=*/true);
      if (request.verb == "savepoint") result = actions::savepoint_job(ctx, job, request.directory);
      if (request.verb == "stop") result = actions::stop_job(ctx, job, request.directory, false);
      if (request.verb == "suspend") result = actions::suspend_job(ctx, job);
      if (request.verb == "resume") result = actions::resume_job(ctx, job);
      message = result.message;
    } catch (const std::exception& e) {
      severity = Severity::Error;
      message = e.what();
    }
    std::lock_guard lock(outbox->mutex);
    outbox->messages.emplace_back(severity, message);
    outbox->finished.push_back(action_label(request));
    if (outbox->store) outbox->store->notify();
  });
}

bool collect_outbox(ActionOutbox& outbox, StatusLineData& status, WidgetClock::time_point now) {
  std::lock_guard lock(outbox.mutex);
  for (auto& [severity, message] : outbox.messages) status.flash = Flash{std::move(message), severity, now + kFlashFor};
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
