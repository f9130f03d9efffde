// How `flinktop logs` prints lines: raw text (with a stern-like source prefix when several sources
// are merged, coloured on a terminal unless NO_COLOR is set, and the time with --timestamps), or one
// JSON object per line (-o json). Lines flinktop writes itself (container restarted, log file
// rotated) go to stderr, so stdout holds the log and nothing else.
#pragma once

#include <ostream>
#include <string>

#include "core/logs/log_buffer.hpp"

namespace flinktop::cli {

struct LogOutputOptions {
  bool json = false;
  bool timestamps = false;       // raw: the container's time before each line (when known)
  bool prefix = false;           // raw: the source's label before each line
  bool color = false;            // raw: the prefix in the source's colour
  std::size_t prefix_width = 0;  // raw: the widest label known at the start (it grows if needed)
};

class LogPrinter {
 public:
  LogPrinter(std::ostream& out, std::ostream& err, LogOutputOptions options);

  // Writes the batch and flushes (a followed log must show up at once).
  void print(const logs::LogBatch& batch);
  const LogOutputOptions& options() const noexcept { return options_; }

 private:
  void raw(const logs::LogLine& line, std::string& text);
  void json(const logs::LogLine& line, std::string& text);

  std::ostream& out_;
  std::ostream& err_;
  LogOutputOptions options_;
  std::size_t prefix_width_ = 0;  // grows with the longest label seen, so columns stay aligned
};

// One JSON object (no newline) for a line, as -o json prints it.
std::string log_line_json(const logs::LogLine& line);

}  // namespace flinktop::cli
