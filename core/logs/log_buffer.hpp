// The bounded buffer between the threads that read logs and the one that shows them. Producers
// (one per source) push; the reader takes what is new in one batch and renders it without holding
// any lock — the lines are immutable and shared. The buffer keeps the newest `max_lines` lines
// (and at most `max_bytes` of text); when a burst overflows it, the oldest lines go, and those the
// reader never got are counted as dropped, so the view can say "12,345 lines dropped" instead of
// lagging behind the log. The CLI instead asks producers to wait (Overflow::Block): a script
// reading `flinktop logs` through a slow pipe gets every line.
//
// Waking the UI: `on_wake` is called (on a producer thread, no lock held) when the first line after
// the reader's last take() arrives — once per batch, however many lines the batch holds.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/logs/log_line.hpp"

namespace flinktop::logs {

struct LogBufferOptions {
  enum class Overflow { DropOldest, Block };
  std::size_t max_lines = 100'000;
  std::size_t max_bytes = 256ull * 1024 * 1024;  // of line text
  Overflow overflow = Overflow::DropOldest;
};

struct LogBatch {
  std::vector<LogLinePtr> lines;  // in arrival order (ascending seq)
  std::uint64_t dropped = 0;      // lines lost between the previous batch and this one
};

class LogBuffer {
 public:
  explicit LogBuffer(LogBufferOptions options = {});
  LogBuffer(const LogBuffer&) = delete;
  LogBuffer& operator=(const LogBuffer&) = delete;

  const LogBufferOptions& options() const noexcept { return options_; }

  // Called when new lines (or a status change, via wake()) arrive after the reader's last take().
  // Set it before producers start; it must be cheap and must not call back into the buffer.
  void set_on_wake(std::function<void()> on_wake);

  // --- producers ----------------------------------------------------------------------------------
  // Gives each line its sequence number and appends it. With Overflow::Block a full buffer makes
  // the caller wait for the reader (or close()); returns false when the buffer is closed (the
  // line is discarded). Lines must not be touched by the caller afterwards.
  bool push(std::shared_ptr<LogLine> line);
  bool push(std::vector<std::shared_ptr<LogLine>>& lines);  // in order; clears `lines`
  // Wakes the reader without a line (a source changed its status).
  void wake();

  // --- the reader ------------------------------------------------------------------------------
  // Lines that arrived since the previous take() (at most `max`, oldest first), and how many were
  // dropped in between. Re-arms the wake.
  LogBatch take(std::size_t max = SIZE_MAX);
  // Waits until take() would return something (or the buffer is closed, or `timeout` passes).
  // For readers that are not event loops (the CLI). True when there is something to take.
  bool wait(std::chrono::milliseconds timeout);

  // --- any thread --------------------------------------------------------------------------------
  // Lines kept with seq > `after` (a second reader, e.g. saving the buffer to a file); `missed`
  // is how many lines after `after` are no longer kept.
  LogBatch since(std::uint64_t after, std::size_t max = SIZE_MAX) const;
  std::vector<LogLinePtr> snapshot() const;  // every kept line
  void clear();                              // forgets the kept lines (sequence numbers go on)
  // Producers stop waiting and every later push is refused.
  void close();

  std::size_t size() const;
  std::size_t bytes() const;
  std::uint64_t last_seq() const;
  std::uint64_t dropped() const;  // lines evicted before the reader took them, in total
  bool closed() const;

 private:
  using Waker = std::shared_ptr<const std::function<void()>>;
  // Under mutex_.
  void evict_oldest_locked();
  bool insert_locked(std::shared_ptr<LogLine>& line, std::unique_lock<std::mutex>& lock);
  Waker disarm_locked();  // the waker to call once the lock is released, if the wake was armed
  void after_insert(const Waker& waker);

  const LogBufferOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable space_;  // Block: a producer waits for the reader
  std::condition_variable ready_;  // wait(): the reader waits for lines
  std::deque<LogLinePtr> lines_;
  std::size_t bytes_ = 0;
  std::uint64_t next_seq_ = 1;
  std::uint64_t taken_ = 0;  // the reader has every line with seq <= taken_
  std::uint64_t dropped_ = 0;
  std::uint64_t dropped_reported_ = 0;  // part of dropped_ already told in a LogBatch
  bool closed_ = false;
  bool woken_ = false;      // a status change since the last take()
  bool wake_armed_ = true;  // the reader has taken everything: the next arrival wakes it
  int reader_waiting_ = 0;  // threads in wait()
  Waker on_wake_;
};

}  // namespace flinktop::logs
