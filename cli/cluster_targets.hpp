// Which Flink clusters a job command talks to, and how: with --flink-url, the one cluster behind
// that URL (no Kubernetes); otherwise every Flink cluster found in the requested contexts and
// namespaces, narrowed by --cluster, each with a REST client through the API server.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/context_results.hpp"
#include "cli/global_options.hpp"
#include "core/flink/client.hpp"

namespace flinktop::cli {

struct ClusterTarget {
  model::Cluster cluster;
  std::shared_ptr<kube::ApiClient> kube;                   // null with --flink-url
  std::shared_ptr<flink::Client> flink;                    // null when the cluster has no REST Service
  std::shared_ptr<const model::ContextSnapshot> snapshot;  // null with --flink-url
};

struct ClusterTargets {
  std::vector<ClusterTarget> clusters;
  int exit_code = 0;             // of the first context problem (already reported to err)
  bool all_namespaces = false;   // whether to show a NAMESPACE column
  bool several_contexts = false; // whether to show a CONTEXT column
};

// `filter`: "" (all), NAME, NAMESPACE/NAME or CONTEXT/NAMESPACE/NAME. Context failures and
// warnings are written to `err`, one line each. Throws Error(NotFound) when `filter` matches no
// cluster (naming where it looked).
ClusterTargets select_clusters(const GlobalOptions& global, const std::string& filter, std::ostream& err);

bool cluster_matches(const model::Cluster& cluster, const std::string& filter);

// The endpoint for --flink-url with its auth and TLS options. Throws Error(Config) for an
// unreadable certificate/token file, Error(Usage) for a malformed URL.
std::shared_ptr<flink::Endpoint> flink_url_endpoint(const FlinkUrlOptions& options);

// "NAMESPACE/NAME" of a cluster (just the URL's host for --flink-url).
std::string cluster_label(const model::Cluster& cluster);

}  // namespace flinktop::cli
