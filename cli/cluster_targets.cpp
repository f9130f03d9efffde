#include "cli/cluster_targets.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "core/actions/cluster_endpoint.hpp"
#include "core/kube/local_file.hpp"
#include "core/model/serving_pod.hpp"

namespace flinktop::cli {

namespace {

std::string read_secret_file(const std::string& path, const char* what) {
  const kube::LocalFile file = kube::read_local_file(path);
  if (!file.ok()) {
    throw Error(ErrorKind::Config, fmt::format("cannot read the {} file {}: {}", what, path, kube::describe_errno(file.error)));
  }
  return file.text;
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

ClusterTargets flink_url_target(const GlobalOptions& global) {
  ClusterTarget target;
  target.cluster = actions::flink_url_cluster(global.flink.url);
  target.flink = std::make_shared<flink::Client>(flink_url_endpoint(global.flink));
  ClusterTargets targets;
  targets.clusters.push_back(std::move(target));
  return targets;
}

}  // namespace

std::string cluster_label(const model::Cluster& cluster) {
  return cluster.namespace_.empty() ? cluster.name : cluster.namespace_ + "/" + cluster.name;
}

bool cluster_matches(const model::Cluster& cluster, const std::string& filter) {
  return filter.empty() || cluster.name == filter || cluster.namespace_ + "/" + cluster.name == filter ||
         cluster.id == filter;
}

std::shared_ptr<flink::Endpoint> flink_url_endpoint(const FlinkUrlOptions& options) {
  http::SessionOptions session;
  if (!options.ca_file.empty()) session.tls.ca_pem = read_secret_file(options.ca_file, "CA certificate");
  if (options.cert_file.empty() != options.key_file.empty()) {
    throw Error(ErrorKind::Usage, "--flink-cert and --flink-key go together");
  }
  if (!options.cert_file.empty()) {
    session.tls.client_cert_pem = read_secret_file(options.cert_file, "client certificate");
    session.tls.client_key_pem = read_secret_file(options.key_file, "client key");
  }
  session.tls.insecure_skip_verify = options.insecure;

  std::optional<std::string> authorization;
  std::string token = options.token_file.empty() ? env_or_empty("FLINKTOP_FLINK_TOKEN")
                                                 : read_secret_file(options.token_file, "token");
  token = trimmed(std::move(token));
  if (!options.user.empty() && !token.empty()) {
    throw Error(ErrorKind::Usage, "use either --flink-user (basic auth) or a bearer token, not both");
  }
  if (!options.user.empty()) {
    authorization = flink::basic_authorization(options.user, env_or_empty("FLINKTOP_FLINK_PASSWORD"));
  } else if (!token.empty()) {
    authorization = flink::bearer_authorization(token);
  }
  return flink::direct_endpoint(options.url, std::move(session), std::move(authorization));
}

ClusterTargets select_clusters(const GlobalOptions& global, const std::string& filter, std::ostream& err) {
  if (!global.flink.url.empty()) {
    if (!global.contexts.empty() || global.all_contexts) {
      throw Error(ErrorKind::Usage, "--flink-url talks to one Flink cluster without Kubernetes: drop --context");
    }
    return flink_url_target(global);
  }
  const std::vector<KubeTarget> kube_targets = resolve_targets(global);
  const std::vector<ContextResult> results = load_contexts(kube_targets);

  ClusterTargets targets;
  targets.exit_code = report_context_problems(results, err);
  targets.several_contexts = kube_targets.size() > 1;
  for (const KubeTarget& t : kube_targets) targets.all_namespaces = targets.all_namespaces || t.namespace_.empty();
  bool any_reachable = false;
  for (const ContextResult& result : results) {
    any_reachable = any_reachable || !result.failure;
    for (const model::Cluster& cluster : result.clusters) {
      if (!cluster_matches(cluster, filter)) continue;
      ClusterTarget target{cluster, result.client, nullptr, result.snapshot};
      // Where the service proxy cannot reach the JobManager: a port-forward to the pod serving it.
      auto serving = model::serving_pod_fn({model::ForwardTarget::Kind::Cluster, cluster.namespace_, cluster.name},
                                           [snapshot = result.snapshot] { return snapshot; });
      const std::uint16_t pod_port = cluster.rest && result.snapshot ? model::rest_pod_port(*result.snapshot, *cluster.rest) : 0;
      if (auto endpoint = actions::rest_endpoint_for(result.client, cluster, result.snapshot ? std::move(serving) : nullptr,
                                                     pod_port)) {
        target.flink = std::make_shared<flink::Client>(std::move(endpoint));
      }
      targets.clusters.push_back(std::move(target));
    }
  }
  if (!filter.empty() && targets.clusters.empty() && any_reachable) {
    std::string where = kube_targets.size() == 1 && !kube_targets.front().namespace_.empty()
                            ? fmt::format("namespace \"{}\"", kube_targets.front().namespace_)
                            : std::string("the selected namespaces");
    throw Error(ErrorKind::NotFound, fmt::format("no Flink cluster \"{}\" in {}; see flinktop get clusters", filter, where));
  }
  return targets;
}

}  // namespace flinktop::cli
