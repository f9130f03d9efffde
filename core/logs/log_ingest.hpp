// Turns the raw lines of one source into LogLines: sanitised and bounded text, level, stack-trace
// continuation (a trace line takes its record's level), and the ingest filter of `flinktop logs
// --grep` (a record that passes brings its trace lines along). One per source; not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/logs/log_filter.hpp"
#include "core/logs/log_line.hpp"
#include "core/logs/sanitize.hpp"

namespace flinktop::logs {

struct IngestOptions {
  SanitizeOptions sanitize;
  // Lines that do not pass are not kept at all (the CLI's --grep). The UI's filter is a view of
  // what is kept and does not belong here.
  LogFilter filter;
};

class LogIngest {
 public:
  LogIngest(std::shared_ptr<const LogOrigin> origin, IngestOptions options);

  // A new line from `raw` (without its '\n' and without the timestamp prefix), or null when the
  // filter leaves it out.
  std::shared_ptr<LogLine> line(std::string_view raw, std::optional<std::int64_t> time_ns = std::nullopt);
  // A line written by flinktop about this source (restarts, rotations); never filtered.
  std::shared_ptr<LogLine> notice(std::string_view text) const;

  const std::shared_ptr<const LogOrigin>& origin() const noexcept { return origin_; }
  // A new stream (container restart, rotated file): a trace cannot continue across it.
  void reset() noexcept;

 private:
  std::shared_ptr<const LogOrigin> origin_;
  IngestOptions options_;
  bool in_record_ = false;  // a record has started (a trace may follow)
  bool in_trace_ = false;   // the previous line was part of a trace
  LogLevel record_level_ = LogLevel::Unknown;
  bool record_passed_ = true;  // the filter let the current record through
};

}  // namespace flinktop::logs
