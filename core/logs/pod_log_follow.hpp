// Following one pod's container log through the Kubernetes API (pods/log), the way a user wants it
// followed rather than the way one HTTP request behaves: a cut stream is asked for again from the
// last line's time (ResumePoint: nothing lost, nothing twice); a container that has not started is
// waited for; a restarted container is followed again from its first line; a deleted pod ends the
// source and says so; 403 says that pods/log is forbidden and that the Flink REST log files are
// available — or, with FollowOptions::rest_fallback, shows the pod's REST log file instead.
#pragma once

#include "core/kube/api_client.hpp"
#include "core/logs/log_source.hpp"
#include "core/logs/source_run.hpp"

namespace flinktop::logs {

std::shared_ptr<LogOrigin> pod_origin(const PodLogTarget& pod, const std::string& context,
                                      const std::string& container);

// Runs until the source ends or is cancelled.
void follow_pod(SourceRun& run, kube::ApiClient& api, const PodLogTarget& pod, const FollowOptions& options);

}  // namespace flinktop::logs
