// How flinktop reaches a discovered cluster's Flink REST API, for the TUI's polls and every action
// alike: through the Kubernetes API server's service proxy (it needs nothing but the kubeconfig), or
// straight to the URL given with --flink-url; and through a port-forward where the service proxy
// cannot reach the JobManager.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/flink/endpoint.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/port_forward/port_forward.hpp"
#include "core/model/cluster.hpp"

namespace flinktop::actions {

// The cluster behind --flink-url, which no Kubernetes describes: named by the URL's host:port, its
// id the URL itself, acted on through REST like a standalone session cluster.
model::Cluster flink_url_cluster(const std::string& url);

// Which pod a port-forward to the cluster's JobManager goes to now (model::ServingPodFinder over
// what the caller knows: the Store for the TUI, the listed snapshot for the CLI). Called on the
// thread that sends a request; it must be thread-safe.
using ServingPodFn = std::function<kube::ServingPod()>;

// Null when the cluster has no REST Service (or there is no API client to proxy through).
// Through the API server's service proxy; with `serving`, when the proxy answers for itself that
// it cannot reach the JobManager (a Kubernetes Status with 403 on services/proxy, 404 or 503 for a
// Service without endpoints, 502 for pod addresses it will not dial), the endpoint port-forwards
// to the pod `serving` names instead (`pod_port`, on a local port the system picks) and keeps
// doing so; describe() then names the forward.
std::shared_ptr<flink::Endpoint> rest_endpoint_for(const std::shared_ptr<kube::ApiClient>& api,
                                                   const model::Cluster& cluster, ServingPodFn serving = {},
                                                   std::uint16_t pod_port = 0);

// Whether `response` is the API server's own refusal to proxy (a Kubernetes Status with 403, 404,
// 500, 502 or 503) rather than an answer from Flink.
bool api_server_refused_proxy(const http::Response& response);

}  // namespace flinktop::actions
