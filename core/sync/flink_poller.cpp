#include "core/sync/flink_poller.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/sync/backoff.hpp"

namespace flinktop::sync {

FlinkPoller::FlinkPoller(std::shared_ptr<flink::Client> client, std::string cluster_id,
                         std::function<void()> on_update, std::chrono::milliseconds interval)
    : client_(std::move(client)), cluster_id_(std::move(cluster_id)), on_update_(std::move(on_update)),
      interval_(interval) {
  auto first = std::make_shared<model::FlinkClusterSnapshot>();
  first->cluster_id = cluster_id_;
  first->endpoint = client_->endpoint().describe();
  snapshot_ = std::move(first);
  thread_ = std::thread([this] { run(); });
}

FlinkPoller::~FlinkPoller() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  cancel_.cancel();
  if (thread_.joinable()) thread_.join();
}

void FlinkPoller::open_job(const std::string& job_id) {
  {
    std::lock_guard lock(mutex_);
    if (open_job_ == job_id) return;
    open_job_ = job_id;
    poke_ = true;
  }
  wake_.notify_all();
}

void FlinkPoller::show_taskmanager_load(bool on) {
  {
    std::lock_guard lock(mutex_);
    if (taskmanager_load_ == on) return;
    taskmanager_load_ = on;
    if (on) poke_ = true;  // turning it off must not cancel a poll someone else asked for
  }
  if (on) wake_.notify_all();
}

void FlinkPoller::poll_now() {
  {
    std::lock_guard lock(mutex_);
    poke_ = true;
  }
  wake_.notify_all();
}

std::shared_ptr<const model::FlinkClusterSnapshot> FlinkPoller::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void FlinkPoller::publish(std::shared_ptr<const model::FlinkClusterSnapshot> next) {
  {
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(next);
  }
  if (on_update_) on_update_();
}

// Asked once: a JobManager that refuses it (an old version, a proxy that only passes some paths)
// costs nothing more than a savepoint dialog without a default directory. A connection failure
// is not an answer, so the next poll asks again.
void FlinkPoller::read_configuration(model::FlinkClusterSnapshot& next) {
  if (configuration_read_) return;
  try {
    next.jobmanager_config = std::make_shared<const model::FlinkConfiguration>(client_->jobmanager_config(&cancel_));
    configuration_read_ = true;
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::Cancelled) throw;
    configuration_read_ = error.kind() != ErrorKind::Connect && error.kind() != ErrorKind::Timeout;
  }
}

namespace {

// One query per TaskManager: the JVM figures, and the collectors' counters under every name the
// usual collectors report (G1 by default; unknown names are simply absent).
const std::vector<std::string>& load_metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out{std::string(flink::metric::kCpuLoad), std::string(flink::metric::kHeapUsed),
                                 std::string(flink::metric::kHeapMax), "Status.Flink.Memory.Managed.Used",
                                 "Status.Flink.Memory.Managed.Total"};
    for (const char* collector : {"G1_Young_Generation", "G1_Old_Generation", "G1_Concurrent_GC", "PS_Scavenge",
                                  "PS_MarkSweep", "Copy", "MarkSweepCompact", "ZGC_Cycles", "ZGC_Pauses",
                                  "Shenandoah_Cycles", "Shenandoah_Pauses"}) {
      for (const char* counter : {".Count", ".Time"}) {
        out.push_back(std::string(flink::metric::kGarbageCollectorPrefix) + collector + counter);
      }
    }
    return out;
  }();
  return names;
}

model::TaskManagerLoad load_of(const flink::MetricMap& metrics) {
  model::TaskManagerLoad load;
  load.cpu_load = flink::metric_number(metrics, flink::metric::kCpuLoad);
  if (load.cpu_load && *load.cpu_load < 0) load.cpu_load.reset();  // the JVM's "not known yet"
  load.heap_used = flink::metric_number(metrics, flink::metric::kHeapUsed);
  load.heap_max = flink::metric_number(metrics, flink::metric::kHeapMax);
  load.managed_used = flink::metric_number(metrics, "Status.Flink.Memory.Managed.Used");
  load.managed_total = flink::metric_number(metrics, "Status.Flink.Memory.Managed.Total");
  const std::vector<flink::GarbageCollector> collectors = flink::garbage_collectors(metrics);
  if (!collectors.empty()) {
    load.gc_count = 0;
    load.gc_time_ms = 0;
    for (const flink::GarbageCollector& gc : collectors) {
      *load.gc_count += gc.count;
      *load.gc_time_ms += gc.time_ms;
    }
  }
  return load;
}

}  // namespace

// A TaskManager that went away between the list and its query is left out; the next poll has
// a new list.
void FlinkPoller::read_taskmanager_load(model::FlinkClusterSnapshot& next) {
  {
    std::lock_guard lock(mutex_);
    if (!taskmanager_load_) {
      next.taskmanager_load.clear();
      return;
    }
  }
  std::vector<std::string> ids;
  for (const flink::TaskManager& tm : next.taskmanagers) ids.push_back(tm.id);
  std::sort(ids.begin(), ids.end());
  if (ids.size() > kMaxTaskManagerLoads) ids.resize(kMaxTaskManagerLoads);
  std::map<std::string, model::TaskManagerLoad> loads;
  for (const std::string& id : ids) {
    try {
      loads[id] = load_of(client_->taskmanager_metrics(id, load_metric_names(), &cancel_));
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::Cancelled) throw;
      if (error.kind() == ErrorKind::Connect || error.kind() == ErrorKind::Timeout) throw;
    }
  }
  next.taskmanager_load = std::move(loads);
}

model::JobHistory& FlinkPoller::history_of(const std::string& job_id) {
  if (!histories_.contains(job_id) && histories_.size() >= kKeptHistories) {
    auto oldest = history_used_.begin();
    for (auto it = history_used_.begin(); it != history_used_.end(); ++it) {
      if (it->second < oldest->second) oldest = it;
    }
    histories_.erase(oldest->first);
    history_used_.erase(oldest);
  }
  history_used_[job_id] = polls_;
  return histories_[job_id];
}

// The route may change with any poll: the service proxy refused, a port-forward is used now.
void FlinkPoller::note_route(model::FlinkClusterSnapshot& next) const {
  next.endpoint = client_->endpoint().describe();
  next.port_forwarded = client_->endpoint().port_forwarded();
}

void FlinkPoller::poll_once(const std::string& job_id) {
  auto next = std::make_shared<model::FlinkClusterSnapshot>(*snapshot());
  next->attempted = std::chrono::system_clock::now();
  ++polls_;
  if (next->flink_version.empty()) {
    const flink::DashboardConfig config = client_->config(&cancel_);
    next->flink_version = config.flink_version;
    next->web_submit = config.features.web_submit;
  }
  next->overview = client_->overview(&cancel_);
  next->jobs = client_->jobs(&cancel_);
  next->taskmanagers = client_->taskmanagers(&cancel_);
  read_taskmanager_load(*next);
  if (job_id.empty()) {
    next->open_job.reset();
  } else {
    model::FlinkJobDetail detail;
    detail.job_id = job_id;
    if (next->open_job && next->open_job->job_id == job_id) detail = *next->open_job;
    try {
      detail.details = client_->job(job_id, &cancel_);
      detail.checkpoints = client_->checkpoints(job_id, &cancel_);
      detail.exceptions = client_->exceptions(job_id, 20, &cancel_);
      detail.error.clear();
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::Cancelled) throw;
      detail.error = error.what();  // e.g. the job vanished: the job list still updates
    }
    model::JobHistory& history = history_of(job_id);
    if (detail.details && detail.error.empty()) {
      history.record(*detail.details, detail.checkpoints ? &*detail.checkpoints : nullptr, next->attempted);
    }
    detail.history = history;
    next->open_job = std::move(detail);
  }
  read_configuration(*next);
  note_route(*next);
  next->error.clear();
  next->updated = next->attempted;
  publish(std::move(next));
}

void FlinkPoller::run() {
  Backoff backoff(std::chrono::seconds(1), std::chrono::seconds(30));
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const std::string job_id = open_job_;
    poke_ = false;
    lock.unlock();
    std::chrono::milliseconds wait = interval_;
    try {
      poll_once(job_id);
      backoff.reset();
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::Cancelled) return;
      auto failed = std::make_shared<model::FlinkClusterSnapshot>(*snapshot());
      failed->attempted = std::chrono::system_clock::now();
      failed->error = error.what();
      note_route(*failed);
      publish(std::move(failed));
      wait = backoff.next();
    } catch (const std::exception& error) {
      auto failed = std::make_shared<model::FlinkClusterSnapshot>(*snapshot());
      failed->error = error.what();
      publish(std::move(failed));
      wait = backoff.next();
    }
    lock.lock();
    wake_.wait_for(lock, wait, [&] { return stopping_ || poke_; });
  }
}

}  // namespace flinktop::sync
