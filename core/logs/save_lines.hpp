// Saving log lines to a file (the log view's "save", on a worker thread): written completely to a
// temporary file next to the target, flushed to disk, then renamed over it, so the file is either
// the whole buffer or not there — never half of it. The file is private (0600, as mkstemp makes
// it): logs may hold what others should not read.
#pragma once

#include <filesystem>
#include <string>
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

}  // namespace flinktop::logs
