// The HTTP side of the simulated Flink REST endpoints: a LoopbackServer that hands each request to
// Simulation::flink_rest. One cluster per server is served at the root, as a JobManager serves
// (the default demo runs one per cluster). Many clusters share one server, each under
// /clusters/<namespace>/<name>/ — so `--demo-scale 10000` needs one listener and one thread pool,
// not two thousand; the API server's service proxy adds the prefix, so clients never see it.
#pragma once

#include <string>
#include <vector>

#include "demo/loopback_server.hpp"

namespace flinktop::demo {

class Simulation;

class FlinkRestServer {
 public:
  // `cluster_keys` ("namespace/name"); `simulation` must outlive this.
  FlinkRestServer(Simulation& simulation, std::vector<std::string> cluster_keys, int threads = 4);
  ~FlinkRestServer();
  FlinkRestServer(const FlinkRestServer&) = delete;
  FlinkRestServer& operator=(const FlinkRestServer&) = delete;

  // http://127.0.0.1:P, or http://127.0.0.1:P/clusters/<ns>/<name> on a shared server.
  std::string url_of(const std::string& cluster_key) const;
  const std::vector<std::string>& cluster_keys() const { return keys_; }
  void stop() { http_.stop(); }

 private:
  Simulation& simulation_;
  std::vector<std::string> keys_;
  bool shared_;
  LoopbackServer http_;
};

}  // namespace flinktop::demo
