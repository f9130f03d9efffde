#include "core/actions/action_runner.hpp"

#include <algorithm>

namespace flinktop::actions {

ActionRunner::~ActionRunner() {
  cancel_all();
  std::vector<Task> tasks;
  {
    std::lock_guard lock(mutex_);
    tasks.swap(tasks_);
  }
  // Joined outside the lock: a task that ends may not need it, but a slow one must not block
  // running() callers meanwhile. std::jthread joins in its destructor.
  tasks.clear();
}

void ActionRunner::start(std::function<void(http::CancelToken&)> task) {
  auto cancel = std::make_shared<http::CancelToken>();
  auto done = std::make_shared<std::atomic<bool>>(false);
  std::lock_guard lock(mutex_);
  join_finished_locked();
  tasks_.push_back(Task{cancel, done, std::jthread([task = std::move(task), cancel, done] {
                          // Tasks report their own outcome (and catch to do so); whatever way
                          // this one ends, its thread is then ready to be joined.
                          struct MarkDone {
                            std::atomic<bool>& done;
                            ~MarkDone() { done.store(true, std::memory_order_release); }
                          } mark{*done};
                          task(*cancel);
                        })});
}

void ActionRunner::cancel_all() {
  std::lock_guard lock(mutex_);
  for (Task& t : tasks_) t.cancel->cancel();
}

std::size_t ActionRunner::running() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(tasks_.begin(), tasks_.end(), [](const Task& t) {
    return !t.done->load(std::memory_order_acquire);
  }));
}

void ActionRunner::join_finished_locked() {
  // A finished task's thread has returned from its function or is about to: the join is short.
  std::erase_if(tasks_, [](const Task& t) { return t.done->load(std::memory_order_acquire); });
}

}  // namespace flinktop::actions
