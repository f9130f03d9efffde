// Cluster discovery's bookkeeping: which objects changed since the last snapshot, which clusters
// they belong to, and which of those must be built again (cluster_build.cpp builds one).
#include "core/model/cluster_discovery.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "core/kube/objects/all.hpp"

namespace flinktop::model {

namespace {

template <class T>
const ObjectMap<T>& objects_of(const SharedObjects<T>& objects) {
  static const ObjectMap<T> empty;
  return objects ? *objects : empty;
}

// Calls on_change(uid, before, after) for every uid whose object differs between two maps (null:
// absent). The Store shares unchanged objects between snapshots, so a map of 5,000 pods with
// one changed costs a walk comparing pointers and one call.
template <class T, class OnChange>
void for_each_change(const SharedObjects<T>& before, const SharedObjects<T>& after, OnChange&& on_change) {
  const ObjectMap<T>& a = objects_of(before);
  const ObjectMap<T>& b = objects_of(after);
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->second && i->second == j->second) {  // the same object, so the same uid
      ++i, ++j;
      continue;
    }
    const int order = i->first.compare(j->first);
    if (order < 0) {
      if (i->second) on_change(i->first, i->second.get(), nullptr);
      ++i;
    } else if (order > 0) {
      if (j->second) on_change(j->first, nullptr, j->second.get());
      ++j;
    } else {
      if (i->second || j->second) on_change(i->first, i->second.get(), j->second.get());
      ++i, ++j;
    }
  }
  for (; i != a.end(); ++i) {
    if (i->second) on_change(i->first, i->second.get(), nullptr);
  }
  for (; j != b.end(); ++j) {
    if (j->second) on_change(j->first, nullptr, j->second.get());
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::shared_ptr<const ClusterList> ClusterDiscovery::run(const ContextSnapshot& snapshot) {
  if (!ran_ || snapshot.context != context_) start_over(snapshot.context);
  ran_ = true;
  follow_pods(snapshot.pods);
  follow_deployments(snapshot.deployments);
  follow_flink_deployments(snapshot.flink_deployments);
  follow_session_jobs(snapshot.session_jobs);
  follow_services(snapshot.services);
  return assemble();
}

void ClusterDiscovery::start_over(const std::string& context) {
  *this = ClusterDiscovery();
  context_ = context;
  changed_ = true;
}

namespace {

// Where an object of a group (a pod, a Deployment) sits, by its labels: the previous version of a
// changed object is still alive while its change is followed, so it says where it was.
template <class T>
std::optional<std::tuple<std::string, std::string, bool>> unit_of(const T& object, const std::optional<FlinkLabels>& labels) {
  if (!labels) return std::nullopt;
  return std::tuple{object.meta.namespace_, labels->app, labels->typed};
}

std::optional<FlinkLabels> labels_of(const kube::Pod& pod) { return classify(pod.meta.labels); }
std::optional<FlinkLabels> labels_of(const kube::Deployment& deployment) { return classify(deployment); }

}  // namespace

template <class T>
void ClusterDiscovery::follow_members(const SharedObjects<T>& before, const SharedObjects<T>& after,
                                      std::map<std::string_view, GroupMember<T>> Group::*members) {
  for_each_change(before, after, [&](const std::string&, const T* old_object, const T* new_object) {
    if (old_object != nullptr) {
      if (const auto unit = unit_of(*old_object, labels_of(*old_object))) {
        if (const auto it = units_.find(*unit); it != units_.end()) (it->second.group.*members).erase(old_object->meta.uid);
        touch(*unit);
        drop_if_empty(*unit);
      }
    }
    if (new_object == nullptr) return;
    const auto labels = labels_of(*new_object);
    if (const auto unit = unit_of(*new_object, labels)) {
      // Erased first: an entry left in place would keep its key, a view of the old version's uid.
      auto& group = units_[*unit].group.*members;
      group.erase(new_object->meta.uid);
      group.emplace(new_object->meta.uid, GroupMember<T>{new_object, labels->role, labels->native});
      touch(*unit);
    }
  });
}

void ClusterDiscovery::follow_pods(const SharedObjects<kube::Pod>& next) {
  if (next == pods_) return;
  follow_members(pods_, next, &Group::pods);
  pods_ = next;
}

void ClusterDiscovery::follow_deployments(const SharedObjects<kube::Deployment>& next) {
  if (next == deployments_) return;
  follow_members(deployments_, next, &Group::deployments);
  deployments_ = next;
}

void ClusterDiscovery::follow_flink_deployments(const SharedObjects<kube::FlinkDeployment>& next) {
  if (next == flink_deployments_) return;
  for_each_change(flink_deployments_, next,
                  [this](const std::string&, const kube::FlinkDeployment* before, const kube::FlinkDeployment* after) {
                    if (before != nullptr) {
                      const UnitKey unit{before->meta.namespace_, before->meta.name, true};
                      if (const auto it = units_.find(unit); it != units_.end() && it->second.flink_deployment == before) {
                        it->second.flink_deployment = nullptr;
                        touch(unit);
                        drop_if_empty(unit);
                      }
                    }
                    if (after != nullptr) {
                      const UnitKey unit{after->meta.namespace_, after->meta.name, true};
                      units_[unit].flink_deployment = after;
                      touch(unit);
                    }
                  });
  flink_deployments_ = next;
}

void ClusterDiscovery::follow_session_jobs(const SharedObjects<kube::FlinkSessionJob>& next) {
  if (next == session_jobs_) return;
  for_each_change(session_jobs_, next,
                  [this](const std::string&, const kube::FlinkSessionJob* before, const kube::FlinkSessionJob* after) {
                    for (const kube::FlinkSessionJob* job : {before, after}) {
                      if (job != nullptr) touch({job->meta.namespace_, job->spec.deployment_name, true});
                    }
                  });
  session_jobs_ = next;
  session_job_index_.clear();
  for (const auto& [uid, job] : objects_of(session_jobs_)) {
    if (job) session_job_index_[{job->meta.namespace_, job->spec.deployment_name}].push_back(job.get());
  }
}

void ClusterDiscovery::follow_services(const SharedObjects<kube::Service>& next) {
  if (next == services_) return;
  // Which Service a cluster uses depends on the others of its namespace: all of its clusters are
  // looked at again.
  std::set<std::string> namespaces;
  for_each_change(services_, next,
                  [&namespaces](const std::string&, const kube::Service* before, const kube::Service* after) {
                    for (const kube::Service* service : {before, after}) {
                      if (service != nullptr) namespaces.insert(service->meta.namespace_);
                    }
                  });
  services_ = next;
  service_index_ = {};
  for (const auto& [uid, service] : objects_of(services_)) {
    if (!service) continue;
    service_index_.by_namespace[service->meta.namespace_].push_back(service.get());
    service_index_.by_name.emplace(std::pair{service->meta.namespace_, service->meta.name}, service.get());
  }
  for (const std::string& ns : namespaces) {
    for (auto it = units_.lower_bound({ns, "", false}); it != units_.end() && std::get<0>(it->first) == ns; ++it) {
      it->second.cluster.reset();
    }
    changed_ = true;
  }
}

void ClusterDiscovery::touch(const UnitKey& key) {
  if (const auto it = units_.find(key); it != units_.end()) it->second.cluster.reset();
  changed_ = true;
}

void ClusterDiscovery::drop_if_empty(const UnitKey& key) {
  const auto it = units_.find(key);
  if (it != units_.end() && it->second.group.empty() && it->second.flink_deployment == nullptr) units_.erase(it);
}

std::shared_ptr<const ClusterList> ClusterDiscovery::assemble() {
  if (!changed_ && clusters_) return clusters_;
  auto clusters = std::make_shared<ClusterList>();
  clusters->reserve(units_.size());
  const BuildInputs inputs{context_, service_index_, session_job_index_};
  for (auto& [key, unit] : units_) {
    const auto& [ns, app, typed] = key;
    if (unit.flink_deployment != nullptr) {
      if (!unit.cluster) unit.cluster = std::make_shared<const Cluster>(operator_cluster(inputs, *unit.flink_deployment, unit.group));
    } else {
      // A plain-YAML app named like a typed or operator cluster of its namespace gets the suffix.
      std::string id = context_ + "/" + ns + "/" + app;
      if (!typed && units_.count({ns, app, true}) != 0) id += "~plain";
      if (!unit.cluster || unit.cluster->id != id) {
        unit.cluster = std::make_shared<const Cluster>(group_cluster(inputs, ns, app, typed, unit.group, std::move(id)));
      }
    }
    clusters->push_back(unit.cluster);
  }
  std::sort(clusters->begin(), clusters->end(), [](const auto& a, const auto& b) {
    return std::tie(a->namespace_, a->name, a->id) < std::tie(b->namespace_, b->name, b->id);
  });
  changed_ = false;
  clusters_ = std::move(clusters);
  return clusters_;
}

std::vector<Cluster> discover_clusters(const ContextSnapshot& snapshot) {
  ClusterDiscovery discovery;
  std::vector<Cluster> clusters;
  for (const auto& c : *discovery.run(snapshot)) clusters.push_back(*c);
  return clusters;
}

std::string flink_version_from_image(std::string_view image) {
  if (const auto at = image.find('@'); at != std::string_view::npos) image = image.substr(0, at);
  if (const auto slash = image.rfind('/'); slash != std::string_view::npos) image = image.substr(slash + 1);
  const auto colon = image.find(':');
  if (colon == std::string_view::npos) return "";
  const std::string_view tag = image.substr(colon + 1);
  // major.minor[.patch], then the end or a separator such as "-scala_2.12" or "_java11".
  std::size_t pos = 0;
  int parts = 0;
  while (parts < 3) {
    const std::size_t start = pos;
    while (pos < tag.size() && is_digit(tag[pos])) ++pos;
    if (pos == start) return parts >= 2 ? std::string(tag.substr(0, pos - 1)) : "";
    ++parts;
    if (pos < tag.size() && tag[pos] == '.' && parts < 3) {
      ++pos;
      continue;
    }
    break;
  }
  if (parts < 2) return "";
  if (pos < tag.size() && (is_digit(tag[pos]) || tag[pos] == '.')) return "";
  return std::string(tag.substr(0, pos));
}

std::string flink_version_from_operator_enum(std::string_view value) {
  if (value.size() < 4 || value.front() != 'v') return "";
  std::string out(value.substr(1));
  bool seen_separator = false;
  for (char& ch : out) {
    if (ch == '_') {
      ch = '.';
      seen_separator = true;
    } else if (!is_digit(ch)) {
      return "";
    }
  }
  if (!seen_separator || out.front() == '.' || out.back() == '.') return "";
  return out;
}

}  // namespace flinktop::model
