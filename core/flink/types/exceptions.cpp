#include "core/flink/types/exceptions.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

namespace {

ExceptionEntry decode_entry(const json& e) {
  ExceptionEntry out;
  out.exception_name = string(e, "exceptionName");
  out.stacktrace = string(e, "stacktrace");
  out.timestamp = integer(e, "timestamp");
  out.task_name = string(e, "taskName");
  out.endpoint = string_any(e, {"endpoint", "location"});
  out.task_manager_id = string(e, "taskManagerId");
  const json& labels = object(e, "failureLabels");
  for (auto it = labels.begin(); it != labels.end(); ++it) {
    if (it->is_string()) out.failure_labels[it.key()] = it->get<std::string>();
  }
  for (const auto& c : array(e, "concurrentExceptions")) {
    if (c.is_object()) out.concurrent.push_back(decode_entry(c));
  }
  return out;
}

// "java.lang.Exception: boom\n\tat ..." → "java.lang.Exception".
std::string exception_name_of(const std::string& trace) {
  std::string first = trace.substr(0, trace.find('\n'));
  auto colon = first.find(':');
  return colon == std::string::npos ? first : first.substr(0, colon);
}

}  // namespace

JobExceptions decode_job_exceptions(const json& j) {
  JobExceptions out;
  if (const json* history = find(j, "exceptionHistory"); history && history->is_object()) {
    for (const auto& e : array(*history, "entries")) {
      if (e.is_object()) out.entries.push_back(decode_entry(e));
    }
    out.truncated = boolean(*history, "truncated");
    return out;
  }
  // Before exceptionHistory: one root cause as a string, and every task failure beside it.
  out.legacy = true;
  out.truncated = boolean(j, "truncated");
  std::string root = string(j, "root-exception");
  if (root.empty()) return out;
  ExceptionEntry entry;
  entry.stacktrace = root;
  entry.exception_name = exception_name_of(root);
  entry.timestamp = integer(j, "timestamp");
  for (const auto& e : array(j, "all-exceptions")) {
    if (!e.is_object()) continue;
    ExceptionEntry c;
    c.stacktrace = string(e, "exception");
    c.exception_name = exception_name_of(c.stacktrace);
    c.timestamp = integer(e, "timestamp");
    c.task_name = string(e, "task");
    c.endpoint = string_any(e, {"endpoint", "location"});
    c.task_manager_id = string(e, "taskManagerId");
    entry.concurrent.push_back(std::move(c));
  }
  out.entries.push_back(std::move(entry));
  return out;
}

}  // namespace flinktop::flink
