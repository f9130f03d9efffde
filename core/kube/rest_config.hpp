// Everything needed to talk to one API server as one user: the result of choosing a context.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/http/session.hpp"
#include "core/kube/credentials.hpp"
#include "core/kube/kubeconfig.hpp"

namespace flinktop::kube {

struct RestConfig {
  std::string context;            // context name ("in-cluster" for the service-account config)
  std::string server;             // https://host:port (no trailing slash)
  std::string cluster_name;
  std::string user_name;
  std::string default_namespace;  // the context's namespace, or "default"
  http::SessionOptions http;      // TLS (CA, client cert, server name, insecure) and proxy
  std::shared_ptr<Credentials> credentials;
};

// Resolves `context` (empty = current-context). Reads certificate/key/CA files now so a missing
// file is reported up front. Throws flinktop::Error(Config) for an unknown context, a context
// naming a missing cluster or user, an unreadable file, or an unsupported auth-provider.
RestConfig resolve_context(const Kubeconfig& config, const std::string& context);

// In-cluster configuration as client-go builds it: KUBERNETES_SERVICE_HOST/PORT, the service
// account token (re-read when it changes), ca.crt and namespace under `sa_dir`. nullopt when not
// running in a pod.
std::optional<RestConfig> in_cluster_config(
    const std::string& sa_dir = "/var/run/secrets/kubernetes.io/serviceaccount");

}  // namespace flinktop::kube
