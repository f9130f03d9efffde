// Cluster discovery: groups pods and Deployments by their Flink labels, attaches them to the
// FlinkDeployment of the same name when there is one, then finds each cluster's REST Service.
#include "core/model/cluster_discovery.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/kube/objects/all.hpp"

namespace flinktop::model {

namespace {

constexpr std::string_view kNativeType = "flink-native-kubernetes";
constexpr std::string_view kStandaloneType = "flink-standalone-kubernetes";

template <class T>
const ObjectMap<T>& objects_of(const SharedObjects<T>& objects) {
  static const ObjectMap<T> empty;
  return objects ? *objects : empty;
}

// How a pod or Deployment says it belongs to a Flink cluster.
struct FlinkLabels {
  bool typed = false;   // has type=flink-native-kubernetes / flink-standalone-kubernetes
  bool native = false;  // type=flink-native-kubernetes
  std::string app;
  PodRole role = PodRole::Other;
};

std::optional<FlinkLabels> classify(const std::map<std::string, std::string>& labels) {
  const auto app = labels.find("app");
  if (app == labels.end() || app->second.empty()) return std::nullopt;
  FlinkLabels out;
  out.app = app->second;
  if (const auto c = labels.find("component"); c != labels.end()) {
    if (c->second == "jobmanager") out.role = PodRole::JobManager;
    if (c->second == "taskmanager") out.role = PodRole::TaskManager;
  }
  if (const auto type = labels.find("type"); type != labels.end()) {
    if (type->second != kNativeType && type->second != kStandaloneType) return std::nullopt;
    out.typed = true;
    out.native = type->second == kNativeType;
    return out;
  }
  // Plain YAML: only a jobmanager/taskmanager component makes `app` mean a Flink cluster.
  if (out.role == PodRole::Other) return std::nullopt;
  return out;
}

struct GroupPod {
  const kube::Pod* pod;
  PodRole role;
};

struct GroupDeployment {
  const kube::Deployment* deployment;
  PodRole role;
};

// The pods and Deployments sharing (namespace, app) and labelling style (typed or plain).
struct Group {
  bool any_native = false;
  std::vector<GroupPod> pods;
  std::vector<GroupDeployment> deployments;
};

using GroupKey = std::tuple<std::string, std::string, bool>;  // namespace, app, typed

bool is_live(const kube::Pod& pod) {
  return !pod.meta.terminating() && pod.phase != "Succeeded" && pod.phase != "Failed";
}

bool is_ready(const kube::Pod& pod, const kube::PodStatusColumns& columns) {
  for (const auto& c : pod.conditions) {
    if (c.type == "Ready") return c.status == "True";
  }
  return columns.total > 0 && columns.ready == columns.total;
}

// Not ready yet, but on its way: scheduled or creating containers, or running before its first
// readiness success without having restarted.
bool is_starting(const kube::Pod& pod, const kube::PodStatusColumns& columns) {
  const auto& s = columns.status;
  if (pod.phase == "Pending") {
    return s == "Pending" || s == "ContainerCreating" || s == "PodInitializing" ||
           (s.rfind("Init:", 0) == 0 && s.size() > 5 && s[5] >= '0' && s[5] <= '9');
  }
  return pod.phase == "Running" && s == "Running" && columns.restarts == 0;
}

const kube::ContainerSpec* main_container(const std::vector<kube::ContainerSpec>& containers) {
  for (const char* name : {"flink-main-container", "jobmanager"}) {
    for (const auto& c : containers) {
      if (c.name == name) return &c;
    }
  }
  return containers.empty() ? nullptr : &containers.front();
}

bool is_web_port_name(const std::string& name) {
  return name == "rest" || name == "webui" || name == "web" || name == "http";
}

// The REST port of a Service and how good a match it is: 3 named rest, 2 port 8081, 1 another
// web-ish name, 0 none.
std::pair<int, const kube::ServicePort*> rest_port(const kube::Service& service) {
  std::pair<int, const kube::ServicePort*> best{0, nullptr};
  for (const auto& p : service.ports) {
    const int score = p.name == "rest" ? 3 : p.port == 8081 ? 2 : is_web_port_name(p.name) ? 1 : 0;
    if (score > best.first) best = {score, &p};
  }
  return best;
}

RestService to_rest(const kube::Service& service, const kube::ServicePort& port) {
  return {service.meta.name, service.meta.namespace_, port.port, port.name, service.type};
}

bool selects(const kube::Service& service, const std::map<std::string, std::string>& labels) {
  if (service.selector.empty()) return false;
  for (const auto& [k, v] : service.selector) {
    const auto it = labels.find(k);
    if (it == labels.end() || it->second != v) return false;
  }
  return true;
}

class Discovery {
 public:
  explicit Discovery(const ContextSnapshot& snap) : snap_(snap) {
    for (const auto& [uid, svc] : objects_of(snap.services)) {
      if (!svc) continue;
      services_[svc->meta.namespace_].push_back(svc.get());
      services_by_name_.emplace(std::pair{svc->meta.namespace_, svc->meta.name}, svc.get());
    }
    for (const auto& [uid, sj] : objects_of(snap.session_jobs)) {
      if (sj) session_jobs_[{sj->meta.namespace_, sj->spec.deployment_name}].push_back(sj.get());
    }
    for (const auto& [uid, pod] : objects_of(snap.pods)) {
      if (!pod) continue;
      if (const auto l = classify(pod->meta.labels)) {
        auto& g = groups_[{pod->meta.namespace_, l->app, l->typed}];
        g.any_native = g.any_native || l->native;
        g.pods.push_back({pod.get(), l->role});
      }
    }
    for (const auto& [uid, d] : objects_of(snap.deployments)) {
      if (!d) continue;
      auto l = classify(d->meta.labels);
      if (!l) l = classify(d->template_labels);
      if (!l) continue;
      auto& g = groups_[{d->meta.namespace_, l->app, l->typed}];
      g.any_native = g.any_native || l->native;
      g.deployments.push_back({d.get(), l->role});
    }
  }

  std::vector<Cluster> run() {
    std::vector<Cluster> clusters;
    std::set<std::pair<std::string, std::string>> taken;  // (namespace, name) with a primary id
    std::set<GroupKey> claimed;
    for (const auto& [uid, fd] : objects_of(snap_.flink_deployments)) {
      if (!fd) continue;
      const GroupKey key{fd->meta.namespace_, fd->meta.name, true};
      const auto it = groups_.find(key);
      static const Group kNoGroup;
      clusters.push_back(operator_cluster(*fd, it == groups_.end() ? kNoGroup : it->second));
      claimed.insert(key);
      taken.insert({fd->meta.namespace_, fd->meta.name});
    }
    // Typed groups before plain ones, so that a name clash gives the plain-YAML cluster the suffix.
    for (const bool typed : {true, false}) {
      for (const auto& [key, group] : groups_) {
        const auto& [ns, app, group_typed] = key;
        if (group_typed != typed || claimed.count(key) != 0) continue;
        Cluster c = base_cluster(ns, app, typed ? "" : "~plain", &taken);
        c.kind = typed && group.any_native ? ClusterKind::Native : ClusterKind::Standalone;
        c.deployment_mode = c.kind == ClusterKind::Native ? "native" : "standalone";
        fill_from_group(c, group, /*operator_managed=*/false);
        find_rest(c, group, /*by_name=*/typed);
        c.flink_version = flink_version_from_image(jobmanager_image(group));
        clusters.push_back(std::move(c));
      }
    }
    std::sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) {
      return std::tie(a.namespace_, a.name, a.id) < std::tie(b.namespace_, b.name, b.id);
    });
    return clusters;
  }

 private:
  // Ids are "<context>/<namespace>/<name>"; `taken` lists the (namespace, name) pairs already
  // used, and a clash (a plain-YAML app named like an operator or native cluster) gets the suffix.
  Cluster base_cluster(const std::string& ns, const std::string& name, std::string_view clash_suffix = {},
                       std::set<std::pair<std::string, std::string>>* taken = nullptr) const {
    Cluster c;
    c.context = snap_.context;
    c.namespace_ = ns;
    c.name = name;
    c.id = snap_.context + "/" + ns + "/" + name;
    if (taken != nullptr && !taken->insert({ns, name}).second) c.id += clash_suffix;
    return c;
  }

  Cluster operator_cluster(const kube::FlinkDeployment& fd, const Group& group) const {
    Cluster c = base_cluster(fd.meta.namespace_, fd.meta.name);
    c.kind = fd.application() ? ClusterKind::OperatorApplication : ClusterKind::OperatorSession;
    c.deployment_mode = fd.spec.mode == "standalone" ? "standalone" : "native";
    fill_from_group(c, group, /*operator_managed=*/true);
    c.created = fd.meta.creation_timestamp;
    find_rest(c, group, /*by_name=*/true);

    OperatorStatus op;
    const auto& st = fd.status;
    op.lifecycle_state = st.lifecycle_state;
    op.job_state = st.job_status.state;
    op.job_id = st.job_status.job_id;
    op.job_name = st.job_status.job_name;
    op.job_start_time = st.job_status.start_time;
    op.reconciliation_state = st.reconciliation_state;
    op.jm_deployment_status = st.job_manager_deployment_status;
    op.cluster_info = st.cluster_info;
    op.error = kube::readable_operator_error(st.error);
    if (const auto& sp = st.job_status.savepoint_info.last_savepoint) {
      op.last_savepoint_path = sp->location;
      op.last_savepoint_time = sp->time_stamp;
    }
    if (fd.spec.job) {
      op.desired_job_state = fd.spec.job->state;
      op.upgrade_mode = fd.spec.job->upgrade_mode;
    }
    if (!op.lifecycle_state.empty()) c.state = op.lifecycle_state;
    c.operator_status = std::move(op);

    if (const auto v = st.cluster_info.find("flink-version"); v != st.cluster_info.end() && !v->second.empty()) {
      c.flink_version = v->second;
    } else if (auto from_enum = flink_version_from_operator_enum(fd.spec.flink_version); !from_enum.empty()) {
      c.flink_version = std::move(from_enum);
    } else {
      std::string image = jobmanager_image(group);
      c.flink_version = flink_version_from_image(image.empty() ? fd.spec.image : image);
    }

    if (const auto jobs = session_jobs_.find({fd.meta.namespace_, fd.meta.name}); jobs != session_jobs_.end()) {
      for (const kube::FlinkSessionJob* sj : jobs->second) {
        c.session_jobs.push_back({sj->meta.uid, sj->meta.name, sj->status.lifecycle_state,
                                  sj->status.job_status.state, sj->status.job_status.job_id,
                                  sj->status.job_status.job_name, kube::readable_operator_error(sj->status.error)});
      }
    }
    std::sort(c.session_jobs.begin(), c.session_jobs.end(),
              [](const SessionJobSummary& a, const SessionJobSummary& b) { return a.name < b.name; });
    return c;
  }

  // Pods, counts, creation time and the pod-derived state.
  static void fill_from_group(Cluster& c, const Group& group, bool operator_managed) {
    Timestamp created = Timestamp::max();
    bool jm_deployment = false;
    for (const auto& d : group.deployments) {
      jm_deployment = jm_deployment || d.role == PodRole::JobManager;
      if (d.deployment->meta.creation_timestamp != Timestamp{})
        created = std::min(created, d.deployment->meta.creation_timestamp);
    }
    int live_jms = 0, starting_jms = 0;
    bool jm_terminating = false, jm_failed = false;
    for (const auto& gp : group.pods) {
      const auto& pod = *gp.pod;
      const auto columns = kube::pod_status_columns(pod);
      c.pods.push_back({pod.meta.uid, pod.meta.name, pod.meta.namespace_, gp.role, pod.phase, columns.status,
                        columns.ready, columns.total, columns.restarts, pod.node_name, pod.meta.creation_timestamp});
      if (pod.meta.creation_timestamp != Timestamp{}) created = std::min(created, pod.meta.creation_timestamp);
      const bool live = is_live(pod);
      const bool ready = live && is_ready(pod, columns);
      if (gp.role == PodRole::JobManager) {
        jm_terminating = jm_terminating || pod.meta.terminating();
        jm_failed = jm_failed || pod.phase == "Failed";
        if (live) {
          ++live_jms;
          c.jobmanagers_total++;
          if (ready) c.jobmanagers_ready++;
          if (!ready && is_starting(pod, columns)) ++starting_jms;
        }
      } else if (gp.role == PodRole::TaskManager && live) {
        c.taskmanagers_total++;
        if (ready) c.taskmanagers_ready++;
      }
    }
    std::sort(c.pods.begin(), c.pods.end(), [](const ClusterPod& a, const ClusterPod& b) {
      return std::tie(a.role, a.name) < std::tie(b.role, b.name);
    });
    c.created = created == Timestamp::max() ? Timestamp{} : created;

    if (live_jms > 0) {
      const int not_ready = live_jms - c.jobmanagers_ready;
      c.state = not_ready == 0 ? "Ready" : starting_jms == not_ready ? "Starting" : "NotReady";
    } else if (jm_terminating) {
      c.state = "Terminating";
    } else if (jm_failed) {
      c.state = "Failed";
    } else if (jm_deployment || operator_managed) {
      c.state = "Starting";
    } else {
      c.state = "NoJobManager";
    }
  }

  static std::string jobmanager_image(const Group& group) {
    const kube::Pod* best = nullptr;
    for (const auto& gp : group.pods) {
      if (gp.role != PodRole::JobManager) continue;
      if (best == nullptr || (is_live(*gp.pod) && !is_live(*best))) best = gp.pod;
    }
    if (best != nullptr) {
      if (const auto* c = main_container(best->containers)) return c->image;
    }
    for (const auto& d : group.deployments) {
      if (d.role != PodRole::JobManager) continue;
      if (const auto* c = main_container(d.deployment->template_containers)) return c->image;
    }
    return "";
  }

  // The labels a Service must select to reach this cluster's JobManager.
  static const std::map<std::string, std::string>* jobmanager_labels(const Group& group) {
    const std::map<std::string, std::string>* labels = nullptr;
    for (const auto& gp : group.pods) {
      if (gp.role != PodRole::JobManager) continue;
      if (labels == nullptr || is_live(*gp.pod)) labels = &gp.pod->meta.labels;
      if (is_live(*gp.pod)) break;
    }
    if (labels != nullptr) return labels;
    for (const auto& d : group.deployments) {
      if (d.role == PodRole::JobManager) return &d.deployment->template_labels;
    }
    return nullptr;
  }

  void find_rest(Cluster& c, const Group& group, bool by_name) const {
    const auto it = services_.find(c.namespace_);
    if (it == services_.end()) return;
    if (by_name) {
      if (const auto named = services_by_name_.find({c.namespace_, c.name + "-rest"}); named != services_by_name_.end()) {
        const kube::Service* svc = named->second;
        if (const auto [score, port] = rest_port(*svc); port != nullptr) {
          c.rest = to_rest(*svc, *port);
        } else if (!svc->ports.empty()) {
          c.rest = to_rest(*svc, svc->ports.front());
        }
        if (c.rest) return;
      }
    }
    const auto* labels = jobmanager_labels(group);
    if (labels == nullptr) return;
    int best_score = 0;
    const kube::Service* best = nullptr;
    const kube::ServicePort* best_port = nullptr;
    for (const auto* svc : it->second) {
      if (!selects(*svc, *labels)) continue;
      const auto [score, port] = rest_port(*svc);
      if (score > best_score || (score == best_score && score > 0 && svc->meta.name < best->meta.name)) {
        best_score = score;
        best = svc;
        best_port = port;
      }
    }
    if (best != nullptr) c.rest = to_rest(*best, *best_port);
  }

  const ContextSnapshot& snap_;
  // Indexes built once, so that a thousand clusters do not each scan every Service and session job.
  std::map<std::string, std::vector<const kube::Service*>> services_;  // by namespace
  std::map<std::pair<std::string, std::string>, const kube::Service*> services_by_name_;  // (namespace, name)
  std::map<std::pair<std::string, std::string>, std::vector<const kube::FlinkSessionJob*>> session_jobs_;  // (ns, deployment)
  std::map<GroupKey, Group> groups_;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::vector<Cluster> discover_clusters(const ContextSnapshot& snapshot) { return Discovery(snapshot).run(); }

DiscoveryInputs discovery_inputs(const ContextSnapshot& snapshot) {
  return {snapshot.context,          snapshot.pods.get(),
          snapshot.services.get(),   snapshot.deployments.get(),
          snapshot.flink_deployments.get(), snapshot.session_jobs.get()};
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
