// A pseudo-terminal for Terminal tests and benchmarks: the Terminal runs on the slave side, a
// thread drains the master side so that ncurses never blocks, and take() returns what was written.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace flinktop::tui::testing {

class Pty {
 public:
  explicit Pty(int columns = 80, int rows = 24) {
    winsize ws{};
    ws.ws_col = static_cast<unsigned short>(columns);
    ws.ws_row = static_cast<unsigned short>(rows);
    if (::openpty(&master_, &slave_, nullptr, nullptr, &ws) != 0) throw std::runtime_error("openpty failed");
    ::fcntl(master_, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave_, F_SETFD, FD_CLOEXEC);
    start_drain();
  }
  ~Pty() {
    stop_drain();
    ::close(slave_);
    ::close(master_);
  }
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  int slave() const { return slave_; }
  int master() const { return master_; }

  void resize(int columns, int rows) {
    winsize ws{};
    ws.ws_col = static_cast<unsigned short>(columns);
    ws.ws_row = static_cast<unsigned short>(rows);
    ::ioctl(master_, TIOCSWINSZ, &ws);
  }

  // Keys as the terminal would send them.
  void type(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(master_, bytes.data(), bytes.size());
      if (n <= 0) return;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // fork() copies every lock another thread holds at that instant, and a child whose allocator
  // lock was held by another thread (ASan's per-size-class locks, also while a thread is still
  // starting) hangs at its first malloc. So stop_drain() before fork() — then this process has
  // no other thread — and start_drain() again in the parent only: a child that drained too would
  // take the parent's output. The child's first writes wait in the pty's buffer meanwhile.
  void stop_drain() {
    stop_ = true;
    if (reader_.joinable()) reader_.join();
  }
  void start_drain() {
    stop_ = false;
    reader_ = std::thread([this] { drain(); });
  }

  // Everything written to the terminal since the last take(), once it has been quiet for `quiet`.
  std::string take(std::chrono::milliseconds quiet = std::chrono::milliseconds(40)) {
    const auto start = Clock::now();
    for (;;) {
      const auto last = Clock::time_point(Clock::duration(last_output_.load()));
      const auto now = Clock::now();
      if (now - std::max(last, start) >= quiet) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::lock_guard lock(mutex_);
    return std::exchange(output_, {});
  }

 private:
  using Clock = std::chrono::steady_clock;

  void drain() {
    char buffer[65536];
    while (!stop_) {
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 5) <= 0) continue;
      const ssize_t n = ::read(master_, buffer, sizeof buffer);
      if (n <= 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // EIO while no slave is open
        continue;
      }
      std::lock_guard lock(mutex_);
      output_.append(buffer, static_cast<std::size_t>(n));
      last_output_ = Clock::now().time_since_epoch().count();
    }
  }

  int master_ = -1;
  int slave_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<Clock::rep> last_output_{0};
  std::mutex mutex_;
  std::string output_;
  std::thread reader_;
};

}  // namespace flinktop::tui::testing
