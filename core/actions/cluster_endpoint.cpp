#include "core/actions/cluster_endpoint.hpp"

#include <string>

namespace flinktop::actions {

model::Cluster flink_url_cluster(const std::string& url) {
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  const std::size_t end = url.find('/', start);
  model::Cluster cluster;
  cluster.id = url;
  cluster.name = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
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
