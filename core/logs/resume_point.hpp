// Where a cut pod log stream picks up again without losing or repeating a line. flinktop always
// asks for timestamps and remembers the time of the last line it kept and which lines it kept at
// exactly that time. The API server's `sinceTime` has whole-second precision, so the new stream
// starts at the beginning of that second and repeats lines: those older than the last kept time are
// skipped, and at the last kept time the lines already kept are skipped by their content (once
// each — a program may log the same text twice in one instant).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::logs {

class ResumePoint {
 public:
  // No line kept yet: a reconnect asks for the original tail/since again.
  bool empty() const noexcept { return !last_ns_; }
  // For `sinceTime`: the last kept time, whole seconds, RFC 3339.
  std::string since_time() const;

  // A new connection begins: lines from here on may repeat what was kept.
  void reconnected();
  // Whether the stream's next line is new (and then remembers it). A line without a time cannot
  // be placed and is always new.
  bool admit(std::optional<std::int64_t> time_ns, std::string_view text);
  // The container was replaced: its log starts afresh.
  void reset();

 private:
  std::optional<std::int64_t> last_ns_;
  std::vector<std::size_t> at_last_;  // content hashes of the kept lines at last_ns_
  std::vector<std::size_t> repeats_;  // while reconnected: those not yet seen again
  bool seam_ = false;
};

}  // namespace flinktop::logs
