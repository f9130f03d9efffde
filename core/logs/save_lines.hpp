// Saving log lines to a file (the log view's "save", on a BackgroundSave's thread): written completely to a
// temporary file next to the target, flushed to disk, then renamed over it, so the file is either
// the whole buffer or not there — never half of it. The file is private (0600, as mkstemp makes
// it): logs may hold what others should not read.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/logs/log_line.hpp"

namespace flinktop::logs {

struct SaveOptions {
  bool prefix = false;      // each line's source label first (several sources)
  bool timestamps = false;  // the container's time before each line (when known)
};

// One line as plain text (no newline): "[label ][time ]text".
std::string plain_line(const LogLine& line, const SaveOptions& options);

// Writes `lines` (notices included) to `path`. Throws Error(Config) naming the path and the reason
// when it cannot be written; the target is then left as it was.
void save_lines(const std::filesystem::path& path, const std::vector<LogLinePtr>& lines,
                const SaveOptions& options = {});

// One save_lines() on a thread of its own, so that the UI never waits for the disk: asked for its
// outcome without blocking. Destruction waits for the write to end (it is never cut halfway: the
// file is whole or absent), which is bounded by the disk, not the network.
class BackgroundSave {
 public:
  struct Outcome {
    bool saved = false;
    std::string error;  // one line, when not saved
  };
  BackgroundSave(std::filesystem::path path, std::vector<LogLinePtr> lines, SaveOptions options);
  BackgroundSave(const BackgroundSave&) = delete;
  BackgroundSave& operator=(const BackgroundSave&) = delete;

  // nullopt while the file is being written.
  std::optional<Outcome> outcome() const;

 private:
  mutable std::mutex mutex_;
  std::optional<Outcome> outcome_;
  std::jthread thread_;  // last: started once what it writes to exists, joined first
};

}  // namespace flinktop::logs
