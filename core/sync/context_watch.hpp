// Keeps one context's Flink-related resources fresh in the Store for as long as it lives: one
// Reflector per watched kind. Discovery runs on the watch's own thread first, so an operator
// kind that is not served is marked as such instead of being retried forever.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/http/cancel_token.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/store.hpp"
#include "core/sync/reflector.hpp"

namespace flinktop::sync {

class ContextWatch {
 public:
  ContextWatch(std::shared_ptr<kube::ApiClient> client, model::Store& store, std::string namespace_,
               ReflectorOptions options = {});
  ~ContextWatch();  // stops every reflector and joins
  ContextWatch(const ContextWatch&) = delete;
  ContextWatch& operator=(const ContextWatch&) = delete;

  const std::shared_ptr<kube::ApiClient>& client() const { return client_; }
  const std::string& watched_namespace() const { return watched_namespace_; }

 private:
  void start();

  std::shared_ptr<kube::ApiClient> client_;
  model::Store& store_;
  std::string watched_namespace_;
  ReflectorOptions options_;
  http::CancelToken cancel_;
  std::thread starter_;
  std::mutex mutex_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Reflector>> reflectors_;
};

}  // namespace flinktop::sync
