// One log line as flinktop keeps it: where it came from, its arrival order, the time the container
// wrote it (when known), its level, whether it continues a Java stack trace, and its text already
// made safe for a terminal. A line is immutable once it is in a LogBuffer and is shared by pointer,
// so the buffer, the UI and a save-to-file worker hold the same line without copying or locking.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flinktop::logs {

enum class LogLevel : std::uint8_t { Unknown, Trace, Debug, Info, Warn, Error };

// "ERROR", "WARN", "INFO", "DEBUG", "TRACE"; "" for Unknown.
std::string_view to_string(LogLevel level) noexcept;

enum class LogSourceKind : std::uint8_t {
  Pod,      // a container's log stream through the Kubernetes API (pods/log)
  RestFile  // a log file the JobManager serves through Flink's REST API
};

// Where lines come from; one per source, shared by all its lines.
struct LogOrigin {
  LogSourceKind kind = LogSourceKind::Pod;
  // What a multi-source view prefixes each line with: the pod name, or for a REST file
  // "taskmanager <id>" / "jobmanager" (plus "/<file>" for a rotated file).
  std::string label;
  std::string context;         // Kubernetes context; "" with --flink-url
  std::string namespace_;      // Pod
  std::string pod;             // Pod; for a REST file the pod it stands in for, when known
  std::string container;       // Pod: "" = the pod's default container
  std::string taskmanager_id;  // RestFile: "" = the JobManager
  std::string file;            // RestFile: "" = the main log (/log), else a name from /logs
  std::string endpoint;        // RestFile: Endpoint::describe() of the Flink REST API
  std::uint32_t index = 0;     // small, stable number per source in a LogTail (prefix colour)
};

using LogTime = std::chrono::system_clock::time_point;

struct LogLine {
  std::uint64_t seq = 0;  // arrival order in its LogBuffer, from 1 (set by LogBuffer::push)
  std::shared_ptr<const LogOrigin> origin;
  std::optional<LogTime> time;  // when the container wrote it (Kubernetes timestamps); REST: none
  LogLevel level = LogLevel::Unknown;
  // A stack-trace line ("\tat ...", "Caused by: ...") of the record above it; it carries that
  // record's level, so an ERROR's trace folds and colours with it.
  bool continuation = false;
  // Written by flinktop, not by the program: "container restarted", "log file rotated", ...
  bool notice = false;
  std::uint64_t cut_bytes = 0;  // bytes of an over-long line left out (the text says so too)
  std::string text;             // sanitised: no control characters, valid UTF-8, no tabs
};

using LogLinePtr = std::shared_ptr<const LogLine>;

}  // namespace flinktop::logs
