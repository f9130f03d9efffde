#include "core/actions/cluster_endpoint.hpp"

#include <string>

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

std::shared_ptr<flink::Endpoint> rest_endpoint_for(const std::shared_ptr<kube::ApiClient>& api,
                                                   const model::Cluster& cluster) {
  if (!api || !cluster.rest) return nullptr;
  return flink::service_proxy_endpoint(api, cluster.rest->namespace_, cluster.rest->name,
                                       std::to_string(cluster.rest->port));
}

}  // namespace flinktop::actions
