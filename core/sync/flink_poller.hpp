// Keeps one cluster's Flink REST data fresh while a view shows it: overview, jobs and
// TaskManagers every `interval`, plus details/checkpoints/exceptions of the job that is open.
// A failed poll keeps the last data (with its age) and retries with jittered backoff. Polls run
// on the poller's own thread; readers take the latest immutable snapshot.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
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
  void poll_now();

  std::shared_ptr<const model::FlinkClusterSnapshot> snapshot() const;
  const std::shared_ptr<flink::Client>& client() const { return client_; }
  const std::string& cluster_id() const { return cluster_id_; }

 private:
  void run();
  void poll_once(const std::string& job_id);
  void publish(std::shared_ptr<const model::FlinkClusterSnapshot> next);

  std::shared_ptr<flink::Client> client_;
  std::string cluster_id_;
  std::function<void()> on_update_;
  std::chrono::milliseconds interval_;
  http::CancelToken cancel_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poke_ = false;
  std::string open_job_;
  std::shared_ptr<const model::FlinkClusterSnapshot> snapshot_;
  std::thread thread_;
};

}  // namespace flinktop::sync
