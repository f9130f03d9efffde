// LogIngest: the per-line work of every source, in the order that lets the filter see the same text
// the user will see (sanitised), and lets trace lines inherit their record's level and verdict.
#include "core/logs/log_ingest.hpp"

#include <fmt/format.h>

#include "core/logs/log_level.hpp"
#include "core/logs/log_timestamp.hpp"

namespace flinktop::logs {

LogIngest::LogIngest(std::shared_ptr<const LogOrigin> origin, IngestOptions options)
    : origin_(std::move(origin)), options_(std::move(options)) {}

void LogIngest::reset() noexcept {
  in_record_ = false;
  in_trace_ = false;
  record_level_ = LogLevel::Unknown;
  record_passed_ = true;
}

std::shared_ptr<LogLine> LogIngest::line(std::string_view raw, std::optional<std::int64_t> time_ns) {
  auto line = std::make_shared<LogLine>();
  line->text.reserve(raw.size() < options_.sanitize.max_bytes ? raw.size()
                                                              : options_.sanitize.max_bytes + 32);
  line->cut_bytes = sanitize_line(raw, line->text, options_.sanitize);
  if (line->cut_bytes > 0) line->text += fmt::format(" … [{} more bytes cut]", line->cut_bytes);

  // Indented lines continue only a warning or an error (whose messages run over several lines);
  // elsewhere indentation is just layout, e.g. Flink's start-up banner.
  bool continuation = false;
  switch (trace_shape(line->text)) {
    case TraceShape::Frame: continuation = in_record_; break;
    case TraceShape::ExceptionHeader: continuation = in_record_; break;
    case TraceShape::Indented:
      continuation = in_trace_ || (in_record_ && record_level_ >= LogLevel::Warn);
      break;
    case TraceShape::None: break;
  }
  if (continuation) {
    line->continuation = true;
    line->level = record_level_;
    in_trace_ = true;
  } else {
    line->level = detect_level(line->text);
    record_level_ = line->level;
    in_record_ = true;
    in_trace_ = false;
  }
  if (time_ns) line->time = to_log_time(*time_ns);
  line->origin = origin_;

  if (options_.filter.active()) {
    const bool passes = options_.filter.matches(line->text);
    if (!line->continuation) {
      record_passed_ = passes;
    } else if (record_passed_) {
      return line;  // a trace goes with its record
    }
    if (!passes) return nullptr;
  }
  return line;
}

std::shared_ptr<LogLine> LogIngest::notice(std::string_view text) const {
  auto line = std::make_shared<LogLine>();
  sanitize_line(text, line->text, options_.sanitize);
  line->notice = true;
  line->origin = origin_;
  return line;
}

}  // namespace flinktop::logs
