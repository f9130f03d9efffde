// Cancels an in-flight request from another thread, promptly (not at the next byte).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

namespace flinktop::http {

class CancelToken {
 public:
  // Thread-safe; idempotent. Wakes the transfer that is using this token.
  void cancel();
  bool cancelled() const noexcept { return cancelled_.load(std::memory_order_acquire); }

  // Sleeps for `duration` unless cancelled first (then at once): false when cancelled. For the
  // waits between polls, so that a cancel ends them too. Not while a transfer uses the token.
  bool wait_for(std::chrono::milliseconds duration);

  // Used by the Session while a transfer runs: `wake` is called (once) on cancel().
  void set_waker(std::function<void()> wake);
  void clear_waker();

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::function<void()> waker_;
};

// Sleeps for `duration`, ending early (false) when `cancel` fires; null `cancel`: a plain sleep.
bool sleep_unless_cancelled(std::chrono::milliseconds duration, CancelToken* cancel);

}  // namespace flinktop::http
