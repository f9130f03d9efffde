#include "core/model/serving_pod.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "core/kube/objects/pod.hpp"
#include "core/kube/objects/service.hpp"

namespace flinktop::model {

namespace {

bool terminating(const kube::Pod& pod) { return pod.meta.deletion_timestamp.has_value(); }

bool running_and_ready(const kube::Pod& pod) { return pod.phase == "Running" && pod.ready() && !terminating(pod); }

// Why `pod` cannot serve, in kubectl's words ("Pending", "Terminating", "Running but not Ready").
std::string state_of(const kube::Pod& pod) {
  if (terminating(pod)) return "Terminating";
  if (pod.phase == "Running") return "Running but not Ready";
  return pod.phase.empty() ? "in no phase yet" : pod.phase;
}

const kube::Pod* pod_named(const ContextSnapshot& snapshot, const std::string& ns, const std::string& name) {
  for (const auto& [uid, pod] : snapshot.objects<kube::Pod>()) {
    if (pod->meta.namespace_ == ns && pod->meta.name == name) return pod.get();
  }
  return nullptr;
}

// The first Running and Ready pod of `candidates` (by name, so the choice is stable), or why none.
kube::ServingPod first_ready(const std::vector<const kube::Pod*>& candidates, const std::string& what) {
  std::vector<const kube::Pod*> sorted = candidates;
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->meta.name < b->meta.name; });
  for (const kube::Pod* pod : sorted) {
    if (running_and_ready(*pod)) return {pod->meta.namespace_, pod->meta.name, ""};
  }
  if (sorted.empty()) return {"", "", fmt::format("{} has no pod", what)};
  std::string states;
  for (const kube::Pod* pod : sorted) {
    states += fmt::format("{}{} is {}", states.empty() ? "" : ", ", pod->meta.name, state_of(*pod));
  }
  return {"", "", fmt::format("no pod of {} is Running and Ready ({})", what, states)};
}

}  // namespace

std::uint16_t rest_pod_port(const ContextSnapshot& snapshot, const RestService& rest) {
  for (const auto& [uid, service] : snapshot.objects<kube::Service>()) {
    if (service->meta.namespace_ != rest.namespace_ || service->meta.name != rest.name) continue;
    for (const kube::ServicePort& port : service->ports) {
      const std::string& target = port.target_port;
      if (port.port != rest.port || target.empty() || target.size() > 5 ||
          target.find_first_not_of("0123456789") != std::string::npos) {
        continue;
      }
      const int number = std::stoi(target);
      if (number > 0 && number <= 65535) return static_cast<std::uint16_t>(number);
    }
  }
  return static_cast<std::uint16_t>(rest.port);
}

kube::ServingPod serving_jobmanager(const Cluster& cluster, const ContextSnapshot& snapshot) {
  std::vector<const kube::Pod*> jobmanagers;
  const auto& pods = snapshot.objects<kube::Pod>();  // by uid
  for (const model::ClusterPod& p : cluster.pods) {
    if (p.role != model::PodRole::JobManager) continue;
    if (const auto it = pods.find(p.uid); it != pods.end()) jobmanagers.push_back(it->second.get());
  }
  const ForwardTarget target{ForwardTarget::Kind::Cluster, cluster.namespace_, cluster.name};
  return first_ready(jobmanagers, target.describe() + "'s JobManager");
}

std::string ForwardTarget::describe() const {
  switch (kind) {
    case Kind::Cluster: return fmt::format("cluster {}/{}", namespace_, name);
    case Kind::Service: return fmt::format("svc {}/{}", namespace_, name);
    case Kind::Pod: return fmt::format("pod {}/{}", namespace_, name);
  }
  return name;
}

kube::ServingPod ServingPodFinder::find(const ContextSnapshot& snapshot) {
  switch (target_.kind) {
    case ForwardTarget::Kind::Pod: {
      const kube::Pod* pod = pod_named(snapshot, target_.namespace_, target_.name);
      if (pod == nullptr) return {"", "", fmt::format("{} is gone", target_.describe())};
      if (pod->phase != "Running" || terminating(*pod)) {
        return {"", "", fmt::format("{} is {}, not Running", target_.describe(), state_of(*pod))};
      }
      return {pod->meta.namespace_, pod->meta.name, ""};
    }
    case ForwardTarget::Kind::Service: {
      const kube::Service* service = nullptr;
      for (const auto& [uid, s] : snapshot.objects<kube::Service>()) {
        if (s->meta.namespace_ == target_.namespace_ && s->meta.name == target_.name) service = s.get();
      }
      if (service == nullptr) return {"", "", fmt::format("{} is gone", target_.describe())};
      if (service->selector.empty()) return {"", "", fmt::format("{} selects no pods (no selector)", target_.describe())};
      std::vector<const kube::Pod*> selected;
      for (const auto& [uid, pod] : snapshot.objects<kube::Pod>()) {
        if (pod->meta.namespace_ != target_.namespace_) continue;
        const bool matches = std::all_of(service->selector.begin(), service->selector.end(), [&](const auto& kv) {
          const auto it = pod->meta.labels.find(kv.first);
          return it != pod->meta.labels.end() && it->second == kv.second;
        });
        if (matches) selected.push_back(pod.get());
      }
      return first_ready(selected, target_.describe());
    }
    case ForwardTarget::Kind::Cluster: {
      const auto clusters = discovery_.run(snapshot);
      for (const auto& cluster : *clusters) {
        if (cluster->namespace_ == target_.namespace_ && cluster->name == target_.name) {
          return serving_jobmanager(*cluster, snapshot);
        }
      }
      return {"", "", fmt::format("{} is gone", target_.describe())};
    }
  }
  return {"", "", "unknown target"};
}

std::function<kube::ServingPod()> serving_pod_fn(ForwardTarget target,
                                                 std::function<std::shared_ptr<const ContextSnapshot>()> snapshot) {
  struct Guarded {
    explicit Guarded(ForwardTarget target) : finder(std::move(target)) {}
    std::mutex mutex;
    ServingPodFinder finder;
  };
  auto guarded = std::make_shared<Guarded>(std::move(target));
  return [guarded, snapshot = std::move(snapshot)] {
    const auto current = snapshot();
    std::lock_guard lock(guarded->mutex);
    return guarded->finder.find(*current);
  };
}

}  // namespace flinktop::model
