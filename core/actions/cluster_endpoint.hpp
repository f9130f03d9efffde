// How flinktop reaches a discovered cluster's Flink REST API, for the TUI's polls and every action
// alike: through the Kubernetes API server's service proxy (it needs nothing but the kubeconfig), or
// straight to the URL given with --flink-url.
// The port-forward route plugs in here when it exists.
#pragma once

#include <memory>
#include <string>

#include "core/flink/endpoint.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/cluster.hpp"

namespace flinktop::actions {

// The cluster behind --flink-url, which no Kubernetes describes: named by the URL's host:port, its
// id the URL itself, acted on through REST like a standalone session cluster.
model::Cluster flink_url_cluster(const std::string& url);

// Null when the cluster has no REST Service (or there is no API client to proxy through).
std::shared_ptr<flink::Endpoint> rest_endpoint_for(const std::shared_ptr<kube::ApiClient>& api,
                                                   const model::Cluster& cluster);

}  // namespace flinktop::actions
