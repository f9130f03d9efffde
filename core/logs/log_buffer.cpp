// LogBuffer: a deque of shared immutable lines under one mutex. The lock is held only to link or
// unlink pointers (never while a line is built, rendered or written out), and the wake callback
// runs after it is released.
#include "core/logs/log_buffer.hpp"

#include <algorithm>

namespace flinktop::logs {

LogBuffer::LogBuffer(LogBufferOptions options) : options_(options) {}

void LogBuffer::set_on_wake(std::function<void()> on_wake) {
  auto waker = std::make_shared<const std::function<void()>>(std::move(on_wake));
  std::lock_guard lock(mutex_);
  on_wake_ = std::move(waker);
}

void LogBuffer::evict_oldest_locked() {
  const LogLinePtr& oldest = lines_.front();
  if (oldest->seq > taken_) ++dropped_;
  bytes_ -= oldest->text.size();
  lines_.pop_front();
}

LogBuffer::Waker LogBuffer::disarm_locked() {
  if (!wake_armed_) return nullptr;
  wake_armed_ = false;
  return on_wake_;
}

bool LogBuffer::insert_locked(std::shared_ptr<LogLine>& line, std::unique_lock<std::mutex>& lock) {
  const std::size_t size = line->text.size();
  const std::size_t max_lines = std::max<std::size_t>(options_.max_lines, 1);
  if (options_.overflow == LogBufferOptions::Overflow::Block) {
    // Full, and the oldest line is one the reader has not taken yet: wait for the reader rather
    // than lose it. Lines the reader already has may go at once.
    space_.wait(lock, [&] {
      if (closed_ || lines_.empty() || lines_.front()->seq <= taken_) return true;
      return lines_.size() < max_lines && bytes_ + size <= options_.max_bytes;
    });
  }
  if (closed_) return false;
  line->seq = next_seq_++;
  bytes_ += size;
  lines_.push_back(std::move(line));
  // A single line larger than max_bytes is still kept (sanitising bounds its size).
  while (lines_.size() > max_lines || (bytes_ > options_.max_bytes && lines_.size() > 1))
    evict_oldest_locked();
  return true;
}

void LogBuffer::after_insert(const Waker& waker) {
  if (waker && *waker) (*waker)();
}

bool LogBuffer::push(std::shared_ptr<LogLine> line) {
  Waker waker;
  bool notify = false;
  {
    std::unique_lock lock(mutex_);
    if (!insert_locked(line, lock)) return false;
    waker = disarm_locked();
    notify = reader_waiting_ > 0;
  }
  if (notify) ready_.notify_all();
  after_insert(waker);
  return true;
}

bool LogBuffer::push(std::vector<std::shared_ptr<LogLine>>& lines) {
  Waker waker;
  bool notify = false;
  bool accepted = true;
  {
    std::unique_lock lock(mutex_);
    for (auto& line : lines) {
      if (!insert_locked(line, lock)) {
        accepted = false;
        break;
      }
    }
    waker = disarm_locked();
    notify = reader_waiting_ > 0;
  }
  lines.clear();
  if (notify) ready_.notify_all();
  after_insert(waker);
  return accepted;
}

void LogBuffer::wake() {
  Waker waker;
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
    waker = disarm_locked();
  }
  ready_.notify_all();
  after_insert(waker);
}

LogBatch LogBuffer::take(std::size_t max) {
  LogBatch batch;
  Waker again;
  {
    std::lock_guard lock(mutex_);
    if (!lines_.empty()) {
      // Sequence numbers in the deque are contiguous: the first untaken line is found by arithmetic.
      const std::uint64_t front = lines_.front()->seq;
      std::size_t at = taken_ + 1 > front ? static_cast<std::size_t>(taken_ + 1 - front) : 0;
      const std::size_t count = std::min(max, lines_.size() - std::min(at, lines_.size()));
      batch.lines.reserve(count);
      for (std::size_t i = 0; i < count; ++i) batch.lines.push_back(lines_[at + i]);
      if (count > 0) taken_ = batch.lines.back()->seq;
    }
    batch.dropped = dropped_ - dropped_reported_;
    dropped_reported_ = dropped_;
    woken_ = false;
    const bool caught_up = lines_.empty() || lines_.back()->seq <= taken_;
    if (caught_up) {
      wake_armed_ = true;
    } else {
      again = on_wake_;  // the reader asked for less than there is: tell it to come back
    }
  }
  space_.notify_all();
  after_insert(again);
  return batch;
}

bool LogBuffer::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  auto ready = [&] { return closed_ || woken_ || (!lines_.empty() && lines_.back()->seq > taken_); };
  ++reader_waiting_;
  ready_.wait_for(lock, timeout, ready);
  --reader_waiting_;
  return woken_ || (!lines_.empty() && lines_.back()->seq > taken_);
}

LogBatch LogBuffer::since(std::uint64_t after, std::size_t max) const {
  LogBatch batch;
  std::lock_guard lock(mutex_);
  if (lines_.empty()) {
    batch.dropped = next_seq_ - 1 > after ? next_seq_ - 1 - after : 0;
    return batch;
  }
  const std::uint64_t front = lines_.front()->seq;
  batch.dropped = front > after + 1 ? front - after - 1 : 0;
  const std::size_t at = after + 1 > front ? static_cast<std::size_t>(after + 1 - front) : 0;
  const std::size_t count = std::min(max, lines_.size() - std::min(at, lines_.size()));
  batch.lines.reserve(count);
  for (std::size_t i = 0; i < count; ++i) batch.lines.push_back(lines_[at + i]);
  return batch;
}

std::vector<LogLinePtr> LogBuffer::snapshot() const {
  std::lock_guard lock(mutex_);
  return {lines_.begin(), lines_.end()};
}

void LogBuffer::clear() {
  {
    std::lock_guard lock(mutex_);
    lines_.clear();
    bytes_ = 0;
    // The user cleared them: lines not yet taken are gone on purpose, not dropped.
    taken_ = next_seq_ - 1;
    wake_armed_ = true;
  }
  space_.notify_all();
}

void LogBuffer::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  space_.notify_all();
  ready_.notify_all();
}

std::size_t LogBuffer::size() const {
  std::lock_guard lock(mutex_);
  return lines_.size();
}

std::size_t LogBuffer::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::uint64_t LogBuffer::last_seq() const {
  std::lock_guard lock(mutex_);
  return next_seq_ - 1;
}

std::uint64_t LogBuffer::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

bool LogBuffer::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace flinktop::logs
