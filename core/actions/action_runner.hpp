// Runs actions (a savepoint can take minutes) for a front end that must not wait for them: each on
// a thread the runner owns, with a cancel token the runner fires when the front end goes away.
// Destroying it cancels what still runs and joins it, so no thread outlives the screen that
// started it. That is bounded: the actions pass the token to every HTTP call and every wait
// between polls (both return at once when it fires); a task that makes calls without it waits
// for their own total timeout at most.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/http/cancel_token.hpp"

namespace flinktop::actions {

class ActionRunner {
 public:
  ActionRunner() = default;
  ~ActionRunner();
  ActionRunner(const ActionRunner&) = delete;
  ActionRunner& operator=(const ActionRunner&) = delete;

  // Runs `task` on a new thread; the token it gets fires on cancel_all() or destruction. Finished
  // threads are joined by the next start() (and the destructor).
  void start(std::function<void(http::CancelToken&)> task);
  // Fires every running task's token (they end with Error(Cancelled) from the call they are in).
  void cancel_all();
  std::size_t running() const;

 private:
  struct Task {
    std::shared_ptr<http::CancelToken> cancel;
    std::shared_ptr<std::atomic<bool>> done;
    std::jthread thread;
  };
  void join_finished_locked();

  mutable std::mutex mutex_;
  std::vector<Task> tasks_;
};

}  // namespace flinktop::actions
