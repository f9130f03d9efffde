// Cancels an in-flight request from another thread, promptly (not at the next byte).
#pragma once

#include <atomic>
#include <functional>
#include <mutex>

namespace flinktop::http {

class CancelToken {
 public:
  // Thread-safe; idempotent. Wakes the transfer that is using this token.
  void cancel();
  bool cancelled() const noexcept { return cancelled_.load(std::memory_order_acquire); }

  // Used by the Session while a transfer runs: `wake` is called (once) on cancel().
  void set_waker(std::function<void()> wake);
  void clear_waker();

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::function<void()> waker_;
};

}  // namespace flinktop::http
