// Java exceptions as a Flink job or TaskManager reports them: the demo's job failures, failed
// checkpoints and the stack traces in its TaskManager logs come from these few plausible ones.
#pragma once

#include <cstddef>
#include <string>

namespace flinktop::demo {

struct JavaTrace {
  std::string name;   // "java.lang.RuntimeException"
  std::string trace;  // "name: message\n\tat ...\nCaused by: ..."
};

// The `pick`th (modulo the number there are) failure of a job running `task`.
JavaTrace job_failure(std::size_t pick, const std::string& task);
// What Flink reports when TaskManager `taskmanager_id` stops answering heartbeats.
JavaTrace taskmanager_lost(const std::string& taskmanager_id);

}  // namespace flinktop::demo
