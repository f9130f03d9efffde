// For the commands that run until told to stop (`logs -f`, `port-forward`): while a StopSignals
// lives, SIGINT and SIGTERM are recorded instead of ending the process, and a closed pipe is an
// EPIPE on write instead of a silent death. The previous dispositions (the demo's handlers) come
// back when it goes.
#pragma once

#include <signal.h>

namespace flinktop::cli {

class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // The signal received (SIGINT, SIGTERM), or 0.
  int received() const;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
  struct sigaction previous_pipe_ {};
};

}  // namespace flinktop::cli
