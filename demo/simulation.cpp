// Simulation: building and publishing the world, the tick thread, TaskManager restarts and the pod
// log source. The REST routes are in flink_rest_api.cpp, the simulated operator in demo_operator.cpp.
#include "demo/simulation.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "demo/kube_api_server.hpp"
#include "demo/kube_objects.hpp"
#include "demo/scenario.hpp"
#include "core/kube/resource_type.hpp"

namespace flinktop::demo {

namespace r = kube::resources;
using nlohmann::json;

namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Mean seconds between failures of one running job, and at most how many failures per second the
// whole demo sees (so that a big scale does not turn into a storm of restarts).
constexpr double kJobFailureEverySeconds = 600;
constexpr double kMaxFailuresPerSecond = 0.05;
constexpr double kTaskManagerRestartEverySeconds = 900;
constexpr double kMaxRestartsPerSecond = 0.05;

double chance_per_tick(double every_seconds, double max_per_second, std::size_t population, double tick_seconds) {
  if (population == 0) return 0;
  const double per_second = std::min(1.0 / every_seconds, max_per_second / static_cast<double>(population));
  return per_second * tick_seconds;
}

}  // namespace

Simulation::Simulation(KubeApiServer& kube, SimulationOptions options)
    : kube_(kube), options_(options), started_ms_(now_ms()), rng_(options.seed), last_tick_ms_(started_ms_) {
  // A zero period would make the tick thread spin (and the chances per tick, zero).
  if (options_.tick <= std::chrono::milliseconds::zero()) throw std::invalid_argument("the simulation's tick must be positive");
  world_ = make_world(options_.scale, rng_, started_ms_);
  for (const auto& [key, c] : world_.clusters) {
    pod_cluster_[c.ns + "/" + c.jobmanager_pod] = key;
    for (const auto& tm : c.taskmanagers) pod_cluster_[c.ns + "/" + tm.pod] = key;
  }
  publish_world();
  kube_.set_pod_logs({[this](const PodLogQuery& q) {
                        const LogLookup found = log_lookup(q.ns, q.pod, q.container, q.previous);
                        PodLogState state{found.status, found.reason, found.message, 0, found.end_ms < 0,
                                          found.instance};
                        if (found.status == 200) {
                          state.count = log_line_count(found.profile, found.end_ms < 0 ? now_ms() : found.end_ms);
                        }
                        return state;
                      },
                      [this](const PodLogQuery& q, long long index) {
                        const LogLookup found = log_lookup(q.ns, q.pod, q.container, q.previous);
                        return found.status == 200 ? demo::log_line(found.profile, index) : std::string();
                      },
                      [this](const PodLogQuery& q, long long index) {
                        const LogLookup found = log_lookup(q.ns, q.pod, q.container, q.previous);
                        return found.status == 200 ? log_line_time(found.profile, index) : 0LL;
                      }});
  kube_.on_client_write([this](const kube::ResourceType& type, const std::string& verb, const json& object) {
    on_client_write(type.kind, verb, object);
  });
}

Simulation::~Simulation() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // The server may outlive us: it must not call back into a destroyed simulation.
  kube_.on_client_write({});
  kube_.set_pod_logs({});
}

void Simulation::publish_world() {
  std::set<std::string> namespaces;
  for (const auto& [key, c] : world_.clusters) {
    if (namespaces.insert(c.ns).second) {
      kube_.add(r::kNamespaces, {{"metadata", {{"name", c.ns}, {"labels", {{"kubernetes.io/metadata.name", c.ns}}}}},
                                 {"status", {{"phase", "Active"}}}});
    }
    const DemoJob* app_job = nullptr;
    if (c.kind == DemoClusterKind::OperatorApplication && !c.jobs.empty()) app_job = &world_.jobs.at(c.jobs.front());
    if (c.kind != DemoClusterKind::Standalone) kube_.add(r::kFlinkDeployments, flink_deployment(c, app_job));
    for (const auto& id : c.jobs) {
      const auto& job = world_.jobs.at(id);
      if (job.operator_kind == "FlinkSessionJob") kube_.add(r::kFlinkSessionJobs, flink_session_job(c, job));
    }
    for (auto& d : deployments(c)) kube_.add(r::kDeployments, std::move(d));
    for (auto& s : services(c)) kube_.add(r::kServices, std::move(s));
    kube_.add(r::kPods, jobmanager_pod(c));
    for (const auto& tm : c.taskmanagers) kube_.add(r::kPods, taskmanager_pod(c, tm));
  }
}

void Simulation::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { run(); });
}

void Simulation::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.tick, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    tick();
    lock.lock();
  }
}

void Simulation::tick() {
  ticks_.fetch_add(1, std::memory_order_relaxed);
  Effects effects;
  {
    std::lock_guard lock(mutex_);
    const long long now = now_ms();
    const long long elapsed = std::clamp(now - last_tick_ms_, 0LL, 10'000LL);
    last_tick_ms_ = now;
    const double tick_seconds = static_cast<double>(elapsed) / 1000.0;
    std::size_t running = 0;
    for (const auto& [id, job] : world_.jobs) running += job.state == "RUNNING" ? 1 : 0;
    const double failure = chance_per_tick(kJobFailureEverySeconds, kMaxFailuresPerSecond, running, tick_seconds);
    for (auto& [id, job] : world_.jobs) advance_job(job, rng_, now, elapsed, failure, effects);
    advance_operations(world_, now, effects);
    taskmanagers_step(now, effects);
    operator_step(now, effects);
  }
  apply(effects);
}

void Simulation::apply(Effects& effects) {
  for (auto& change : effects.kube) {
    try {
      change(kube_);
    } catch (const std::exception&) {
      // A client may have written a resource of an odd shape; the demo keeps running without
      // this one change rather than stopping.
    }
  }
  effects.kube.clear();
}

void Simulation::taskmanagers_step(long long now, Effects& effects) {
  std::size_t population = 0;
  for (const auto& [key, c] : world_.clusters) population += c.running ? c.taskmanagers.size() : 0;
  const double tick_seconds = static_cast<double>(options_.tick.count()) / 1000.0;
  const double chance = chance_per_tick(kTaskManagerRestartEverySeconds, kMaxRestartsPerSecond, population, tick_seconds);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (auto& [key, c] : world_.clusters) {
    if (!c.running) continue;
    for (auto& tm : c.taskmanagers) {
      // Heap and CPU wander; a young GC now and then.
      tm.heap_used = std::clamp<long long>(tm.heap_used + static_cast<long long>((uniform(rng_) - 0.5) * 2e7),
                                           tm.heap_max / 5, tm.heap_max - tm.heap_max / 20);
      tm.cpu_load = std::clamp(tm.cpu_load + (uniform(rng_) - 0.5) * 0.05, 0.02, 0.95);
      if (uniform(rng_) < 0.1) ++tm.gc_count, tm.gc_time_ms += 5 + static_cast<long long>(rng_() % 40);
      if (!tm.up && now >= tm.up_again_ms) {
        tm.up = true;
        effects.kube.push_back([ns = c.ns, pod = tm.pod, restarts = tm.restarts, at = tm.started_ms](KubeApiServer& k) {
          k.edit(r::kPods, ns, pod, [&](json& p) {
            set_pod_restart(p, restarts, true, at, "Error");
            return true;
          });
        });
      } else if (tm.up && uniform(rng_) < chance) {
        restart_taskmanager(c, tm, now, effects);
      }
    }
  }
}

void Simulation::restart_taskmanager(DemoCluster& c, DemoTaskManager& tm, long long now, Effects& effects) {
  tm.up = false;
  ++tm.restarts;
  tm.previous_started_ms = tm.started_ms;
  tm.previous_ended_ms = now;
  tm.started_ms = now;
  tm.up_again_ms = now + 6000 + static_cast<long long>(rng_() % 6000);
  tm.heap_used = tm.heap_max / 4;
  const std::string reason = rng_() % 3 == 0 ? "OOMKilled" : "Error";
  effects.kube.push_back([ns = c.ns, pod = tm.pod, restarts = tm.restarts, now, reason](KubeApiServer& k) {
    k.edit(r::kPods, ns, pod, [&](json& p) {
      set_pod_restart(p, restarts, false, now, reason);
      return true;
    });
  });
  // Its tasks are gone: every running job of the cluster fails over and restarts.
  for (const auto& id : c.jobs) {
    auto& job = world_.jobs.at(id);
    if (job.state == "RUNNING") fail_job(job, taskmanager_lost(tm.id), tm.id, now, effects);
  }
}

std::vector<Simulation::ClusterRest> Simulation::clusters() const {
  std::lock_guard lock(mutex_);
  std::vector<ClusterRest> out;
  for (const auto& [key, c] : world_.clusters) out.push_back({key, c.ns, c.rest_service});
  return out;
}

int Simulation::pod_count() const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& [key, c] : world_.clusters) n += c.running ? 1 + static_cast<int>(c.taskmanagers.size()) : 0;
  return n;
}

int Simulation::job_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(world_.jobs.size());
}

PodLogProfile Simulation::log_profile_locked(const DemoCluster& c, const DemoTaskManager* tm, bool previous) {
  PodLogProfile p;
  p.pod = tm ? tm->pod : c.jobmanager_pod;
  p.jobmanager = tm == nullptr;
  p.flink_version = c.flink_version;
  p.ip = tm ? tm->ip : c.jobmanager_ip;
  p.taskmanager_id = tm ? tm->id : "";
  // A log starts with its container, but never before the demo did: no hour-long backlog.
  const long long container_start = tm ? (previous ? tm->previous_started_ms : tm->started_ms) : c.created_ms;
  p.since_ms = std::max(container_start, started_ms_ - 5 * 60 * 1000);
  p.cadence_ms = 700 + static_cast<long long>(std::hash<std::string>{}(p.pod) % 900);
  for (const auto& id : c.jobs) {
    const auto& job = world_.jobs.at(id);
    if (!is_terminal(job.state)) p.jobs.push_back(job.name + " (" + job.id + ")");
  }
  return p;
}

Simulation::LogLookup Simulation::log_lookup_locked(const std::string& ns, const std::string& pod,
                                                    const std::string& container, bool previous) {
  LogLookup out;
  auto refuse = [&](int status, const char* reason, std::string message) {
    out.status = status;
    out.reason = reason;
    out.message = std::move(message);
    return out;
  };
  const auto where = pod_cluster_.find(ns + "/" + pod);
  const auto cluster = where == pod_cluster_.end() ? world_.clusters.end() : world_.clusters.find(where->second);
  if (cluster == world_.clusters.end() || !cluster->second.running) {
    return refuse(404, "NotFound", "pods \"" + pod + "\" not found");
  }
  // Like the API server: the pod's one container by name, or no name at all.
  if (!container.empty() && container != "flink-main-container") {
    return refuse(400, "BadRequest", "container " + container + " is not valid for pod " + pod);
  }
  const DemoCluster& c = cluster->second;
  const DemoTaskManager* tm = nullptr;
  for (const auto& t : c.taskmanagers) {
    if (t.pod == pod) tm = &t;
  }
  if (previous && (tm == nullptr || tm->restarts == 0)) {
    return refuse(400, "BadRequest",
                  "previous terminated container \"flink-main-container\" in pod \"" + pod + "\" not found");
  }
  out.profile = log_profile_locked(c, tm, previous);
  out.instance = tm ? tm->restarts : 0;
  if (previous) out.end_ms = tm->previous_ended_ms;
  return out;
}

Simulation::LogLookup Simulation::log_lookup(const std::string& ns, const std::string& pod,
                                             const std::string& container, bool previous) {
  std::lock_guard lock(mutex_);
  return log_lookup_locked(ns, pod, container, previous);
}

}  // namespace flinktop::demo
