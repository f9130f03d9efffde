// Which TaskManagers run a job's subtasks, kept fresh for a log view of the job: asked of Flink's
// REST API (one call per vertex) on the poller's own thread at once and every `interval` after
// (a failover moves tasks). A failed look keeps what the last one found, so a hiccup does not
// switch the view to every TaskManager and back. Destruction cancels the call in flight and joins.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/flink/client.hpp"
#include "core/http/cancel_token.hpp"

namespace flinktop::sync {

struct JobTaskManagers {
  std::map<std::string, std::string> ids;  // TaskManager id → endpoint
  std::string error;                       // one line: the last look failed
};

class JobTaskManagersPoller {
 public:
  // `on_update` is called from the poller's thread after each look; it must be cheap.
  JobTaskManagersPoller(std::shared_ptr<flink::Client> client, std::string job_id, std::chrono::milliseconds interval,
                        std::function<void()> on_update);
  ~JobTaskManagersPoller();
  JobTaskManagersPoller(const JobTaskManagersPoller&) = delete;
  JobTaskManagersPoller& operator=(const JobTaskManagersPoller&) = delete;

  // What the last look found; nullopt until Flink first answers (or fails).
  std::optional<JobTaskManagers> latest() const;

 private:
  void run(std::stop_token stop);

  const std::shared_ptr<flink::Client> client_;
  const std::string job_id_;
  const std::chrono::milliseconds interval_;
  const std::function<void()> on_update_;
  mutable std::mutex mutex_;
  std::condition_variable_any woken_;
  std::optional<JobTaskManagers> latest_;
  http::CancelToken cancel_;
  std::jthread thread_;  // last: started once everything it uses exists
};

}  // namespace flinktop::sync
