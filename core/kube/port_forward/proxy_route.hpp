// How a port-forward's WebSockets reach the API server: straight, or through an HTTP proxy with
// CONNECT — the kubeconfig's proxy-url, else the environment's proxy as libcurl picks it for the
// rest of the Kubernetes client (https_proxy / HTTPS_PROXY for an https server, http_proxy for
// http, then all_proxy / ALL_PROXY; no_proxy / NO_PROXY; never for a loopback server), so the
// forward goes the way every other request of the context goes.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace flinktop::kube {

struct ProxyRoute {
  std::string host;  // "" when the server is dialled straight
  std::string port;
  std::optional<std::string> authorization;  // "Basic …" from user:password in the proxy URL
  std::string shown;                         // the proxy URL without credentials, for messages
  // A proxy the forward cannot use (socks5://, https://): why, in one line. The forward then says
  // so for every connection rather than silently dialling the server around the proxy.
  std::string unsupported;
};

// `env` reads an environment variable (nullopt: unset).
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
EnvLookup process_environment();

ProxyRoute proxy_route(const std::string& server_host, bool server_tls, const std::string& proxy_url,
                       const EnvLookup& env);

}  // namespace flinktop::kube
