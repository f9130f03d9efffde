#include "tui/views/describe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text/age.hpp"
#include "core/text/one_line.hpp"
#include "tui/views/view.hpp"

namespace flinktop::tui {

namespace {

constexpr std::size_t kMaxValue = 400;  // bytes of one value; the YAML view has it whole
constexpr int kLabelWidth = 18;

// Builds the lines: "Label:" padded to a column, values sanitised.
struct Lines {
  std::vector<PagerLine> out;

  void field(int indent, std::string_view label, std::string_view value, Role role = Role::YamlValue) {
    if (value.empty()) return;
    std::string head = std::string(static_cast<std::size_t>(indent), ' ') + std::string(label) + ":";
    const int width = static_cast<int>(head.size());
    if (width < kLabelWidth) head.append(static_cast<std::size_t>(kLabelWidth - width), ' ');
    else head += ' ';
    out.push_back({head + text::one_line(value, kMaxValue), role, width});
  }
  void section(std::string_view title) { out.push_back({std::string(title) + ":", Role::YamlKey, 0}); }
  void text(std::string value, Role role = Role::YamlValue) { out.push_back({std::move(value), role, 0}); }
  void blank() { out.push_back({"", Role::Normal, 0}); }
};

std::string when(std::optional<kube::Timestamp> t, SystemTime now) {
  if (!t || *t == kube::Timestamp{}) return "";
  return fmt::format("{} ({} ago)", text::rfc3339(*t), text::age(*t, now));
}

std::shared_ptr<const nlohmann::json> parse_raw(const kube::ObjectMeta& meta) {
  const std::string raw = kube::raw_json(meta);
  if (raw.empty()) return nullptr;
  auto j = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nullptr : std::make_shared<const nlohmann::json>(std::move(j));
}

void identity(Lines& l, const kube::ObjectMeta& meta, std::string_view kind, SystemTime now) {
  l.field(0, "Name", meta.name);
  l.field(0, "Namespace", meta.namespace_);
  l.field(0, "Kind", kind);
  l.field(0, "Created", when(meta.creation_timestamp, now));
  if (meta.terminating()) l.field(0, "Deleting", "since " + when(meta.deletion_timestamp, now), Role::RowWarn);
  std::string labels;
  for (const auto& [k, v] : meta.labels) labels += (labels.empty() ? "" : ", ") + k + "=" + v;
  l.field(0, "Labels", labels);
}

void job_status(Lines& l, const kube::FlinkJobStatus& job, SystemTime now) {
  l.field(2, "Job state", job.state, role_for_state(job.state));
  l.field(2, "Job id", job.job_id);
  l.field(2, "Job name", job.job_name);
  l.field(2, "Job started", when(job.start_time, now));
  const kube::FlinkSavepointInfo& sp = job.savepoint_info;
  if (sp.last_savepoint) {
    const kube::FlinkSavepoint& last = *sp.last_savepoint;
    l.field(2, "Last savepoint", last.location);
    l.field(4, "taken", fmt::format("{}{}", when(last.time_stamp, now),
                                    last.trigger_type.empty() ? "" : ", " + last.trigger_type));
  }
  if (!sp.trigger_id.empty()) {
    l.field(2, "Savepoint", fmt::format("in progress (trigger {}) since {}", sp.trigger_id, when(sp.trigger_timestamp, now)),
            Role::RowWarn);
  }
  l.field(2, "Upgrade from", job.upgrade_savepoint_path);
}

void error(Lines& l, const std::string& raw_error) {
  if (raw_error.empty()) return;
  l.field(2, "Error", kube::readable_operator_error(raw_error), Role::RowError);
}

// status.conditions as the operator (or the kubelet) writes them.
void conditions(Lines& l, const nlohmann::json* raw) {
  const nlohmann::json* list = nullptr;
  if (raw && raw->contains("status") && (*raw)["status"].is_object() && (*raw)["status"].contains("conditions")) {
    list = &(*raw)["status"]["conditions"];
  }
  if (!list || !list->is_array() || list->empty()) return;
  l.section("Conditions");
  l.text(fmt::format("  {:<24} {:<8} {:<24} {}", "TYPE", "STATUS", "REASON", "MESSAGE"), Role::TableHeader);
  for (const auto& c : *list) {
    auto s = [&](const char* key) {
      return c.is_object() && c.contains(key) && c[key].is_string() ? text::one_line(c[key].get<std::string>(), kMaxValue) : "";
    };
    const std::string status = s("status");
    l.text(fmt::format("  {:<24} {:<8} {:<24} {}", s("type"), status, s("reason"), s("message")),
           status == "False" ? Role::RowWarn : Role::YamlValue);
  }
}

void event_lines(Lines& l, const std::vector<const kube::Event*>& events, SystemTime now) {
  l.blank();
  l.section("Events");
  if (events.empty()) {
    l.text("  <none>", Role::RowMuted);
    return;
  }
  l.text(fmt::format("  {:<9} {:<8} {:<28} {:>5}  {:<22} {}", "LAST SEEN", "TYPE", "REASON", "COUNT", "FROM", "MESSAGE"),
         Role::TableHeader);
  for (const kube::Event* e : events) {
    auto cell = [](const std::string& value) { return text::one_line(value, kMaxValue); };
    l.text(fmt::format("  {:<9} {:<8} {:<28} {:>5}  {:<22} {}", text::age(e->last_seen(), now), cell(e->type),
                       cell(e->reason), e->count, cell(e->reporting_component), cell(e->message)),
           e->type == "Warning" ? Role::RowWarn : Role::YamlValue);
  }
}

void job_spec(Lines& l, const std::optional<kube::FlinkJobSpec>& job) {
  if (!job) return;
  l.field(2, "Jar", job->jar_uri);
  l.field(2, "Entry class", job->entry_class);
  if (job->parallelism > 0) l.field(2, "Parallelism", std::to_string(job->parallelism));
  l.field(2, "Desired state", job->state.empty() ? "running" : job->state);
  l.field(2, "Upgrade mode", job->upgrade_mode);
  l.field(2, "Initial savept", job->initial_savepoint_path);
}

std::string container_state(const kube::ContainerState& s) {
  using K = kube::ContainerState::Kind;
  switch (s.kind) {
    case K::Running: return "Running";
    case K::Waiting: return "Waiting" + (s.reason.empty() ? "" : ": " + s.reason);
    case K::Terminated:
      return fmt::format("Terminated: {} (exit {}){}", s.reason.empty() ? "-" : s.reason, s.exit_code,
                         s.message.empty() ? "" : " " + s.message);
    case K::Unknown: break;
  }
  return "";
}

}  // namespace

std::vector<const kube::Event*> events_about(const model::ContextSnapshot& snapshot, const std::string& kind,
                                             const kube::ObjectMeta& meta) {
  std::vector<const kube::Event*> out;
  if (!snapshot.events) return out;
  for (const auto& [uid, event] : *snapshot.events) {
    const kube::InvolvedObject& o = event->involved_object;
    const bool same = !o.uid.empty() && !meta.uid.empty()
                          ? o.uid == meta.uid
                          : o.kind == kind && o.name == meta.name && o.namespace_ == meta.namespace_;
    if (same) out.push_back(event.get());
  }
  std::stable_sort(out.begin(), out.end(), [](const kube::Event* a, const kube::Event* b) { return a->last_seen() > b->last_seen(); });
  return out;
}

std::vector<PagerLine> describe(const kube::FlinkDeployment& fd, const std::vector<const kube::Event*>& events,
                                SystemTime now) {
  Lines l;
  const auto raw = parse_raw(fd.meta);
  identity(l, fd.meta, fd.application() ? "FlinkDeployment (application)" : "FlinkDeployment (session)", now);
  l.section("Spec");
  l.field(2, "Flink version", fd.spec.flink_version);
  l.field(2, "Image", fd.spec.image);
  l.field(2, "Mode", fd.spec.mode.empty() ? "native" : fd.spec.mode);
  l.field(2, "JobManagers", std::to_string(fd.spec.jobmanager_replicas));
  if (fd.spec.taskmanager_replicas) l.field(2, "TaskManagers", std::to_string(*fd.spec.taskmanager_replicas));
  job_spec(l, fd.spec.job);
  l.section("Status");
  l.field(2, "Lifecycle", fd.status.lifecycle_state, role_for_state(fd.status.lifecycle_state));
  l.field(2, "JobManager", fd.status.job_manager_deployment_status, role_for_state(fd.status.job_manager_deployment_status));
  l.field(2, "Reconciliation", fd.status.reconciliation_state);
  if (fd.status.task_manager_replicas > 0) l.field(2, "TaskManagers", std::to_string(fd.status.task_manager_replicas));
  for (const auto& [key, value] : fd.status.cluster_info) l.field(2, key, value);
  if (fd.application()) job_status(l, fd.status.job_status, now);
  error(l, fd.status.error);
  conditions(l, raw.get());
  event_lines(l, events, now);
  return std::move(l.out);
}

std::vector<PagerLine> describe(const kube::FlinkSessionJob& job, const std::vector<const kube::Event*>& events,
                                SystemTime now) {
  Lines l;
  const auto raw = parse_raw(job.meta);
  identity(l, job.meta, "FlinkSessionJob", now);
  l.section("Spec");
  l.field(2, "Session cluster", job.spec.deployment_name);
  job_spec(l, job.spec.job);
  l.section("Status");
  l.field(2, "Lifecycle", job.status.lifecycle_state, role_for_state(job.status.lifecycle_state));
  l.field(2, "Reconciliation", job.status.reconciliation_state);
  job_status(l, job.status.job_status, now);
  error(l, job.status.error);
  conditions(l, raw.get());
  event_lines(l, events, now);
  return std::move(l.out);
}

std::vector<PagerLine> describe(const kube::Pod& pod, const std::vector<const kube::Event*>& events, SystemTime now) {
  Lines l;
  identity(l, pod.meta, "Pod", now);
  const kube::PodStatusColumns columns = kube::pod_status_columns(pod);
  l.field(0, "Status", columns.status, role_for_state(columns.status));
  l.field(0, "Ready", columns.ready_text());
  l.field(0, "Restarts", std::to_string(columns.restarts));
  l.field(0, "Node", pod.node_name);
  l.field(0, "Pod IP", pod.pod_ip);
  l.field(0, "Started", when(pod.start_time, now));
  l.field(0, "Reason", pod.reason, Role::RowWarn);
  l.field(0, "Message", pod.message, Role::RowWarn);
  auto containers = [&](const char* title, const std::vector<kube::ContainerSpec>& specs,
                        const std::vector<kube::ContainerStatus>& statuses) {
    if (specs.empty()) return;
    l.section(title);
    for (const kube::ContainerSpec& spec : specs) {
      l.text("  " + text::one_line(spec.name, 120) + ":", Role::YamlKey);
      l.field(4, "Image", spec.image);
      for (const kube::ContainerStatus& s : statuses) {
        if (s.name != spec.name) continue;
        const std::string state = container_state(s.state);
        l.field(4, "State", state, role_for_state(state.substr(0, state.find(':'))));
        l.field(4, "Last state", container_state(s.last_state), Role::RowWarn);
        l.field(4, "Ready", s.ready ? "True" : "False");
        l.field(4, "Restarts", std::to_string(s.restart_count));
      }
    }
  };
  containers("Init containers", pod.init_containers, pod.init_container_statuses);
  containers("Containers", pod.containers, pod.container_statuses);
  if (!pod.conditions.empty()) {
    l.section("Conditions");
    for (const kube::PodCondition& c : pod.conditions) {
      l.field(2, c.type, c.status + (c.reason.empty() ? "" : " (" + c.reason + ")"),
              c.status == "True" ? Role::YamlValue : Role::RowWarn);
    }
  }
  event_lines(l, events, now);
  return std::move(l.out);
}

}  // namespace flinktop::tui
