// How one cluster is reached: its context's API client (pods, their logs, operator resources) and
// its Flink REST client. Polls, log tails and actions take the same route to the same cluster.
#pragma once

#include <memory>

#include "core/flink/client.hpp"
#include "core/kube/api_client.hpp"

namespace flinktop::sync {

struct ClusterRoute {
  std::shared_ptr<kube::ApiClient> kube;  // null: in no watched context (--flink-url)
  std::shared_ptr<flink::Client> flink;   // null: the cluster has no REST route
};

}  // namespace flinktop::sync
