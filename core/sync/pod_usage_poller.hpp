// Pods' CPU and memory in use, for the pods view, from the metrics API (metrics.k8s.io, served by
// metrics-server) when the cluster has one. It cannot be watched: it is listed every `interval`
// (metrics-server itself samples every 15 s) into the context's snapshot. Not served: asks once
// and stops. Forbidden or failing: says so in the snapshot's status and tries again later.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/http/cancel_token.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/store.hpp"

namespace flinktop::sync {

class PodUsagePoller {
 public:
  PodUsagePoller(std::shared_ptr<kube::ApiClient> client, model::Store& store, std::string namespace_,
                 std::chrono::milliseconds interval = std::chrono::seconds(15));
  ~PodUsagePoller();  // stops, joins, and takes its figures out of the snapshot
  PodUsagePoller(const PodUsagePoller&) = delete;
  PodUsagePoller& operator=(const PodUsagePoller&) = delete;

 private:
  void run();
  bool wait(std::chrono::milliseconds how_long);  // false: stopping

  std::shared_ptr<kube::ApiClient> client_;
  model::Store& store_;
  std::string namespace_;
  std::chrono::milliseconds interval_;
  http::CancelToken cancel_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace flinktop::sync
