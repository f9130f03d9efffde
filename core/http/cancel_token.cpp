// CancelToken: the waker runs under the token's mutex, so clear_waker() (called by the Session before
// it reuses or frees the multi handle the waker points at) waits for a wake that is in progress.
#include "core/http/cancel_token.hpp"

#include <condition_variable>
#include <thread>
#include <utility>

namespace flinktop::http {

void CancelToken::cancel() {
  std::lock_guard lock(mutex_);
  if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;  // idempotent: wake once
  if (waker_) waker_();
}

bool CancelToken::wait_for(std::chrono::milliseconds duration) {
  std::mutex mutex;
  std::condition_variable woken;
  bool fired = false;
  set_waker([&] {
    std::lock_guard lock(mutex);
    fired = true;
    woken.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    woken.wait_for(lock, duration, [&] { return fired || cancelled(); });
  }
  clear_waker();
  return !cancelled();
}

void CancelToken::set_waker(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  waker_ = std::move(wake);
}

void CancelToken::clear_waker() {
  std::lock_guard lock(mutex_);
  waker_ = nullptr;
}

bool sleep_unless_cancelled(std::chrono::milliseconds duration, CancelToken* cancel) {
  if (cancel) return cancel->wait_for(duration);
  std::this_thread::sleep_for(duration);
  return true;
}

}  // namespace flinktop::http
