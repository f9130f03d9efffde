// The whole demo environment behind `flinktop --demo` and `flinktop demo serve`: the simulated
// Kubernetes API server, the simulation, the Flink REST endpoints behind the API server's service
// proxy, all on 127.0.0.1, and a kubeconfig (mode 0600, removed on destruction) that points at
// them, so that every client — flinktop, kubectl, a browser — reaches them like a real cluster.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace flinktop::demo {

class KubeApiServer;
class Simulation;
class FlinkRestServer;

struct EnvironmentOptions {
  int scale = 0;                 // 0 = three clusters; N = N pods (up to 10,000) and N/5 jobs
  int port = 0;                  // the API server's port; 0 = an ephemeral one
  std::uint64_t seed = 20261121;
  bool tick = true;              // false: the world stands still unless simulation().tick() is called
  std::filesystem::path kubeconfig_dir;  // where the kubeconfig goes; empty = a new directory in $TMPDIR
};

struct FlinkEndpoint {
  std::string cluster;  // "namespace/name"
  std::string url;      // where its simulated REST API answers directly
};

class Environment {
 public:
  static constexpr const char* kContext = "flinktop-demo";

  explicit Environment(EnvironmentOptions options = {});
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  std::string api_url() const;
  const std::filesystem::path& kubeconfig() const { return kubeconfig_; }
  // The namespace of the kubeconfig's context (where the default demo's clusters are).
  const std::string& default_namespace() const { return namespace_; }
  std::vector<FlinkEndpoint> flink_endpoints() const;
  int listeners() const;  // HTTP servers started (the API server included)

  KubeApiServer& kube() { return *kube_; }
  Simulation& simulation() { return *simulation_; }

 private:
  std::unique_ptr<KubeApiServer> kube_;
  std::unique_ptr<Simulation> simulation_;
  std::vector<std::unique_ptr<FlinkRestServer>> rest_;
  std::filesystem::path kubeconfig_;
  std::filesystem::path owned_dir_;  // removed on destruction when we created it
  std::string namespace_;
};

}  // namespace flinktop::demo
