// One running source of a LogTail, shared between the LogTail (which asks for its status and may
// cancel it at any time) and the worker thread that reads it. The worker pushes lines and states
// through it; cancel() ends any request or pause of the worker promptly.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/http/cancel_token.hpp"
#include "core/logs/log_buffer.hpp"
#include "core/logs/log_source.hpp"

namespace flinktop::logs {

class SourceRun {
 public:
  SourceRun(std::shared_ptr<LogBuffer> buffer, std::string key, std::shared_ptr<const LogOrigin> origin);

  // --- the LogTail --------------------------------------------------------------------------------
  void cancel();
  SourceStatus status() const;
  bool finished() const;  // the worker returned

  // --- the worker ----------------------------------------------------------------------------------
  http::CancelToken* cancel_token() noexcept { return &cancel_; }
  bool cancelled() const noexcept { return cancel_.cancelled(); }
  // Pauses; false when cancelled meanwhile (the worker should return).
  bool pause(std::chrono::milliseconds duration);
  // Wakes the reader when the state or message changed.
  void set_state(SourceState state, std::string message = {}, std::optional<ErrorKind> error = std::nullopt);
  SourceState state() const;
  // What is being shown changed (the REST fallback): later lines carry `origin`.
  void set_origin(std::shared_ptr<const LogOrigin> origin);
  // False when the buffer is closed (the tail is stopping).
  bool push(std::shared_ptr<LogLine> line);
  void mark_finished();

 private:
  std::shared_ptr<LogBuffer> buffer_;
  http::CancelToken cancel_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  SourceStatus status_;  // its `lines` is kept in lines_ (counted without the mutex)
  std::atomic<std::uint64_t> lines_{0};
  bool finished_ = false;
};

}  // namespace flinktop::logs
