// The living part of the demo: owns the World, publishes it as Kubernetes objects on a
// KubeApiServer, answers Flink REST requests from it, and moves it on from one tick thread —
// jobs start, checkpoint, fail and restart, TaskManager pods restart, operations complete, and the
// simulated Flink operator reacts to what clients change on its resources. One mutex guards the
// World; the randomness is seeded, so a run with the same seed starts the same way. The tick thread
// stops and is joined on destruction.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <set>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/job_lifecycle.hpp"
#include "demo/pod_logs.hpp"
#include "demo/world.hpp"

namespace flinktop::demo {

class KubeApiServer;

struct SimulationOptions {
  int scale = 0;  // 0 = the default three clusters; otherwise the number of pods
  std::uint64_t seed = 20261121;
  std::chrono::milliseconds tick{500};
};

struct RestReply {
  int status = 200;
  std::string body;  // JSON, unless content_type says otherwise
  std::string content_type = "application/json; charset=UTF-8";
};

struct RestRequest {
  std::string method;  // GET, POST, PATCH, DELETE
  std::string path;    // "/jobs/overview", without the cluster prefix
  std::map<std::string, std::string> params;
  std::string body;
  // A multipart upload (POST /jars/upload): the file's name and size; its bytes are not kept.
  std::string upload_name;
  std::size_t upload_bytes = 0;
};

class Simulation {
 public:
  // Builds the world and publishes its Kubernetes objects on `kube` (which must outlive this).
  Simulation(KubeApiServer& kube, SimulationOptions options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Starts the tick thread (tests may instead call tick() themselves).
  void start();
  // One step of the world at the current time.
  void tick();
  // How many steps the world took so far.
  std::uint64_t ticks() const { return ticks_.load(std::memory_order_relaxed); }

  // The Flink REST API of cluster `cluster_key` ("namespace/name").
  RestReply flink_rest(const std::string& cluster_key, const RestRequest& request);

  struct ClusterRest {
    std::string key;  // "namespace/name"
    std::string ns;
    std::string service;  // the Service the API server proxies to it
  };
  std::vector<ClusterRest> clusters() const;
  int pod_count() const;
  int job_count() const;

 private:
  void publish_world();
  void run();
  void apply(Effects& effects);
  void restart_taskmanager(DemoCluster& cluster, DemoTaskManager& tm, long long now_ms, Effects& effects);
  void taskmanagers_step(long long now_ms, Effects& effects);
  void on_client_write(const std::string& kind, const std::string& verb, const nlohmann::json& object);
  void operator_step(long long now_ms, Effects& effects);
  // /jars, /jars/upload, /jars/:id/run, DELETE /jars/:id of one cluster (mutex_ held).
  RestReply jars_rest(DemoCluster& cluster, const RestRequest& request, const std::vector<std::string>& parts,
                      long long now_ms);
  // The pod log source (kube) and the Flink REST log files (flink_rest_logs.cpp) of one container
  // instance: a PodLogProfile, or the API server's reason why there is none.
  struct LogLookup {
    PodLogProfile profile;
    int status = 200;  // 400 / 404 otherwise, with reason and message
    std::string reason;
    std::string message;
    long long end_ms = -1;  // the previous container's log ends here; -1 = still written
    long long instance = 0;
  };
  LogLookup log_lookup(const std::string& ns, const std::string& pod, const std::string& container, bool previous);
  LogLookup log_lookup_locked(const std::string& ns, const std::string& pod, const std::string& container,
                              bool previous);
  PodLogProfile log_profile_locked(const DemoCluster& c, const DemoTaskManager* tm, bool previous);
  // GET /taskmanagers/:id/logs[/:name], /taskmanagers/:id/log, /jobmanager/log[s[/:name]]; nullopt
  // for any other path.
  std::optional<RestReply> flink_rest_logs(const std::string& cluster_key, const RestRequest& request);

  KubeApiServer& kube_;
  const SimulationOptions options_;
  const long long started_ms_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  World world_;
  std::mt19937_64 rng_;
  long long last_tick_ms_;
  std::atomic<std::uint64_t> ticks_{0};
  // What the simulated operator knows about one of its resources ("Kind/namespace/name").
  struct OperatorMemory {
    long long savepoint_nonce = 0;
    long long restart_nonce = 0;
    std::string phase;  // "", "suspending", "resuming"
  };
  struct ClientWrite {
    std::string kind;  // FlinkDeployment, FlinkSessionJob, FlinkStateSnapshot
    std::string verb;  // ADDED, MODIFIED, DELETED
    nlohmann::json object;
  };
  void operator_resource_changed(const ClientWrite& write, long long now_ms, Effects& effects);
  void operator_snapshot_created(const nlohmann::json& snapshot, long long now_ms, Effects& effects);
  void operator_operation_done(const DemoOperation& op, long long now_ms, Effects& effects);
  void operator_phases(long long now_ms, Effects& effects);
  DemoJob* operator_job(const std::string& kind, const std::string& ns, const std::string& name);

  std::vector<ClientWrite> client_writes_;
  std::map<std::string, OperatorMemory> operator_memory_;
  std::map<std::string, std::string> pod_cluster_;  // "namespace/pod" → cluster key
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace flinktop::demo
