#include "core/sync/supply.hpp"

#include <fmt/format.h>

#include "core/actions/cluster_endpoint.hpp"
#include "core/sync/context_watch.hpp"
#include "core/sync/flink_poller.hpp"
#include "core/sync/log_session.hpp"
#include "core/sync/pod_usage_poller.hpp"
#include "core/model/serving_pod.hpp"
#include "core/sync/port_forwards.hpp"

namespace flinktop::sync {

const model::ClusterList& Supplied::cluster_list() const {
  static const model::ClusterList none;
  return clusters ? *clusters : none;
}

const model::Cluster* Supplied::cluster(const std::string& id) const {
  for (const auto& c : cluster_list()) {
    if (c->id == id) return c.get();
  }
  return nullptr;
}

Supply::Supply(SupplyOptions options, model::Store& store)
    : options_(std::move(options)), store_(store), discoveries_(options_.targets.size()),
      discovered_(options_.targets.size()) {
  for (const KubeTarget& target : options_.targets) {
    watches_.push_back(std::make_unique<ContextWatch>(target.client, store_, target.namespace_));
  }
  forwards_ = std::make_unique<PortForwards>(store_, [this](const std::string& context) -> std::optional<kube::RestConfig> {
    const auto client = kube_for_context(context);
    if (!client) return std::nullopt;
    return client->config();
  });
}

// Members go in reverse order: the forwards, the log session (its wake uses log_woken_), the
// pollers, the watches.
Supply::~Supply() = default;

void Supply::want(const Demand& demand) {
  if (demand == demand_) return;
  demand_ = demand;
  // At once rather than at the next collect(): a feed nobody wants stops now, a wanted one starts.
  follow_flink();
  follow_pod_usage();
  forwards_->want(demand_.forwards);
}

Collected Supply::collect() {
  Collected out;
  const std::uint64_t generation = store_.generation();
  if (generation != seen_generation_) {
    seen_generation_ = generation;
    std::vector<std::shared_ptr<const model::ContextSnapshot>> snapshots;
    bool rediscovered = supplied_.clusters == nullptr;  // the first discovery runs even with no context
    for (std::size_t i = 0; i < options_.targets.size(); ++i) {
      snapshots.push_back(store_.snapshot(options_.targets[i].client->context()));
      // Unchanged clusters come back as the same list: an Event or the pods' usage changes none.
      auto found = discoveries_[i].run(*snapshots.back());
      rediscovered = rediscovered || found != discovered_[i];
      discovered_[i] = std::move(found);
    }
    if (rediscovered) {
      auto clusters = std::make_shared<model::ClusterList>();
      for (const auto& found : discovered_) clusters->insert(clusters->end(), found->begin(), found->end());
      if (options_.flink_url_cluster) clusters->push_back(options_.flink_url_cluster);
      supplied_.clusters = std::move(clusters);
    }
    supplied_.contexts = std::move(snapshots);
    out.data = true;
  }
  follow_flink();  // its cluster may have been discovered just now
  out.log_lines = follow_logs();
  if (follow_journal()) out.data = true;
  if (auto flink = flink_ ? flink_->snapshot() : nullptr; flink != supplied_.flink) {
    if (flink) supplied_.rest_routes[flink->cluster_id] = {flink->endpoint, flink->port_forwarded};
    supplied_.flink = std::move(flink);
    out.data = true;
  }
  if (auto forwards = forwards_->reports(); forwards != supplied_.forwards) {
    supplied_.forwards = std::move(forwards);
    out.data = true;
  }
  if (out.data) supplied_.feeds = feed_statuses();
  return out;
}

std::optional<std::string> Supply::take_warning() {
  std::optional<std::string> warning;
  warning.swap(warning_);
  return warning;
}

void Supply::poll_now() {
  if (flink_) flink_->poll_now();
  journal_stale_ = true;
}

// The Flink REST poller follows the demanded cluster and its open job.
void Supply::follow_flink() {
  const std::string& cluster_id = demand_.flink_cluster;
  if (cluster_id.empty()) {
    flink_.reset();
    return;
  }
  if (!flink_ || flink_->cluster_id() != cluster_id) {
    flink_.reset();
    const model::Cluster* c = supplied_.cluster(cluster_id);
    if (auto client = c ? new_flink_client(*c) : nullptr) {
      flink_ = std::make_unique<FlinkPoller>(client, cluster_id, [this] { store_.notify(); }, options_.flink_refresh);
    }
  }
  if (flink_) {
    flink_->open_job(demand_.job);
    flink_->show_taskmanager_load(demand_.taskmanager_load);
  }
}

// The metrics API is listed (every 15 s, per context) only while pods' figures are shown.
void Supply::follow_pod_usage() {
  if (!demand_.pod_usage) {
    pod_usage_.clear();
    return;
  }
  if (!pod_usage_.empty()) return;
  for (const KubeTarget& target : options_.targets) {
    pod_usage_.push_back(std::make_unique<PodUsagePoller>(target.client, store_, target.namespace_));
  }
}

// A LogSession while logs are demanded, a new one when other logs are. True when there is
// something new to show: lines, a source's state, what the feed says it follows.
bool Supply::follow_logs() {
  if (!demand_.logs) {
    logs_.reset();
    supplied_.logs.reset();
    log_woken_ = false;
    return false;
  }
  const logs::LogRequest& wanted = *demand_.logs;
  bool changed = log_woken_.exchange(false);
  const model::Cluster* c = supplied_.cluster(wanted.cluster_id);
  if (!logs_ || !(logs_->request() == wanted)) {
    logs_.reset();
    ClusterRoute route;
    if (c) route = this->route(*c);
    LogSession::Options session;
    session.buffer_lines = options_.log_buffer_lines;
    logs_ = std::make_unique<LogSession>(wanted, std::move(route), session, [this] {
      log_woken_ = true;
      store_.notify();
    });
    changed = true;
  }
  const model::ContextSnapshot* snapshot = nullptr;
  for (const auto& s : supplied_.contexts) {
    if (c && s->context == c->context) snapshot = s.get();
  }
  const auto flink = flink_ && c && flink_->cluster_id() == c->id ? flink_->snapshot() : nullptr;
  logs_->update(c, snapshot, flink.get());
  if (logs_->feed() != supplied_.logs) {
    supplied_.logs = logs_->feed();
    changed = true;
  }
  return changed;
}

// The journal is a local file of at most a few hundred kilobytes: read on the caller's thread, only
// when savepoints are demanded and after an action ends (never per frame). True when read anew.
bool Supply::follow_journal() {
  if (!demand_.savepoints) {
    supplied_.journal_savepoints.reset();  // read afresh when demanded again
    return false;
  }
  if (supplied_.journal_savepoints && !journal_stale_) return false;
  journal_stale_ = false;
  auto records = std::make_shared<std::vector<model::SavepointRecord>>();
  if (options_.journal) {
    try {
      *records = actions::journal_savepoints(options_.journal->read());
    } catch (const std::exception& e) {
      warning_ = fmt::format("savepoints from the journal are not shown: {}", e.what());
    }
  }
  supplied_.journal_savepoints = std::move(records);
  return true;
}

ClusterRoute Supply::route(const model::Cluster& cluster) {
  ClusterRoute out{kube_for_context(cluster.context), nullptr};
  out.flink = flink_ && flink_->cluster_id() == cluster.id ? flink_->client() : new_flink_client(cluster);
  return out;
}

std::shared_ptr<kube::ApiClient> Supply::kube_for_context(const std::string& context) const {
  for (const KubeTarget& target : options_.targets) {
    if (target.client->context() == context) return target.client;
  }
  return nullptr;
}

// The route is core/actions' decision, so polls and actions reach a cluster the same way.
std::shared_ptr<flink::Client> Supply::new_flink_client(const model::Cluster& cluster) const {
  if (options_.flink_url_cluster && cluster.id == options_.flink_url_cluster->id) {
    return std::make_shared<flink::Client>(options_.flink_url_endpoint);
  }
  // Where the service proxy cannot reach the JobManager, a port-forward to the pod serving the
  // cluster now (followed through the Store).
  model::Store* store = &store_;
  const std::string context = cluster.context;
  std::uint16_t pod_port = 0;
  if (cluster.rest) pod_port = model::rest_pod_port(*store_.snapshot(context), *cluster.rest);
  auto serving = model::serving_pod_fn({model::ForwardTarget::Kind::Cluster, cluster.namespace_, cluster.name},
                                       [store, context] { return store->snapshot(context); });
  auto endpoint = actions::rest_endpoint_for(kube_for_context(cluster.context), cluster, std::move(serving), pod_port);
  return endpoint ? std::make_shared<flink::Client>(std::move(endpoint)) : nullptr;
}

std::vector<model::FeedStatus> Supply::feed_statuses() const {
  std::vector<model::FeedStatus> out;
  for (const auto& snapshot : supplied_.contexts) {
    for (const auto& [kind, status] : snapshot->status) {
      if (auto feed = model::feed_status(snapshot->context, kind, status)) out.push_back(std::move(*feed));
    }
  }
  if (!demand_.flink_cluster.empty()) {
    const model::Cluster* c = supplied_.cluster(demand_.flink_cluster);
    out.push_back(model::feed_status(c ? c->context : "", supplied_.flink.get()));
  }
  return out;
}

}  // namespace flinktop::sync
