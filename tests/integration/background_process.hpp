// A command that keeps running while a test uses it (e.g. `kubectl port-forward`): started
// without a shell, its stdout read line by line until a line the test waits for, then left
// running; stopped (TERM, then KILL) and reaped on destruction, so a failing test leaves no stray.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace flinktop::it {

class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv) {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      dup2(out[1], STDERR_FILENO);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
  }

  ~BackgroundProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      for (int i = 0; i < 50 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (waitpid(pid_, nullptr, WNOHANG) == 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
      }
    }
    if (drainer_.joinable()) drainer_.join();  // the pipe reached EOF when the process ended
    if (out_ >= 0) close(out_);
  }

  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Reads output until a line matches `pattern` (returns its first group, or the whole line) or
  // `timeout` passes / the process ends (nullopt; output() says what it printed).
  std::optional<std::string> wait_for_line(const std::regex& pattern, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string line;
    while (std::chrono::steady_clock::now() < deadline && out_ >= 0) {
      pollfd p{out_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (poll(&p, 1, static_cast<int>(std::max<long long>(1, left.count()))) <= 0) continue;
      char c;
      if (read(out_, &c, 1) != 1) return std::nullopt;  // the process closed its output: it ended
      output_ += c;
      if (c != '\n') {
        line += c;
        continue;
      }
      std::smatch m;
      if (std::regex_search(line, m, pattern)) return m.size() > 1 ? m[1].str() : line;
      line.clear();
    }
    return std::nullopt;
  }

  const std::string& output() const { return output_; }

  // From now on its output is read and dropped, so that a chatty process (kubectl prints a line
  // per forwarded connection) never blocks on a full pipe.
  void drain_in_background() {
    drainer_ = std::thread([fd = out_] {
      char buffer[4096];
      while (read(fd, buffer, sizeof buffer) > 0) {
      }
    });
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
  std::thread drainer_;
};

}  // namespace flinktop::it
