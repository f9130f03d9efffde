// Level and stack-trace shape detection: a handful of byte comparisons per line (this runs for
// every line of every source, on the ingest path measured by bench/log_ingest_bench).
#include "core/logs/log_level.hpp"

#include <cstring>

namespace flinktop::logs {

namespace {

constexpr std::size_t kLevelWindow = 160;

bool is_word_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

bool is_identifier_char(char c) noexcept {
  return is_word_char(c) || c == '$';
}

// The level word starting at text[at], if it stands alone there.
LogLevel word_at(std::string_view text, std::size_t at) noexcept {
  struct Word {
    const char* text;
    std::size_t size;
    LogLevel level;
  };
  static constexpr Word kWords[] = {
      {"ERROR", 5, LogLevel::Error}, {"WARNING", 7, LogLevel::Warn}, {"WARN", 4, LogLevel::Warn},
      {"INFO", 4, LogLevel::Info},   {"DEBUG", 5, LogLevel::Debug},  {"TRACE", 5, LogLevel::Trace},
      {"FATAL", 5, LogLevel::Error}, {"SEVERE", 6, LogLevel::Error},
  };
  for (const Word& w : kWords) {
    if (text.size() - at < w.size || text[at] != w.text[0]) continue;
    if (std::memcmp(text.data() + at, w.text, w.size) != 0) continue;
    if (at + w.size < text.size() && is_word_char(text[at + w.size])) continue;
    return w.level;
  }
  return LogLevel::Unknown;
}

// klog: "E0102 15:04:05.000000 ..." (and glog).
LogLevel klog_level(std::string_view text) noexcept {
  if (text.size() < 6 || text[5] != ' ') return LogLevel::Unknown;
  for (std::size_t i = 1; i < 5; ++i) {
    if (!is_digit(text[i])) return LogLevel::Unknown;
  }
  switch (text[0]) {
    case 'E':
    case 'F': return LogLevel::Error;
    case 'W': return LogLevel::Warn;
    case 'I': return LogLevel::Info;
    default: return LogLevel::Unknown;
  }
}

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
  return text.size() >= prefix.size() && std::memcmp(text.data(), prefix.data(), prefix.size()) == 0;
}

// "a.b.SomeException: ..." or "a.b.SomeError" — a dotted Java class name ending in Exception,
// Error or Throwable, then ':' or the end of the line.
bool exception_header(std::string_view text) noexcept {
  if (text.empty() || !(text[0] >= 'a' && text[0] <= 'z')) return false;
  std::size_t end = 0;
  bool dotted = false;
  while (end < text.size() && (is_identifier_char(text[end]) || text[end] == '.')) {
    dotted = dotted || text[end] == '.';
    ++end;
  }
  if (!dotted || (end < text.size() && text[end] != ':')) return false;
  const std::string_view name = text.substr(0, end);
  for (std::string_view suffix :
       {std::string_view("Exception"), std::string_view("Error"), std::string_view("Throwable")}) {
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::Error: return "ERROR";
    case LogLevel::Warn: return "WARN";
    case LogLevel::Info: return "INFO";
    case LogLevel::Debug: return "DEBUG";
    case LogLevel::Trace: return "TRACE";
    case LogLevel::Unknown: break;
  }
  return "";
}

LogLevel detect_level(std::string_view text) noexcept {
  if (LogLevel k = klog_level(text); k != LogLevel::Unknown) return k;
  const std::size_t window = text.size() < kLevelWindow ? text.size() : kLevelWindow;
  for (std::size_t i = 0; i < window; ++i) {
    const char c = text[i];
    // Only the first letters of the words above can start one; most bytes fail this at once.
    if (c != 'E' && c != 'W' && c != 'I' && c != 'D' && c != 'T' && c != 'F' && c != 'S') continue;
    if (i > 0 && is_word_char(text[i - 1])) continue;
    if (LogLevel level = word_at(text, i); level != LogLevel::Unknown) return level;
  }
  return LogLevel::Unknown;
}

TraceShape trace_shape(std::string_view text) noexcept {
  if (text.empty()) return TraceShape::None;
  std::size_t indent = 0;
  while (indent < text.size() && (text[indent] == ' ' || text[indent] == '\t')) ++indent;
  const std::string_view rest = text.substr(indent);
  if (starts_with(rest, "Caused by: ") || starts_with(rest, "Suppressed: ")) return TraceShape::Frame;
  if (indent > 0) {
    if (starts_with(rest, "at ")) return TraceShape::Frame;
    if (starts_with(rest, "... ") && rest.size() > 4 && is_digit(rest[4])) return TraceShape::Frame;
    return TraceShape::Indented;
  }
  return exception_header(text) ? TraceShape::ExceptionHeader : TraceShape::None;
}

}  // namespace flinktop::logs
