// What a log line says about itself: its level (ERROR/WARN/INFO/DEBUG/TRACE, from log4j/logback
// layouts, JSON logs and klog's "E0102" prefix) and whether it looks like a piece of a Java stack
// trace. Both look only at the start of the line, so a 1 MB line costs as much as a short one.
#pragma once

#include <string_view>

#include "core/logs/log_line.hpp"

namespace flinktop::logs {

// The first level word (upper case, standing alone) among the first 160 bytes; FATAL and SEVERE
// count as ERROR, WARNING as WARN. Unknown when there is none.
LogLevel detect_level(std::string_view text) noexcept;

enum class TraceShape {
  None,
  Frame,            // "\tat a.b.C.m(C.java:1)", "\t... 12 more", "Caused by: ...", "Suppressed: ..."
  ExceptionHeader,  // "java.lang.IllegalStateException: boom" — a trace's first line
  Indented,         // starts with white space: may continue a multi-line message
};

TraceShape trace_shape(std::string_view text) noexcept;

}  // namespace flinktop::logs
