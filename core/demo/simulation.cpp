// Simulation: building and publishing the world, the tick thread, TaskManager restarts and the pod
// log source. The REST routes are in flink_rest_api.cpp, the simulated operator in demo_operator.cpp.
#include "core/demo/simulation.hpp"

#include <algorithm>
#include <set>

#include "core/demo/kube_api_server.hpp"
#include "core/demo/kube_objects.hpp"
#include "core/demo/scenario.hpp"
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
  world_ = make_world(options_.scale, rng_, started_ms_);
  for (const auto& [key, c] : world_.clusters) {
    pod_cluster_[c.ns + "/" + c.jobmanager_pod] = key;
    for (const auto& tm : c.taskmanagers) pod_cluster_[c.ns + "/" + tm.pod] = key;
  }
  publish_world();
  kube_.set_pod_logs({[this](const std::string& ns, const std::string& pod, const std::string&) {
                        return log_lines(ns, pod);
                      },
                      [this](const std::string& ns, const std::string& pod, const std::string&, long long index) {
                        return log_line(ns, pod, index);
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

PodLogProfile Simulation::log_profile_locked(const std::string& ns, const std::string& pod, bool* found) {
  PodLogProfile p;
  *found = false;
  const auto where = pod_cluster_.find(ns + "/" + pod);
  if (where == pod_cluster_.end()) return p;
  const auto cluster = world_.clusters.find(where->second);
  if (cluster == world_.clusters.end() || !cluster->second.running) return p;
  const DemoCluster& c = cluster->second;
  const DemoTaskManager* tm = nullptr;
  for (const auto& t : c.taskmanagers) {
    if (t.pod == pod) tm = &t;
  }
  *found = true;
  p.pod = pod;
  p.jobmanager = tm == nullptr;
  p.flink_version = c.flink_version;
  p.ip = tm ? tm->ip : c.jobmanager_ip;
  p.taskmanager_id = tm ? tm->id : "";
  // A log starts with its container, but never before the demo did: no hour-long backlog.
  const long long container_start = tm ? tm->started_ms : c.created_ms;
  p.since_ms = std::max(container_start, started_ms_ - 5 * 60 * 1000);
  p.cadence_ms = 700 + static_cast<long long>(std::hash<std::string>{}(pod) % 900);
  for (const auto& id : c.jobs) {
    const auto& job = world_.jobs.at(id);
    if (!is_terminal(job.state)) p.jobs.push_back(job.name + " (" + job.id + ")");
  }
  return p;
}

long long Simulation::log_lines(const std::string& ns, const std::string& pod) {
  std::lock_guard lock(mutex_);
  bool found = false;
  PodLogProfile p = log_profile_locked(ns, pod, &found);
  return found ? log_line_count(p, now_ms()) : -1;
}

std::string Simulation::log_line(const std::string& ns, const std::string& pod, long long index) {
  std::lock_guard lock(mutex_);
  bool found = false;
  PodLogProfile p = log_profile_locked(ns, pod, &found);
  return found ? demo::log_line(p, index) : "";
}

}  // namespace flinktop::demo
