// Reading a Flink process's log file through the REST API as if it were a stream: the file is read
// again every `rest_refresh` (only when the file list says something changed) and only the bytes
// past what was already read become lines; a file that shrank or changed under what was read was
// rotated, and is read afresh from its start with a notice. Flink serves no byte ranges, so each
// read streams the file and skips what is known, holding at most one line in memory.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/http/cancel_token.hpp"
#include "core/logs/log_source.hpp"
#include "core/logs/source_run.hpp"

namespace flinktop::logs {

// "jobmanager", "taskmanager <id>", plus "/<file>" for a file other than the main log; the pod's
// name instead when the file stands in for a pod.
std::shared_ptr<LogOrigin> rest_origin(const RestLogFile& file);

// Runs until the source ends or is cancelled. `note` is the status message while it streams
// (e.g. why the REST file is shown instead of the pod's log).
void follow_rest_file(SourceRun& run, const RestLogFile& file, const FollowOptions& options,
                      const std::string& note = {});

// The REST log file of the Flink process in `pod`: the JobManager's, or the TaskManager whose id
// is the pod's name (native Kubernetes) or whose address is the pod's IP (standalone). nullopt
// when the pod names no cluster or no TaskManager matches. Blocking (one REST call).
std::optional<RestLogFile> find_rest_log(const PodLogTarget& pod, http::CancelToken* cancel = nullptr);

}  // namespace flinktop::logs
