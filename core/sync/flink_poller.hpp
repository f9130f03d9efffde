// Keeps one cluster's Flink REST data fresh while a view shows it: overview, jobs and
// TaskManagers every `interval`, plus details/checkpoints/exceptions of the job that is open.
// A failed poll keeps the last data (with its age) and retries with jittered backoff. Polls run
// on the poller's own thread; readers take the latest immutable snapshot. Each poll of a job adds a
// sample to that job's bounded history (model::JobHistory), which is kept for a few jobs after
// they are closed, so going back and forth between jobs does not wipe their sparklines.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/flink/client.hpp"
#include "core/http/cancel_token.hpp"
#include "core/model/flink_snapshot.hpp"

namespace flinktop::sync {

class FlinkPoller {
 public:
  FlinkPoller(std::shared_ptr<flink::Client> client, std::string cluster_id, std::function<void()> on_update,
              std::chrono::milliseconds interval = std::chrono::seconds(2));
  ~FlinkPoller();
  FlinkPoller(const FlinkPoller&) = delete;
  FlinkPoller& operator=(const FlinkPoller&) = delete;

  // The job whose details to poll too ("" = none). Polls at once.
  void open_job(const std::string& job_id);
  // Whether to ask each TaskManager for its load (one request per TaskManager per poll, for the
  // first kMaxTaskManagerLoads): only while a TaskManagers view shows it. Polls at once when it
  // turns on.
  void show_taskmanager_load(bool on);
  static constexpr std::size_t kMaxTaskManagerLoads = 64;
  void poll_now();

  std::shared_ptr<const model::FlinkClusterSnapshot> snapshot() const;
  const std::shared_ptr<flink::Client>& client() const { return client_; }
  const std::string& cluster_id() const { return cluster_id_; }

 private:
  void run();
  void poll_once(const std::string& job_id);
  void note_route(model::FlinkClusterSnapshot& next) const;
  void publish(std::shared_ptr<const model::FlinkClusterSnapshot> next);
  void read_configuration(model::FlinkClusterSnapshot& next);
  void read_taskmanager_load(model::FlinkClusterSnapshot& next);
  model::JobHistory& history_of(const std::string& job_id);

  std::shared_ptr<flink::Client> client_;
  std::string cluster_id_;
  std::function<void()> on_update_;
  std::chrono::milliseconds interval_;
  http::CancelToken cancel_;
  // Poll thread only.
  static constexpr std::size_t kKeptHistories = 16;
  std::map<std::string, model::JobHistory> histories_;  // by job id
  std::map<std::string, std::uint64_t> history_used_;   // by job id: the poll that last used it
  std::uint64_t polls_ = 0;
  bool configuration_read_ = false;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poke_ = false;
  std::string open_job_;
  bool taskmanager_load_ = false;
  std::shared_ptr<const model::FlinkClusterSnapshot> snapshot_;
  std::thread thread_;
};

}  // namespace flinktop::sync
