// LogTail: the logs of several Flink processes followed at once and merged in arrival order —
// `flinktop logs -f` and the log view. Each source (a pod's container log, or a Flink REST log
// file) is read by its own worker thread into one bounded LogBuffer, which the reader drains in
// batches. Which pods are followed is the caller's to say (set_pods, from the watched pod list):
// new TaskManagers join, vanished ones leave, a pod recreated under the same name starts over. Each
// source's state (streaming, reconnecting, waiting, forbidden, ended, failed) can be asked at any
// time. Nothing here blocks the calling thread on the network: set_pods/set_rest_files only start
// and cancel workers.
//
//   LogTail tail(api, options);
//   tail.buffer().set_on_wake([fd] { signal(fd); });   // at most once per batch
//   tail.set_pods({{"ns", "orders-taskmanager-1-1"}, {"ns", "orders-taskmanager-1-2"}});
//   ... on wake:  LogBatch batch = tail.buffer().take();  auto states = tail.sources();
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/logs/log_buffer.hpp"
#include "core/logs/log_source.hpp"
#include "core/logs/source_run.hpp"

namespace flinktop::logs {

class LogTail {
 public:
  // `api` may be null when only REST log files are followed (--flink-url).
  explicit LogTail(std::shared_ptr<kube::ApiClient> api, FollowOptions options = {},
                   LogBufferOptions buffer = {});
  ~LogTail();  // stop()
  LogTail(const LogTail&) = delete;
  LogTail& operator=(const LogTail&) = delete;

  LogBuffer& buffer() noexcept { return *buffer_; }
  const FollowOptions& options() const noexcept { return options_; }

  // Follows exactly these pods from now on (REST files are left alone).
  void set_pods(std::vector<PodLogTarget> pods);
  // Follows exactly these REST log files from now on (pods are left alone).
  void set_rest_files(std::vector<RestLogFile> files);

  // Every source, in the order it was added.
  std::vector<SourceStatus> sources() const;
  // Every source's worker has returned: a tail that does not follow is complete (true when empty).
  bool finished() const;
  // Cancels every source and waits for the workers, which end promptly (their requests and pauses
  // are cancelled). Lines already in the buffer stay there to be taken.
  void stop();

 private:
  struct Source {
    std::string key;
    bool pod = false;
    std::shared_ptr<SourceRun> run;
    std::thread thread;
  };

  void start_locked(Source& source, std::shared_ptr<const LogOrigin> origin,
                    std::function<void(SourceRun&)> work);
  // Joins retired workers that have returned; the rest wait for a later call or stop().
  std::vector<std::thread> reap_locked();
  template <class Keep>
  void retire_locked(const Keep& keep);

  std::shared_ptr<kube::ApiClient> api_;
  const FollowOptions options_;
  std::shared_ptr<LogBuffer> buffer_;
  mutable std::mutex mutex_;
  std::vector<Source> sources_;
  std::vector<Source> retired_;  // cancelled, not yet joined
  std::uint32_t next_index_ = 0;
  bool stopped_ = false;
};

// The key a pod or REST file has in sources() ("pod/ns/name/uid", "rest/endpoint/tm/file").
std::string source_key(const PodLogTarget& pod);
std::string source_key(const RestLogFile& file);

}  // namespace flinktop::logs
