// posix_spawn plus a poll loop: the child never shares our terminal (its own session, stdin
// from /dev/null), and a stuck helper cannot hold a worker thread for ever.
#include "core/kube/exec_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace flinktop::kube {
namespace {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// Splits stderr into lines; overlong lines are passed on in pieces rather than buffered for ever.
class LineFeed {
 public:
  explicit LineFeed(const std::function<void(std::string_view)>& sink) : sink_(sink) {}
  void add(std::string_view chunk) {
    for (char c : chunk) {
      if (c == '\n') {
        emit();
      } else {
        pending_ += c;
        if (pending_.size() >= kMaxLine) emit();
      }
    }
  }
  void finish() {
    if (!pending_.empty()) emit();
  }

 private:
  static constexpr size_t kMaxLine = 4096;
  void emit() {
    if (!pending_.empty() && pending_.back() == '\r') pending_.pop_back();
    if (sink_) sink_(pending_);
    pending_.clear();
  }
  const std::function<void(std::string_view)>& sink_;
  std::string pending_;
};

}  // namespace

ProcessResult run_process(const ProcessSpec& spec,
                          const std::function<void(std::string_view)>& on_stderr_line) {
  ProcessResult result;
  int out_pipe[2], err_pipe[2];
  // O_CLOEXEC: other threads spawning at the same time must not inherit our pipe ends.
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = errno;
    return result;
  }
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = errno;
    return result;
  }
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGHUP);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  // A session of its own, without a controlling terminal: a plugin that tries to prompt on
  // /dev/tty fails at once instead of fighting the TUI for the screen (or stopping on SIGTTIN),
  // and the whole group can be killed at the deadline.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSID);

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(spec.program.c_str()));
  for (const auto& a : spec.args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, spec.program.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    result.spawn_error = rc;
    return result;
  }
  out_write.reset();
  err_write.reset();

  LineFeed feed(on_stderr_line);
  const auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  bool out_open = true, err_open = true;
  char buffer[8192];
  while (out_open || err_open) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd fds[2] = {{out_open ? out_read.get() : -1, POLLIN, 0},
                     {err_open ? err_read.get() : -1, POLLIN, 0}};
    int n = ::poll(fds, 2, int(std::min<long long>(left.count(), 1000)));
    if (n < 0) {
      if (errno == EINTR) continue;
      result.timed_out = true;  // cannot wait properly: give up like at the deadline
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (got <= 0) {
        (i == 0 ? out_open : err_open) = false;
        continue;
      }
      if (i == 0) {
        result.out.append(buffer, size_t(got));
        if (result.out.size() > spec.max_stdout) {
          result.output_too_large = true;
          out_open = err_open = false;
        }
      } else {
        feed.add(std::string_view(buffer, size_t(got)));
      }
    }
  }
  feed.finish();
  if (result.timed_out || result.output_too_large) ::kill(-pid, SIGKILL);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace flinktop::kube
