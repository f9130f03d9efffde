// What a LogTail follows and how each source is doing, as plain values: a pod (its container's
// Kubernetes log stream), or a log file the Flink REST API serves (without Kubernetes, or when
// pods/log is forbidden); the options they are followed with; and each source's state, which the
// UI shows next to the lines ("reconnecting", "waiting for the container to start", ...).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/logs/log_ingest.hpp"
#include "core/logs/log_line.hpp"

namespace flinktop::flink {
class Client;
}

namespace flinktop::logs {

inline constexpr const char* kFlinkContainer = "flink-main-container";

// A log file of one Flink process, read through the JobManager's REST API.
struct RestLogFile {
  std::shared_ptr<flink::Client> flink;
  std::string taskmanager_id;  // "" = the JobManager
  std::string file;            // "" = the main log (/taskmanagers/:id/log, /jobmanager/log)
  std::string pod;             // the pod this process runs in, when known (for labels only)
};

// A pod to follow.
struct PodLogTarget {
  std::string namespace_;
  std::string name;
  std::string uid;        // "" = unknown; the same name with another uid is another pod
  std::string container;  // "" = FollowOptions::container
  // For the REST fallback when pods/log is forbidden: the pod's cluster, and what runs in it.
  std::shared_ptr<flink::Client> flink;
  bool jobmanager = false;
  std::string pod_ip;  // finds a standalone TaskManager (id "10.0.0.7:6122-3f2a1b") by address
};

struct FollowOptions {
  std::string container = kFlinkContainer;    // "" = the pod's only/default container
  bool follow = true;                         // false: what is there now, then end
  std::optional<std::int64_t> tail_lines;     // at the start: only the last N lines (per source)
  std::optional<std::int64_t> since_seconds;  // at the start: only lines this recent (pods only)
  bool previous = false;                      // the previous (crashed) container; never followed
  IngestOptions ingest;
  // When pods/log is forbidden (403) and the target names its Flink cluster: read the process's
  // REST log file instead, and say so. Off: the source stops as Forbidden and says the REST log
  // files are available.
  bool rest_fallback = false;
  std::chrono::milliseconds backoff_initial{500};  // reconnect after a cut stream, doubling...
  std::chrono::milliseconds backoff_max{10'000};   // ...up to this
  std::chrono::milliseconds waiting_max{5'000};    // re-check a container that has not started
  std::chrono::milliseconds rest_refresh{2'000};   // how often a REST log file is read again
};

enum class SourceState {
  Connecting,    // asking for the stream
  Streaming,     // lines flow (or would, if the program wrote any)
  Reconnecting,  // the stream was cut; asking again from the last line, after a pause
  Waiting,       // the container has not started yet (or is restarting)
  Forbidden,     // pods/log is not allowed (403); the REST log files may be
  Ended,         // nothing more will come: end of a non-followed log, pod deleted, left the set
  Failed,        // an error that asking again will not fix (unknown container, 401, no such pod)
};

// "connecting", "streaming", "reconnecting", "waiting", "forbidden", "ended", "failed".
std::string_view to_string(SourceState state) noexcept;

struct SourceStatus {
  std::shared_ptr<const LogOrigin> origin;  // what is shown now (a REST file after a fallback)
  std::string key;                          // stable id of the source within its LogTail
  SourceState state = SourceState::Connecting;
  std::string message;                              // one line for the status area, "" when all is well
  std::optional<ErrorKind> error;                   // Forbidden / Failed: the kind (CLI exit codes)
  std::uint64_t lines = 0;                          // lines this source delivered
  std::chrono::system_clock::time_point changed{};  // when the state last changed
};

}  // namespace flinktop::logs
