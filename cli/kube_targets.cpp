#include "cli/kube_targets.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "core/error.hpp"

namespace flinktop::cli {

namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// kubectl falls back to the pod's service account only when no kubeconfig is configured at all.
bool no_kubeconfig_configured(const GlobalOptions& options) {
  if (!options.kubeconfig.empty() || env("KUBECONFIG")) return false;
  const auto home = env("HOME");
  return !home || !std::filesystem::exists(std::filesystem::path(*home) / ".kube" / "config");
}

std::string namespace_for(const GlobalOptions& options, const kube::RestConfig& config) {
  if (options.all_namespaces) return "";
  if (!options.namespace_.empty()) return options.namespace_;
  return config.default_namespace.empty() ? "default" : config.default_namespace;
}

}  // namespace

std::vector<KubeTarget> resolve_targets(const GlobalOptions& options) {
  if (options.all_namespaces && !options.namespace_.empty()) {
    throw Error(ErrorKind::Usage, "-n/--namespace and -A/--all-namespaces exclude each other");
  }
  if (options.all_contexts && !options.contexts.empty()) {
    throw Error(ErrorKind::Usage, "--context and --all-contexts exclude each other");
  }

  std::vector<KubeTarget> targets;
  if (no_kubeconfig_configured(options) && options.contexts.empty()) {
    if (auto in_cluster = kube::in_cluster_config()) {
      const std::string ns = namespace_for(options, *in_cluster);
      targets.push_back({std::move(*in_cluster), ns});
      return targets;
    }
  }

  const kube::Kubeconfig config =
      kube::load_kubeconfig(kube::kubeconfig_sources_from_environment(
          options.kubeconfig.empty() ? std::nullopt : std::optional<std::string>(options.kubeconfig)));

  std::vector<std::string> names = options.contexts;
  if (options.all_contexts) {
    for (const auto& [name, context] : config.contexts) names.push_back(name);
    if (names.empty()) throw Error(ErrorKind::Config, "the kubeconfig defines no contexts");
  }
  if (names.empty()) names.push_back("");  // the current context

  for (const std::string& name : names) {
    kube::RestConfig rest = kube::resolve_context(config, name);
    const std::string ns = namespace_for(options, rest);
    targets.push_back({std::move(rest), ns});
  }
  return targets;
}

}  // namespace flinktop::cli
