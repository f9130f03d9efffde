#include "core/flink/endpoint.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/base64.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::flink {

namespace {

void apply_default_timeout(http::Request& request) {
  if (request.total_timeout.count() <= 0) request.total_timeout = kDefaultCallTimeout;
}

class DirectEndpoint final : public Endpoint {
 public:
  DirectEndpoint(std::string base_url, std::shared_ptr<http::Session> session,
                 std::optional<std::string> authorization, std::string description,
                 std::shared_ptr<const void> keep_alive, bool forwarded)
      : base_url_(std::move(base_url)),
        session_(std::move(session)),
        authorization_(std::move(authorization)),
        description_(std::move(description)),
        keep_alive_(std::move(keep_alive)),
        forwarded_(forwarded) {}

  http::Response send(http::Request request, http::CancelToken* cancel) override {
    apply_default_timeout(request);
    request.url = base_url_ + request.url;
    if (authorization_) request.headers.push_back({"Authorization", *authorization_});
    return session_->send(request, cancel);
  }

  http::Response stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel) override {
    apply_default_timeout(request);
    request.url = base_url_ + request.url;
    if (authorization_) request.headers.push_back({"Authorization", *authorization_});
    return session_->stream(request, sink, cancel);
  }

  std::string describe() const override { return description_; }
  bool port_forwarded() const override { return forwarded_; }

 private:
  std::string base_url_;  // no trailing '/'
  std::shared_ptr<http::Session> session_;
  std::optional<std::string> authorization_;
  std::string description_;
  std::shared_ptr<const void> keep_alive_;
  bool forwarded_ = false;
};

class ServiceProxyEndpoint final : public Endpoint {
 public:
  ServiceProxyEndpoint(std::shared_ptr<kube::ApiClient> api, std::string ns, std::string service,
                       std::string port)
      : api_(std::move(api)), ns_(std::move(ns)), service_(std::move(service)), port_(std::move(port)) {}

  http::Response send(http::Request request, http::CancelToken* cancel) override {
    apply_default_timeout(request);
    request.url = service_proxy_path(ns_, service_, port_, request.url);
    return api_->request(std::move(request), cancel);
  }

  http::Response stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel) override {
    apply_default_timeout(request);
    request.url = service_proxy_path(ns_, service_, port_, request.url);
    return api_->stream(std::move(request), sink, cancel);
  }

  std::string describe() const override {
    return fmt::format("service proxy {}/{}:{} (context {})", ns_, service_, port_, api_->context());
  }

 private:
  std::shared_ptr<kube::ApiClient> api_;
  std::string ns_;
  std::string service_;
  std::string port_;
};

std::string normalized_base_url(const std::string& url) {
  std::string base = url;
  while (!base.empty() && (base.back() == ' ')) base.pop_back();
  bool http = base.rfind("http://", 0) == 0;
  bool https = base.rfind("https://", 0) == 0;
  if (!http && !https) {
    throw Error(ErrorKind::Usage, fmt::format("Flink URL \"{}\" must start with http:// or https://",
                                              text::one_line(url, 120)));
  }
  std::size_t authority = base.find("://") + 3;
  std::size_t authority_end = base.find_first_of("/?#", authority);
  std::string_view host = std::string_view(base).substr(
      authority, authority_end == std::string::npos ? std::string::npos : authority_end - authority);
  if (host.find('@') != std::string_view::npos) {
    throw Error(
        ErrorKind::Usage,
        "the Flink URL must not carry user:password@; pass the credentials as basic auth options instead");
  }
  if (host.empty()) throw Error(ErrorKind::Usage, "the Flink URL has no host");
  if (base.find_first_of("?#", authority) != std::string::npos) {
    throw Error(ErrorKind::Usage, "the Flink URL must not have a query or fragment");
  }
  while (base.size() > authority && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

http::Response Endpoint::stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel) {
  http::Response response = send(std::move(request), cancel);
  if (response.status >= 200 && response.status < 300) {
    if (!response.body.empty()) sink(response.body);
    response.body.clear();
  }
  return response;
}

std::shared_ptr<Endpoint> direct_endpoint(const std::string& base_url, http::SessionOptions options,
                                          std::optional<std::string> authorization) {
  std::string base = normalized_base_url(base_url);
  auto session = std::make_shared<http::Session>(std::move(options));
  return std::make_shared<DirectEndpoint>(base, std::move(session), std::move(authorization), base, nullptr, false);
}

std::shared_ptr<Endpoint> direct_endpoint(ForwardedEndpoint forwarded) {
  std::string base = normalized_base_url(forwarded.base_url);
  if (!forwarded.session) forwarded.session = std::make_shared<http::Session>(http::SessionOptions{});
  std::string description = forwarded.description.empty() ? base : forwarded.description;
  return std::make_shared<DirectEndpoint>(base, std::move(forwarded.session), std::nullopt,
                                          std::move(description), std::move(forwarded.keep_alive), true);
}

std::shared_ptr<Endpoint> service_proxy_endpoint(std::shared_ptr<kube::ApiClient> api, std::string ns,
                                                 std::string service, std::string port) {
  if (!api) throw Error(ErrorKind::Usage, "service proxy endpoint needs a Kubernetes API client");
  return std::make_shared<ServiceProxyEndpoint>(std::move(api), std::move(ns), std::move(service),
                                                std::move(port));
}

namespace {

// Percent-encodes each ':'-separated piece; the colons are the proxy's own syntax ([scheme:]name:port).
std::string encode_keeping_colons(std::string_view value) {
  std::string out;
  while (true) {
    auto colon = value.find(':');
    out += http::url_encode(value.substr(0, colon));
    if (colon == std::string_view::npos) break;
    out += ':';
    value.remove_prefix(colon + 1);
  }
  return out;
}

}  // namespace

std::string service_proxy_path(std::string_view ns, std::string_view service, std::string_view port,
                               std::string_view path) {
  std::string out = fmt::format("/api/v1/namespaces/{}/services/{}:{}/proxy", http::url_encode(ns),
                                encode_keeping_colons(service), http::url_encode(port));
  if (path.empty() || path.front() != '/') out += '/';
  out += path;
  return out;
}

std::string basic_authorization(std::string_view user, std::string_view password) {
  std::string pair = std::string(user) + ":" + std::string(password);
  return "Basic " + kube::base64_encode(pair);
}

std::string bearer_authorization(std::string_view token) {
  return "Bearer " + std::string(token);
}

}  // namespace flinktop::flink
