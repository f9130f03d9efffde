// From a kubeconfig context (or a pod's service account) to what a Session and the Kubernetes
// client need: server URL, TLS material read from disk now, proxy, credential source, namespace.
#include "core/kube/rest_config.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "core/error.hpp"
#include "core/kube/local_file.hpp"
#include "core/kube/token_file.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::kube {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

template <typename Map>
std::string names_of(const Map& map) {
  std::vector<std::string> names;
  for (const auto& [name, entry] : map) names.push_back(name);
  return names.empty() ? "none" : join(names);
}

// URLs go into messages: drop any user:password@ part.
std::string redact_userinfo(const std::string& url) {
  size_t scheme_end = url.find("://");
  size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  size_t at = url.find('@', start);
  size_t slash = url.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
  return url.substr(0, start) + "…@" + url.substr(at + 1);
}

std::string scheme_of(const std::string& url) {
  size_t end = url.find("://");
  if (end == std::string::npos) return "";
  return text::ascii_lower(url.substr(0, end));
}

std::string checked_server(const ClusterEntry& cluster) {
  if (cluster.server.empty())
    throw Error(ErrorKind::Config,
                fmt::format("cluster \"{}\" has no server in the kubeconfig", cluster.name));
  std::string scheme = scheme_of(cluster.server);
  if (scheme.empty())
    throw Error(ErrorKind::Config,
                fmt::format("server \"{}\" of cluster \"{}\" has no scheme; write it as https://{}",
                            redact_userinfo(cluster.server), cluster.name, redact_userinfo(cluster.server)));
  if (scheme != "https" && scheme != "http")
    throw Error(ErrorKind::Config,
                fmt::format("server \"{}\" of cluster \"{}\" must start with https:// or http://",
                            redact_userinfo(cluster.server), cluster.name));
  std::string server = cluster.server;
  if (server.size() == scheme.size() + 3)
    throw Error(ErrorKind::Config, fmt::format("server \"{}\" of cluster \"{}\" has no host",
                                               redact_userinfo(cluster.server), cluster.name));
  while (server.size() > scheme.size() + 3 && server.back() == '/') server.pop_back();
  return server;
}

// PEM from the -data field, else from the file it names (read now, so a problem shows up front).
std::string pem_from(const std::string& data, const std::string& path, const char* field,
                     const std::string& owner) {
  if (!data.empty()) return data;
  if (path.empty()) return "";
  LocalFile file = read_local_file(path);
  if (!file.ok())
    throw Error(ErrorKind::Config,
                fmt::format("{} {} of {} {}", field, path, owner, describe_errno(file.error)));
  return std::move(file.text);
}

std::string trimmed(std::string s) {
  const char* space = " \t\r\n";
  size_t first = s.find_first_not_of(space);
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

}  // namespace

RestConfig resolve_context(const Kubeconfig& config, const std::string& context) {
  const std::string files = config.files.empty() ? "no files" : join(config.files);
  const std::string name = context.empty() ? config.current_context : context;
  if (name.empty())
    throw Error(ErrorKind::Config,
                fmt::format("no context selected: the kubeconfig ({}) has no current-context; pass --context "
                            "(available: {})",
                            files, names_of(config.contexts)));
  auto ctx = config.contexts.find(name);
  if (ctx == config.contexts.end())
    throw Error(ErrorKind::Config, fmt::format("context \"{}\" not found in kubeconfig ({}); available: {}",
                                               name, files, names_of(config.contexts)));
  const ContextEntry& entry = ctx->second;
  if (entry.cluster.empty())
    throw Error(ErrorKind::Config,
                fmt::format("context \"{}\" names no cluster in kubeconfig ({})", name, files));
  auto cluster_it = config.clusters.find(entry.cluster);
  if (cluster_it == config.clusters.end())
    throw Error(ErrorKind::Config,
                fmt::format("context \"{}\" names cluster \"{}\", which is not defined in kubeconfig ({}); "
                            "clusters: {}",
                            name, entry.cluster, files, names_of(config.clusters)));
  const ClusterEntry& cluster = cluster_it->second;
  AuthInfo user;  // no user: anonymous, as kubectl allows
  if (!entry.user.empty()) {
    auto user_it = config.users.find(entry.user);
    if (user_it == config.users.end())
      throw Error(
          ErrorKind::Config,
          fmt::format("context \"{}\" names user \"{}\", which is not defined in kubeconfig ({}); users: {}",
                      name, entry.user, files, names_of(config.users)));
    user = user_it->second;
  }

  RestConfig rc;
  rc.context = name;
  rc.cluster_name = cluster.name;
  rc.user_name = user.name;
  rc.default_namespace = entry.namespace_.empty() ? "default" : entry.namespace_;
  rc.server = checked_server(cluster);

  const std::string cluster_owner = fmt::format("cluster \"{}\"", cluster.name);
  const std::string user_owner = fmt::format("user \"{}\"", user.name);
  http::TlsConfig& tls = rc.http.tls;
  tls.insecure_skip_verify = cluster.insecure_skip_tls_verify;
  tls.server_name = cluster.tls_server_name;
  if (tls.insecure_skip_verify &&
      (!cluster.certificate_authority.empty() || !cluster.certificate_authority_data.empty()))
    throw Error(
        ErrorKind::Config,
        fmt::format("{} sets both insecure-skip-tls-verify and a certificate authority; remove one of them",
                    cluster_owner));
  tls.ca_pem = pem_from(cluster.certificate_authority_data, cluster.certificate_authority,
                        "certificate-authority", cluster_owner);
  tls.client_cert_pem =
      pem_from(user.client_certificate_data, user.client_certificate, "client-certificate", user_owner);
  tls.client_key_pem = pem_from(user.client_key_data, user.client_key, "client-key", user_owner);
  if (tls.client_cert_pem.empty() != tls.client_key_pem.empty())
    throw Error(ErrorKind::Config,
                fmt::format("{} has a client {} but no client {}; set both client-certificate and client-key",
                            user_owner, tls.client_cert_pem.empty() ? "key" : "certificate",
                            tls.client_cert_pem.empty() ? "certificate" : "key"));

  if (!cluster.proxy_url.empty()) {
    std::string scheme = scheme_of(cluster.proxy_url);
    if (scheme != "http" && scheme != "https" && scheme != "socks5")
      throw Error(ErrorKind::Config,
                  fmt::format("proxy-url \"{}\" of {} must start with http://, https:// or socks5://",
                              redact_userinfo(cluster.proxy_url), cluster_owner));
    rc.http.proxy_url = cluster.proxy_url;
  }

  rc.credentials = make_credentials(user, cluster);
  return rc;
}

std::optional<RestConfig> in_cluster_config(const std::string& sa_dir) {
  const char* host = std::getenv("KUBERNETES_SERVICE_HOST");
  const char* port = std::getenv("KUBERNETES_SERVICE_PORT");
  if (!host || !*host || !port || !*port) return std::nullopt;
  const std::string token_path = sa_dir + "/token";
  // client-go reads the token up front and fails when it is missing: then we are not in a pod
  // with a usable service account.
  LocalFile token = read_local_file(token_path);
  if (!token.ok() || trimmed(token.text).empty()) return std::nullopt;

  RestConfig rc;
  rc.context = "in-cluster";
  rc.cluster_name = "in-cluster";
  rc.user_name = "service-account";
  std::string h = host;
  if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";  // IPv6, as net.JoinHostPort
  rc.server = fmt::format("https://{}:{}", h, port);

  // As client-go: a missing or unreadable ca.crt leaves the system trust store in place.
  LocalFile ca = read_local_file(sa_dir + "/ca.crt");
  if (ca.ok()) rc.http.tls.ca_pem = std::move(ca.text);

  // As kubectl: POD_NAMESPACE, else the namespace file, else "default".
  rc.default_namespace = "default";
  if (const char* ns = std::getenv("POD_NAMESPACE"); ns && *ns) {
    rc.default_namespace = ns;
  } else if (LocalFile ns_file = read_local_file(sa_dir + "/namespace"); ns_file.ok()) {
    std::string ns_text = trimmed(ns_file.text);
    if (!ns_text.empty()) rc.default_namespace = ns_text;
  }
  rc.credentials = make_token_file(token_path, "service account token (in-cluster)");
  return rc;
}

}  // namespace flinktop::kube
