#include "core/kube/port_forward/proxy_route.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/http/url_parts.hpp"
#include "core/kube/base64.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::kube {

namespace {

// libcurl's port for a proxy URL that names none (Go would take the scheme's; users name it).
constexpr const char* kDefaultProxyPort = "1080";

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}


// no_proxy as libcurl reads it: "*" for every host; else comma-separated names, each matching
// the host itself or any name below it (a leading dot is optional), or an address exactly.
bool excluded(const std::string& host, const std::string& no_proxy) {
  const std::string name = text::ascii_lower(host);
  std::size_t start = 0;
  while (start <= no_proxy.size()) {
    const std::size_t end = std::min(no_proxy.find(',', start), no_proxy.size());
    std::string entry = no_proxy.substr(start, end - start);
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    entry = text::ascii_lower(entry);
    if (!entry.empty() && entry.front() == '.') entry.erase(0, 1);
    if (entry == "*") return true;
    if (!entry.empty() && (name == entry || (name.size() > entry.size() && name.ends_with("." + entry)))) return true;
    start = end + 1;
  }
  return false;
}

ProxyRoute parse_proxy(const std::string& text) {
  ProxyRoute route;
  // A proxy given as host:port (common in the environment) is an http one.
  const auto url = http::parse_url(text, /*guess_scheme=*/true);
  if (!url) {
    route.unsupported = "port-forward: the proxy URL cannot be parsed";
    route.shown = "(unparsable)";
    return route;
  }
  route.host = url->host;
  route.port = url->port.empty() ? kDefaultProxyPort : url->port;
  route.shown = fmt::format("{}://{}:{}", url->scheme, route.host.find(':') != std::string::npos ? "[" + route.host + "]" : route.host,
                            route.port);
  if (!url->user.empty()) route.authorization = "Basic " + base64_encode(url->user + ":" + url->password);
  if (url->scheme != "http") {
    route.unsupported = fmt::format("port-forward: the proxy {} is not supported for port-forwards (an http:// proxy is)", route.shown);
  }
  return route;
}

}  // namespace

EnvLookup process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

ProxyRoute proxy_route(const std::string& server_host, bool server_tls, const std::string& proxy_url,
                       const EnvLookup& env) {
  if (!proxy_url.empty()) return parse_proxy(proxy_url);
  if (is_loopback(server_host)) return {};
  auto first_set = [&](std::initializer_list<const char*> names) -> std::optional<std::string> {
    for (const char* name : names) {
      if (auto value = env(name); value && !value->empty()) return value;
    }
    return std::nullopt;
  };
  // As libcurl: an upper-case HTTP_PROXY is not read (a CGI's "Proxy:" request header sets it).
  auto chosen = server_tls ? first_set({"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
                           : first_set({"http_proxy", "all_proxy", "ALL_PROXY"});
  if (!chosen) return {};
  if (const auto no_proxy = first_set({"no_proxy", "NO_PROXY"}); no_proxy && excluded(server_host, *no_proxy)) return {};
  return parse_proxy(*chosen);
}

}  // namespace flinktop::kube
