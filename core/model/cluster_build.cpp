// One cluster from its objects: pods and Deployments grouped by their Flink labels, the
// FlinkDeployment of the same name when there is one, and the Service that reaches its REST API.
#include "core/model/cluster_build.hpp"

#include <algorithm>
#include <tuple>

#include "core/kube/objects/all.hpp"
#include "core/model/cluster_discovery.hpp"

namespace flinktop::model {

namespace {

constexpr std::string_view kNativeType = "flink-native-kubernetes";
constexpr std::string_view kStandaloneType = "flink-standalone-kubernetes";

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

Cluster base_cluster(const std::string& context, const std::string& ns, const std::string& name, std::string id) {
  Cluster c;
  c.id = std::move(id);
  c.context = context;
  c.namespace_ = ns;
  c.name = name;
  return c;
}

// Pods, counts, creation time and the pod-derived state.
void fill_from_group(Cluster& c, const Group& group, bool operator_managed) {
  Timestamp created = Timestamp::max();
  bool jm_deployment = false;
  for (const auto& [uid, d] : group.deployments) {
    jm_deployment = jm_deployment || d.role == PodRole::JobManager;
    if (d.object->meta.creation_timestamp != Timestamp{})
      created = std::min(created, d.object->meta.creation_timestamp);
  }
  int live_jms = 0, starting_jms = 0;
  bool jm_terminating = false, jm_failed = false;
  c.pods.reserve(group.pods.size());
  for (const auto& [uid, gp] : group.pods) {
    const auto& pod = *gp.object;
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

std::string jobmanager_image(const Group& group) {
  const kube::Pod* best = nullptr;
  for (const auto& [uid, gp] : group.pods) {
    if (gp.role != PodRole::JobManager) continue;
    if (best == nullptr || (is_live(*gp.object) && !is_live(*best))) best = gp.object;
  }
  if (best != nullptr) {
    if (const auto* c = main_container(best->containers)) return c->image;
  }
  for (const auto& [uid, d] : group.deployments) {
    if (d.role != PodRole::JobManager) continue;
    if (const auto* c = main_container(d.object->template_containers)) return c->image;
  }
  return "";
}

// The labels a Service must select to reach this cluster's JobManager.
const std::map<std::string, std::string>* jobmanager_labels(const Group& group) {
  const std::map<std::string, std::string>* labels = nullptr;
  for (const auto& [uid, gp] : group.pods) {
    if (gp.role != PodRole::JobManager) continue;
    if (labels == nullptr || is_live(*gp.object)) labels = &gp.object->meta.labels;
    if (is_live(*gp.object)) break;
  }
  if (labels != nullptr) return labels;
  for (const auto& [uid, d] : group.deployments) {
    if (d.role == PodRole::JobManager) return &d.object->template_labels;
  }
  return nullptr;
}

// `by_name`: typed clusters are reached by "<name>-rest" first, as Flink names that Service.
void find_rest(Cluster& c, const Group& group, const ServiceIndex& services, bool by_name) {
  const auto it = services.by_namespace.find(c.namespace_);
  if (it == services.by_namespace.end()) return;
  if (by_name) {
    if (const auto named = services.by_name.find({c.namespace_, c.name + "-rest"}); named != services.by_name.end()) {
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

}  // namespace

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

std::optional<FlinkLabels> classify(const kube::Deployment& deployment) {
  auto labels = classify(deployment.meta.labels);
  return labels ? labels : classify(deployment.template_labels);
}

bool Group::any_native() const {
  return std::any_of(pods.begin(), pods.end(), [](const auto& p) { return p.second.native; }) ||
         std::any_of(deployments.begin(), deployments.end(), [](const auto& d) { return d.second.native; });
}

Cluster operator_cluster(const BuildInputs& in, const kube::FlinkDeployment& fd, const Group& group) {
  Cluster c = base_cluster(in.context, fd.meta.namespace_, fd.meta.name,
                           in.context + "/" + fd.meta.namespace_ + "/" + fd.meta.name);
  c.kind = fd.application() ? ClusterKind::OperatorApplication : ClusterKind::OperatorSession;
  c.deployment_mode = fd.spec.mode == "standalone" ? "standalone" : "native";
  fill_from_group(c, group, /*operator_managed=*/true);
  c.created = fd.meta.creation_timestamp;
  find_rest(c, group, in.services, /*by_name=*/true);

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

  if (const auto jobs = in.session_jobs.find({fd.meta.namespace_, fd.meta.name}); jobs != in.session_jobs.end()) {
    for (const kube::FlinkSessionJob* sj : jobs->second) {
      c.session_jobs.push_back({sj->meta.uid, sj->meta.name, sj->status.lifecycle_state, sj->status.job_status.state,
                                sj->status.job_status.job_id, sj->status.job_status.job_name,
                                kube::readable_operator_error(sj->status.error)});
    }
  }
  std::sort(c.session_jobs.begin(), c.session_jobs.end(),
            [](const SessionJobSummary& a, const SessionJobSummary& b) { return a.name < b.name; });
  return c;
}

Cluster group_cluster(const BuildInputs& in, const std::string& namespace_, const std::string& app, bool typed,
                      const Group& group, std::string id) {
  Cluster c = base_cluster(in.context, namespace_, app, std::move(id));
  c.kind = typed && group.any_native() ? ClusterKind::Native : ClusterKind::Standalone;
  c.deployment_mode = c.kind == ClusterKind::Native ? "native" : "standalone";
  fill_from_group(c, group, /*operator_managed=*/false);
  find_rest(c, group, in.services, /*by_name=*/typed);
  c.flink_version = flink_version_from_image(jobmanager_image(group));
  return c;
}

}  // namespace flinktop::model
