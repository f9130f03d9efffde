// The one place that speaks HTTP(S): libcurl with connection reuse, HTTP/2 when offered, TLS from
// the caller's config, connect + idle timeouts, streaming bodies and cancellation.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/http/cancel_token.hpp"
#include "core/http/request.hpp"

namespace flinktop::http {

struct TlsConfig {
  std::string ca_pem;           // PEM bundle; empty = the system's trust store
  std::string client_cert_pem;  // PEM; empty = no client certificate
  std::string client_key_pem;   // PEM
  bool insecure_skip_verify = false;
  std::string server_name;  // verify (and SNI) against this name instead of the URL host
};

struct SessionOptions {
  TlsConfig tls;
  // http://, https:// or socks5://, used for every request. Empty = libcurl's environment proxies
  // (https_proxy / HTTPS_PROXY, http_proxy, all_proxy, no_proxy / NO_PROXY), as kubectl honours
  // them, except that loopback hosts (127.0.0.0/8, ::1, localhost) are always reached directly.
  std::string proxy_url;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};  // default for Request::idle_timeout == 0; 0 = none
  std::string user_agent;                          // default: "flinktop/<version>"
};

// Called with each piece of a 2xx body as it arrives. Return false to stop the transfer (that is
// not an error: send() then returns normally).
using BodySink = std::function<bool(std::string_view chunk)>;

// Thread-safe: many threads may call send()/stream() at once; connections are pooled and reused.
// Transport failures throw flinktop::Error (Connect, Tls, Timeout, Cancelled) with a one-line
// message that names the host and, for TLS, whether the CA, the server name or the client
// certificate is at fault. HTTP error statuses are NOT thrown: the caller reads Response::status.
class Session {
 public:
  explicit Session(SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Whole body in Response::body.
  Response send(const Request& request, CancelToken* cancel = nullptr);

  // A 2xx body goes to `sink` chunk by chunk as it arrives (Response::body stays empty); any other
  // status collects the body into Response::body (error payloads are small) and never calls sink.
  Response stream(const Request& request, const BodySink& sink, CancelToken* cancel = nullptr);

  const SessionOptions& options() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes a query parameter value or path segment.
std::string url_encode(std::string_view value);

}  // namespace flinktop::http
