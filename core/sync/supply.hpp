// Every feed the interactive UI reads, run by one object: the Kubernetes watches of each context
// (always), and whatever the screen's Demand names — the Flink REST poll of one cluster and its open
// job, TaskManagers' load, pods' usage from the metrics API, the action journal's savepoints, a log
// tail, the user's port-forwards. A feed nobody demands is stopped. Feeds work on their own owned threads and wake the reader
// through the Store's wake fd; the reader then collects what they have into one Supplied value.
//
// Not thread-safe: one thread (the UI's) calls want(), collect() and the rest. Destruction stops and
// joins every feed; each gives up its network call at once (its cancel token), so it is bounded.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/actions/journal.hpp"
#include "core/flink/client.hpp"
#include "core/flink/endpoint.hpp"
#include "core/kube/api_client.hpp"
#include "core/logs/log_feed.hpp"
#include "core/model/cluster.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/model/feed_status.hpp"
#include "core/model/flink_snapshot.hpp"
#include "core/model/savepoint_history.hpp"
#include "core/model/store.hpp"
#include "core/sync/cluster_route.hpp"
#include "core/sync/demand.hpp"

namespace flinktop::sync {

class ContextWatch;
class FlinkPoller;
class LogSession;
class PodUsagePoller;
class PortForwards;

// One kube context to watch (namespace "" = all namespaces).
struct KubeTarget {
  std::shared_ptr<kube::ApiClient> client;
  std::string namespace_;
};

struct SupplyOptions {
  std::vector<KubeTarget> targets;
  // --flink-url: a cluster no Kubernetes describes, reached straight through its REST API.
  std::shared_ptr<const model::Cluster> flink_url_cluster;
  std::shared_ptr<flink::Endpoint> flink_url_endpoint;
  std::chrono::milliseconds flink_refresh{2000};
  std::size_t log_buffer_lines = 100'000;
  std::shared_ptr<actions::Journal> journal;  // null: no savepoints from the journal
};

// What the feeds have, as the screen reads it. Handed to the UI every frame, so what is big in it
// (clusters, objects, log lines) is behind shared pointers: a copy copies none of it.
struct Supplied {
  // Every cluster of every context (and the --flink-url one). Null before the first collect().
  std::shared_ptr<const model::ClusterList> clusters;
  // The Flink REST data of the demanded cluster (null until its first poll answers).
  std::shared_ptr<const model::FlinkClusterSnapshot> flink;
  // The Store's snapshot of each context: the raw objects behind describe and YAML.
  std::vector<std::shared_ptr<const model::ContextSnapshot>> contexts;
  // Savepoints in flinktop's own action journal; null while not demanded.
  std::shared_ptr<const std::vector<model::SavepointRecord>> journal_savepoints;
  // The demanded logs (null while none are).
  std::shared_ptr<const logs::LogFeed> logs;
  // How each running feed is doing: every watched kind of every context, the Flink REST poll.
  std::vector<model::FeedStatus> feeds;
  // The port-forwards the user started, in the order started.
  std::vector<ForwardReport> forwards;
  // How the REST API of each cluster polled in this session was last reached, by cluster id.
  struct RestRoute {
    std::string endpoint;  // "service proxy ns/svc:8081 (context c)", "port-forward …"
    bool port_forwarded = false;
    bool operator==(const RestRoute&) const = default;
  };
  std::map<std::string, RestRoute> rest_routes;

  const model::Cluster* cluster(const std::string& id) const;
  const model::ClusterList& cluster_list() const;  // empty while there are none
};

// What collect() found new.
struct Collected {
  bool data = false;  // clusters, contexts, Flink data, savepoints or the log feed's description
  bool log_lines = false;  // only new log lines (or a log source's state)
};

class Supply {
 public:
  // Starts the Kubernetes watches.
  Supply(SupplyOptions options, model::Store& store);
  ~Supply();
  Supply(const Supply&) = delete;
  Supply& operator=(const Supply&) = delete;

  // Runs the feeds `demand` names and stops the others. Cheap when the demand is unchanged, so it
  // may be called every frame; the clusters it names are looked up in what collect() last found.
  void want(const Demand& demand);
  // Takes in what the feeds have now (discovering clusters again when the Store changed).
  Collected collect();
  const Supplied& supplied() const { return supplied_; }
  // Log lines arrived since the last collect(): the reader may wait a little to take more at once.
  bool log_lines_waiting() const { return log_woken_.load(); }
  // A problem of a feed read on the caller's thread (the journal), once: for the status line.
  std::optional<std::string> take_warning();

  // ctrl-r, or an action ended: the demanded Flink cluster is polled now; the journal read again.
  void poll_now();

  // For an action on `cluster`: the route its polls take (the running poller's client, if any).
  ClusterRoute route(const model::Cluster& cluster);
  std::shared_ptr<kube::ApiClient> kube_for_context(const std::string& context) const;

 private:
  void follow_flink();
  void follow_pod_usage();
  bool follow_logs();
  bool follow_journal();
  std::shared_ptr<flink::Client> new_flink_client(const model::Cluster& cluster) const;
  std::vector<model::FeedStatus> feed_statuses() const;

  const SupplyOptions options_;
  model::Store& store_;
  Demand demand_;
  Supplied supplied_;
  std::optional<std::string> warning_;
  // One discovery per context (as options_.targets) and what each found last.
  std::vector<model::ClusterDiscovery> discoveries_;
  std::vector<std::shared_ptr<const model::ClusterList>> discovered_;
  std::uint64_t seen_generation_ = ~0ull;
  bool journal_stale_ = false;

  std::vector<std::unique_ptr<ContextWatch>> watches_;
  std::unique_ptr<FlinkPoller> flink_;
  std::vector<std::unique_ptr<PodUsagePoller>> pod_usage_;
  // Set by the log tail's thread; read by the reader. Before the session, whose wake sets it.
  std::atomic<bool> log_woken_{false};
  std::unique_ptr<LogSession> logs_;
  std::unique_ptr<PortForwards> forwards_;
};

}  // namespace flinktop::sync
