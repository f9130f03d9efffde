#include "core/actions/cluster_endpoint.hpp"

#include <fmt/format.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "core/kube/api_error.hpp"

namespace flinktop::actions {

model::Cluster flink_url_cluster(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  const std::size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
  if (const std::size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  // The port the URL implies when it names none: the name always reads host:port.
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  const bool has_port = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
  if (!has_port && !authority.empty()) authority += scheme == "https" ? ":443" : ":80";
  model::Cluster cluster;
  cluster.id = url;
  cluster.name = authority;
  cluster.kind = model::ClusterKind::Standalone;
  return cluster;
}

namespace {

// The service proxy first; once the API server says it cannot reach the JobManager, a port-forward
// to the pod that serves the cluster, for this request and every later one.
class ProxyThenForward final : public flink::Endpoint {
 public:
  ProxyThenForward(std::shared_ptr<kube::ApiClient> api, const model::Cluster& cluster,
                   std::shared_ptr<flink::Endpoint> proxy, ServingPodFn serving, std::uint16_t pod_port)
      : api_(std::move(api)),
        cluster_(cluster.namespace_ + "/" + cluster.name),
        proxy_(std::move(proxy)),
        serving_(std::move(serving)),
        pod_port_(pod_port) {}

  http::Response send(http::Request request, http::CancelToken* cancel) override {
    if (auto forwarded = forwarded_endpoint()) return through([&] { return forwarded->send(std::move(request), cancel); });
    http::Response response = proxy_->send(request, cancel);
    if (!api_server_refused_proxy(response)) return response;
    auto forwarded = start_forward(response);
    return through([&] { return forwarded->send(std::move(request), cancel); });
  }

  http::Response stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel) override {
    if (auto forwarded = forwarded_endpoint()) {
      return through([&] { return forwarded->stream(std::move(request), sink, cancel); });
    }
    http::Response response = proxy_->stream(request, sink, cancel);  // a refusal is not streamed
    if (!api_server_refused_proxy(response)) return response;
    auto forwarded = start_forward(response);
    return through([&] { return forwarded->stream(std::move(request), sink, cancel); });
  }

  std::string describe() const override {
    auto forwarded = forwarded_endpoint();
    return forwarded ? forwarded->describe() : proxy_->describe();
  }

  bool port_forwarded() const override { return forwarded_endpoint() != nullptr; }

 private:
  std::shared_ptr<flink::Endpoint> forwarded_endpoint() const {
    std::lock_guard lock(mutex_);
    return forwarded_;
  }

  // A request through the forward that fails in transport: the forward knows why (kwok's or the
  // kubelet's words on the error channel, the pod gone); say it along.
  template <class F>
  http::Response through(F&& call) {
    try {
      return call();
    } catch (const Error& e) {
      std::string why;
      {
        std::lock_guard lock(mutex_);
        if (forward_) why = forward_->status().last_error;
      }
      if (why.empty()) throw;
      // The forward's reason names the pod and port; the route says why a forward at all.
      throw Error(e.kind(), fmt::format("{} (the service proxy cannot reach {})", why, cluster_));
    }
  }

  std::shared_ptr<flink::Endpoint> start_forward(const http::Response& refusal) {
    std::lock_guard lock(mutex_);
    if (forwarded_) return forwarded_;  // another thread switched meanwhile
    const std::string proxy_said = fmt::format("{} answered {}: {}", proxy_->describe(), refusal.status,
                                               kube::status_message(refusal.body));
    const kube::ServingPod pod = serving_();
    if (pod.name.empty()) {
      throw Error(ErrorKind::Connect, fmt::format("{}; no pod to port-forward to instead: {}", proxy_said, pod.why_not));
    }
    try {
      kube::ForwardOptions options;
      options.remote_port = pod_port_;
      options.any_local_port = true;
      forward_ = std::make_shared<kube::PortForward>(api_->config(), serving_, options);
    } catch (const Error& e) {
      throw Error(e.kind(), fmt::format("{}; and no port-forward: {}", proxy_said, e.what()));
    }
    flink::ForwardedEndpoint forwarded;
    forwarded.base_url = forward_->url();
    forwarded.description =
        fmt::format("port-forward {}:{} (context {}; the service proxy cannot reach it)", cluster_, pod_port_, api_->context());
    forwarded.keep_alive = forward_;
    forwarded_ = flink::direct_endpoint(std::move(forwarded));
    return forwarded_;
  }

  std::shared_ptr<kube::ApiClient> api_;
  std::string cluster_;
  std::shared_ptr<flink::Endpoint> proxy_;
  ServingPodFn serving_;
  std::uint16_t pod_port_;
  mutable std::mutex mutex_;
  std::shared_ptr<kube::PortForward> forward_;
  std::shared_ptr<flink::Endpoint> forwarded_;
};

}  // namespace

bool api_server_refused_proxy(const http::Response& response) {
  switch (response.status) {
    case 403: case 404: case 500: case 502: case 503: break;
    default: return false;
  }
  if (response.body.size() > 64 * 1024) return false;
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  return body.is_object() && body.value("kind", "") == "Status" && body.value("apiVersion", "") == "v1";
}

std::shared_ptr<flink::Endpoint> rest_endpoint_for(const std::shared_ptr<kube::ApiClient>& api,
                                                   const model::Cluster& cluster, ServingPodFn serving,
                                                   std::uint16_t pod_port) {
  if (!api || !cluster.rest) return nullptr;
  auto proxy = flink::service_proxy_endpoint(api, cluster.rest->namespace_, cluster.rest->name,
                                             std::to_string(cluster.rest->port));
  if (!serving) return proxy;
  return std::make_shared<ProxyThenForward>(api, cluster, std::move(proxy), std::move(serving),
                                            pod_port != 0 ? pod_port : static_cast<std::uint16_t>(cluster.rest->port));
}

}  // namespace flinktop::actions
