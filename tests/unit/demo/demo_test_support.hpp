// Shared by the demo tests: a kube::ApiClient built from the demo's own kubeconfig (so the
// kubeconfig is tested too), a Flink client through the API server's service proxy, and polling.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "demo/environment.hpp"
#include "core/flink/client.hpp"
#include "core/flink/endpoint.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/kubeconfig.hpp"
#include "core/kube/rest_config.hpp"

namespace flinktop::demo::test_support {

// A demo whose world moves only when a test calls simulation().tick(): for reads that must not race.
inline EnvironmentOptions standing_still(int scale = 0) {
  EnvironmentOptions options;
  options.scale = scale;
  options.tick = false;
  return options;
}

inline std::shared_ptr<kube::ApiClient> client_for(const Environment& env) {
  kube::KubeconfigSources sources;
  sources.explicit_path = env.kubeconfig().string();
  const kube::Kubeconfig config = kube::load_kubeconfig(sources);
  return std::make_shared<kube::ApiClient>(kube::resolve_context(config, ""));
}

// The REST API of a demo cluster the way flinktop reaches it: the API server's service proxy.
inline flink::Client flink_client(const std::shared_ptr<kube::ApiClient>& api, const std::string& ns,
                                  const std::string& service) {
  return flink::Client(flink::service_proxy_endpoint(api, ns, service, "8081"));
}

// Polls `done` until it holds or `limit` passes; the simulation moves on its own tick thread.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < give_up) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace flinktop::demo::test_support
