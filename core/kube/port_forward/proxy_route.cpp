#include "core/kube/port_forward/proxy_route.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "core/kube/base64.hpp"

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

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// no_proxy as libcurl reads it: "*" for every host; else comma-separated names, each matching
// the host itself or any name below it (a leading dot is optional), or an address exactly.
bool excluded(const std::string& host, const std::string& no_proxy) {
  const std::string name = lower(host);
  std::size_t start = 0;
  while (start <= no_proxy.size()) {
    const std::size_t end = std::min(no_proxy.find(',', start), no_proxy.size());
    std::string entry = no_proxy.substr(start, end - start);
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    entry = lower(entry);
    if (!entry.empty() && entry.front() == '.') entry.erase(0, 1);
    if (entry == "*") return true;
    if (!entry.empty() && (name == entry || (name.size() > entry.size() && name.ends_with("." + entry)))) return true;
    start = end + 1;
  }
  return false;
}

ProxyRoute parse_proxy(const std::string& url) {
  ProxyRoute route;
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  // A proxy given as host:port (common in the environment) is an http one.
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    route.unsupported = "port-forward: the proxy URL cannot be parsed";
    route.shown = "(unparsable)";
    return route;
  }
  auto part = [&](CURLUPart which, unsigned flags = 0) {
    char* value = nullptr;
    if (curl_url_get(parsed.get(), which, &value, flags) != CURLUE_OK || value == nullptr) return std::string();
    std::string out(value);
    curl_free(value);
    return out;
  };
  const std::string scheme = lower(part(CURLUPART_SCHEME));
  route.host = part(CURLUPART_HOST);
  if (route.host.size() > 2 && route.host.front() == '[') route.host = route.host.substr(1, route.host.size() - 2);
  route.port = part(CURLUPART_PORT);
  if (route.port.empty()) route.port = kDefaultProxyPort;
  route.shown = fmt::format("{}://{}:{}", scheme, route.host.find(':') != std::string::npos ? "[" + route.host + "]" : route.host,
                            route.port);
  const std::string user = part(CURLUPART_USER, CURLU_URLDECODE);
  if (!user.empty()) route.authorization = "Basic " + base64_encode(user + ":" + part(CURLUPART_PASSWORD, CURLU_URLDECODE));
  if (scheme != "http") {
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
