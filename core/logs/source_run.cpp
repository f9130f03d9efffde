#include "core/logs/source_run.hpp"

namespace flinktop::logs {

std::string_view to_string(SourceState state) noexcept {
  switch (state) {
    case SourceState::Connecting: return "connecting";
    case SourceState::Streaming: return "streaming";
    case SourceState::Reconnecting: return "reconnecting";
    case SourceState::Waiting: return "waiting";
    case SourceState::Forbidden: return "forbidden";
    case SourceState::Ended: return "ended";
    case SourceState::Failed: return "failed";
  }
  return "";
}

SourceRun::SourceRun(std::shared_ptr<LogBuffer> buffer, std::string key,
                     std::shared_ptr<const LogOrigin> origin)
    : buffer_(std::move(buffer)) {
  status_.key = std::move(key);
  status_.origin = std::move(origin);
  status_.changed = std::chrono::system_clock::now();
}

void SourceRun::cancel() {
  cancel_.cancel();
  // Taking the mutex orders this notify after a pause() that is about to wait: it cannot miss it.
  std::lock_guard lock(mutex_);
  wake_.notify_all();
}

SourceStatus SourceRun::status() const {
  std::lock_guard lock(mutex_);
  SourceStatus status = status_;
  status.lines = lines_.load(std::memory_order_relaxed);
  return status;
}

bool SourceRun::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

void SourceRun::mark_finished() {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  buffer_->wake();
}

bool SourceRun::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [&] { return cancel_.cancelled(); });
}

void SourceRun::set_state(SourceState state, std::string message, std::optional<ErrorKind> error) {
  {
    std::lock_guard lock(mutex_);
    if (status_.state == state && status_.message == message && status_.error == error) return;
    if (status_.state != state) status_.changed = std::chrono::system_clock::now();
    status_.state = state;
    status_.message = std::move(message);
    status_.error = error;
  }
  buffer_->wake();
}

SourceState SourceRun::state() const {
  std::lock_guard lock(mutex_);
  return status_.state;
}

void SourceRun::set_origin(std::shared_ptr<const LogOrigin> origin) {
  std::lock_guard lock(mutex_);
  status_.origin = std::move(origin);
}

bool SourceRun::push(std::shared_ptr<LogLine> line) {
  if (!buffer_->push(std::move(line))) return false;
  lines_.fetch_add(1, std::memory_order_relaxed);
  return true;
}

}  // namespace flinktop::logs
