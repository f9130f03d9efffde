// How requests reach one Flink cluster's REST API. The Client speaks in paths ("/jobs/overview");
// an Endpoint decides the route: straight to a URL (--flink-url), or through the Kubernetes API
// server's service proxy with the context's credentials. Thread-safe.
//
// A port-forward needs no class of its own: a kube::PortForward listening on 127.0.0.1:<local>
// plus direct_endpoint(ForwardedEndpoint{...}) below, which keeps the forward alive for as long as
// the endpoint lives and describes itself as the forward (core/actions/cluster_endpoint decides
// when).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/session.hpp"

namespace flinktop::kube {
class ApiClient;
}

namespace flinktop::flink {

// Whole-request limit for a request sent without one (every REST call but uploads is short).
inline constexpr std::chrono::milliseconds kDefaultCallTimeout{15'000};

class Endpoint {
 public:
  virtual ~Endpoint() = default;

  // `request.url` is a path with its query, starting with '/'. A request with no total timeout
  // gets kDefaultCallTimeout. Transport failures throw flinktop::Error (Connect, Tls, Timeout,
  // Cancelled); HTTP statuses are returned, never thrown.
  virtual http::Response send(http::Request request, http::CancelToken* cancel) = 0;
  // The same, but a 2xx body goes to `sink` as it arrives (log files: megabytes, never held whole);
  // any other status collects the body into Response::body. The default sends, then hands the
  // whole body over in one piece (for endpoints that cannot stream).
  virtual http::Response stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel);
  // For messages: "http://flink.example:8081", "service proxy ns/svc:rest (context kind-dev)".
  // Never contains a credential.
  virtual std::string describe() const = 0;
  // Requests go through a port-forward now (the clusters view says so): the API server's service
  // proxy could not reach the JobManager.
  virtual bool port_forwarded() const { return false; }
};

// --flink-url: `base_url` is http(s)://host[:port][/prefix]; user:password@ in it is refused
// (pass it as `authorization` instead, so it never shows in messages). `authorization` is the
// whole Authorization header value (see basic_authorization / bearer_authorization).
// Throws Error(Usage) for a URL that is not http(s).
std::shared_ptr<Endpoint> direct_endpoint(const std::string& base_url, http::SessionOptions options = {},
                                          std::optional<std::string> authorization = std::nullopt);

// The port-forward hook: a direct endpoint over an existing session whose describe() is
// `description` and which owns `keep_alive` (e.g. the PortForward behind `base_url`).
struct ForwardedEndpoint {
  std::string base_url;     // "http://127.0.0.1:<local port>"
  std::string description;  // "port-forward ns/pod:8081 (context ctx)"
  std::shared_ptr<http::Session> session;
  std::shared_ptr<const void> keep_alive;
};
std::shared_ptr<Endpoint> direct_endpoint(ForwardedEndpoint forwarded);

// /api/v1/namespaces/<ns>/services/<service>:<port>/proxy<path> on `api`'s server. `port` is the
// Service port's name or number ("rest", "8081"); a TLS backend is "https:<service>".
std::shared_ptr<Endpoint> service_proxy_endpoint(std::shared_ptr<kube::ApiClient> api, std::string ns,
                                                 std::string service, std::string port);

// The API server path of `path` (with query) through the service proxy.
std::string service_proxy_path(std::string_view ns, std::string_view service, std::string_view port,
                               std::string_view path);

std::string basic_authorization(std::string_view user, std::string_view password);
std::string bearer_authorization(std::string_view token);

}  // namespace flinktop::flink
