#include "core/sync/job_taskmanagers_poller.hpp"

#include "core/logs/cluster_log_targets.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::sync {

JobTaskManagersPoller::JobTaskManagersPoller(std::shared_ptr<flink::Client> client, std::string job_id,
                                             std::chrono::milliseconds interval, std::function<void()> on_update)
    : client_(std::move(client)),
      job_id_(std::move(job_id)),
      interval_(interval),
      on_update_(std::move(on_update)),
      thread_([this](std::stop_token stop) { run(std::move(stop)); }) {}

JobTaskManagersPoller::~JobTaskManagersPoller() {
  thread_.request_stop();  // wakes the wait between looks
  cancel_.cancel();        // ends the call in flight
}

std::optional<JobTaskManagers> JobTaskManagersPoller::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

void JobTaskManagersPoller::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    JobTaskManagers found;
    try {
      found.ids = logs::job_taskmanagers(*client_, job_id_, &cancel_);
    } catch (const std::exception& e) {
      found.error = text::one_line(e.what(), 200);
    }
    {
      std::lock_guard lock(mutex_);
      if (stop.stop_requested()) return;
      if (!found.error.empty() && latest_ && !latest_->ids.empty()) found.ids = latest_->ids;
      latest_ = std::move(found);
    }
    if (on_update_) on_update_();
    std::unique_lock lock(mutex_);
    woken_.wait_for(lock, stop, interval_, [] { return false; });  // the interval, or a stop request
  }
}

}  // namespace flinktop::sync
