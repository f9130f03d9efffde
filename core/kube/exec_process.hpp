// Runs a credential helper without a shell: stdin is /dev/null, stdout is collected, stderr is
// handed over line by line as it arrives, and the whole process group is killed at a deadline.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::kube {

struct ProcessSpec {
  std::string program;            // contains '/' = a path; otherwise searched in our PATH
  std::vector<std::string> args;  // without argv[0]
  std::vector<std::string> env;   // the child's complete environment, "NAME=value"
  std::chrono::milliseconds timeout{120'000};
  size_t max_stdout = 4u << 20;  // more than this is treated like a hang: killed
};

struct ProcessResult {
  int spawn_error = 0;     // errno when the program could not be started (ENOENT, EACCES, ...)
  bool timed_out = false;  // killed at the deadline
  bool output_too_large = false;
  int exit_code = -1;  // when it exited normally
  int signal = 0;      // when a signal ended it
  std::string out;     // stdout
};

// Blocks until the process has exited (or was killed). `on_stderr_line` is called on this thread
// for every line (without the line break) the process writes to stderr.
ProcessResult run_process(const ProcessSpec& spec,
                          const std::function<void(std::string_view)>& on_stderr_line);

}  // namespace flinktop::kube
