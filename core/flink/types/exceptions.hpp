// A job's failures (GET /jobs/:id/exceptions). Flink 1.13+ keeps an `exceptionHistory` of root
// causes, each with the failures that happened at the same time; before that (and removed in 2.0)
// there was one `root-exception` string plus `all-exceptions`. Both decode to the same shape.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace flinktop::flink {

struct ExceptionEntry {
  std::string exception_name;  // "java.lang.RuntimeException"
  std::string stacktrace;      // the whole Java stack trace (many lines; sanitise before showing)
  std::int64_t timestamp = 0;
  std::string task_name;  // empty for a global (JobManager) failure
  std::string endpoint;   // "host:port" of the TaskManager; 1.x "location" is read as well
  std::string task_manager_id;
  std::map<std::string, std::string> failure_labels;
  std::vector<ExceptionEntry> concurrent;  // only on root entries
};

struct JobExceptions {
  std::vector<ExceptionEntry> entries;  // newest first
  bool truncated = false;               // Flink kept more than it returned
  bool legacy = false;                  // decoded from root-exception / all-exceptions
};

JobExceptions decode_job_exceptions(const nlohmann::json& j);

}  // namespace flinktop::flink
