// LogPrinter: one string per batch, one write, one flush.
#include "cli/log_output.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/logs/log_level.hpp"
#include "core/logs/log_timestamp.hpp"

namespace flinktop::cli {

namespace {

// Bright colours that read on dark and light backgrounds, like stern's; red is left to errors.
constexpr const char* kColours[] = {"\x1b[36m", "\x1b[32m", "\x1b[35m", "\x1b[33m", "\x1b[34m",
                                    "\x1b[96m", "\x1b[92m", "\x1b[95m", "\x1b[93m", "\x1b[94m"};
constexpr const char* kReset = "\x1b[0m";

std::string label_of(const logs::LogLine& line) {
  return line.origin ? line.origin->label : std::string();
}

}  // namespace

std::string log_line_json(const logs::LogLine& line) {
  using Json = nlohmann::ordered_json;
  auto or_null = [](const std::string& text) { return text.empty() ? Json() : Json(text); };
  const logs::LogOrigin empty;
  const logs::LogOrigin& o = line.origin ? *line.origin : empty;
  Json j;
  j["source"] = o.label;
  j["via"] = o.kind == logs::LogSourceKind::Pod ? "pods/log" : "flink-rest";
  j["context"] = or_null(o.context);
  j["namespace"] = or_null(o.namespace_);
  j["pod"] = or_null(o.pod);
  j["container"] = or_null(o.kind == logs::LogSourceKind::Pod ? o.container : std::string());
  j["taskmanager"] = or_null(o.taskmanager_id);
  j["file"] =
      or_null(o.kind == logs::LogSourceKind::RestFile ? (o.file.empty() ? "log" : o.file) : std::string());
  j["time"] = line.time ? Json(logs::format_rfc3339_ns(logs::to_ns(*line.time))) : Json();
  j["level"] = or_null(std::string(logs::to_string(line.level)));
  j["continuation"] = line.continuation;
  j["message"] = line.text;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

LogPrinter::LogPrinter(std::ostream& out, std::ostream& err, LogOutputOptions options)
    : out_(out), err_(err), options_(options), prefix_width_(options.prefix_width) {}

void LogPrinter::raw(const logs::LogLine& line, std::string& text) {
  if (options_.prefix) {
    const std::string label = label_of(line);
    prefix_width_ = std::max(prefix_width_, label.size());
    if (options_.color && line.origin) text += kColours[line.origin->index % std::size(kColours)];
    text += label;
    if (options_.color && line.origin) text += kReset;
    text.append(prefix_width_ - label.size() + 1, ' ');
  }
  if (options_.timestamps && line.time) {
    text += logs::format_rfc3339_ns(logs::to_ns(*line.time));
    text += ' ';
  }
  text += line.text;
  text += '\n';
}

void LogPrinter::json(const logs::LogLine& line, std::string& text) {
  text += log_line_json(line);
  text += '\n';
}

void LogPrinter::print(const logs::LogBatch& batch) {
  std::string text;
  std::string notices;
  if (batch.dropped > 0)
    notices += fmt::format("flinktop: {} lines dropped (the output could not keep up)\n", batch.dropped);
  for (const logs::LogLinePtr& line : batch.lines) {
    if (line->notice) {
      notices += "flinktop: " + label_of(*line) + ": " + line->text + "\n";
    } else if (options_.json) {
      json(*line, text);
    } else {
      raw(*line, text);
    }
  }
  if (!text.empty()) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    out_.flush();
  }
  if (!notices.empty()) {
    err_ << notices;
    err_.flush();
  }
}

}  // namespace flinktop::cli
