#include "tui/views/pods_view.hpp"

#include <cmath>
#include <map>

#include "core/text/age.hpp"

namespace flinktop::tui {

namespace {
constexpr std::size_t kStatusColumn = 5;
}

PodsView::PodsView(std::string cluster_id, std::string cluster_name)
    : cluster_id_(std::move(cluster_id)), cluster_name_(std::move(cluster_name)) {
  // The pod name is what a user acts on: it keeps its width; the context columns give way first.
  table_.set_columns({{"NAME", 24, 0, false, Align::Left},
                      {"NAMESPACE", 6, 0, true, Align::Left},
                      {"CLUSTER", 6, 0, true, Align::Left},
                      {"NODE", 4, 0, true, Align::Left},
                      {"STATUS", 16, 0, false, Align::Left},  // CrashLoopBackOff whole: it is why you look
                      {"RESTARTS", 0, 0, false, Align::Right},
                      {"CPU", 0, 0, false, Align::Right},
                      {"MEM", 0, 0, false, Align::Right}});
  table_.set_empty_message("No JobManager or TaskManager pods");
  table_.set_row_role([](const model::Row& row) {
    return kStatusColumn < row.cells.size() ? role_for_state(row.cells[kStatusColumn]) : Role::RowNormal;
  });
}

std::vector<KeyHint> PodsView::hints() const { return {{"l", "Logs"}, {"esc", "Back"}, {"/", "Filter"}, {"?", "Help"}}; }

PodsView::UsageByContext PodsView::usage_by_context(const ViewData& data) {
  UsageByContext usage;
  for (const auto& snapshot : data.contexts) {
    if (snapshot && snapshot->pod_usage) usage[snapshot->context] = snapshot->pod_usage;
  }
  return usage;
}

model::RowTable PodsView::rows(const ViewData& data) const {
  model::RowTable table{{"NAMESPACE", "CLUSTER", "NAME", "ROLE", "READY", "STATUS", "RESTARTS", "NODE", "AGE"}, {}};
  // CPU and memory in use, as kubectl top shows them, when a metrics API answers.
  const UsageByContext usage = usage_by_context(data);
  if (!usage.empty()) table.columns.insert(table.columns.end(), {"CPU", "MEM"});
  made_.clear();
  made_usage_columns_ = !usage.empty();
  // These rows are all made again whenever one pod changes (5,000 at scale): cells by plain
  // concatenation rather than fmt, and one buffer for every pod's usage key.
  std::string usage_key;
  for (const auto& shared : data.cluster_list()) {
    const model::Cluster& c = *shared;
    if (!cluster_id_.empty() && c.id != cluster_id_) continue;
    const auto context_usage = usage.find(c.context);
    made_.push_back({shared, context_usage == usage.end() ? nullptr : context_usage->second});
    for (const model::ClusterPod& pod : c.pods) {
      model::Row row{c.context + "/" + pod.uid,
                     {pod.namespace_, c.name, pod.name, std::string(model::to_string(pod.role)),
                      std::to_string(pod.ready_containers) + '/' + std::to_string(pod.total_containers),
                      pod.status, std::to_string(pod.restarts), pod.node, age_cell(pod.created, data.now)}};
      if (!usage.empty()) {
        const model::PodUsage* used = nullptr;
        if (context_usage != usage.end()) {
          usage_key.assign(pod.namespace_).append(1, '/').append(pod.name);
          const auto found = context_usage->second->find(usage_key);
          if (found != context_usage->second->end()) used = &found->second;
        }
        row.cells.push_back(used ? std::to_string(std::llround(used->cpu_cores * 1000)) + 'm' : "");
        row.cells.push_back(used ? bytes(static_cast<std::int64_t>(used->memory_bytes)) : "");
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

bool PodsView::rows_unchanged(const ViewData& data) const {
  const UsageByContext usage = usage_by_context(data);
  if (usage.empty() == made_usage_columns_) return false;
  std::size_t i = 0;
  for (const auto& shared : data.cluster_list()) {
    if (!cluster_id_.empty() && shared->id != cluster_id_) continue;
    if (i == made_.size()) return false;
    Made& made = made_[i++];
    // Another Cluster object (its operator status changed, say) with the same pods makes the same rows.
    if (made.cluster != shared) {
      const model::Cluster& before = *made.cluster;
      if (!(before.context == shared->context && before.name == shared->name && before.pods == shared->pods)) {
        return false;
      }
      made.cluster = shared;  // compared once, not on every refresh; the old object can go
    }
    const auto context_usage = usage.find(shared->context);
    if (made.usage != (context_usage == usage.end() ? nullptr : context_usage->second)) return false;
  }
  return i == made_.size();
}

std::optional<LogsTarget> PodsView::logs_target(const ViewData& data) {
  const std::string id = selected_id();  // context/uid, as rows() makes it
  for (const auto& shared : data.cluster_list()) {
    const model::Cluster& c = *shared;
    for (const model::ClusterPod& pod : c.pods) {
      if (c.context + "/" + pod.uid == id) {
        return LogsTarget{LogRequest::of_pod(c.id, pod.name), pod.name};
      }
    }
  }
  return std::nullopt;
}

SelectedPod selected_pod(View& top, const ViewData& data) {
  if (dynamic_cast<PodsView*>(&top) == nullptr) return {};
  const std::string id = top.selected_id();
  for (const auto& c : data.cluster_list()) {
    for (const model::ClusterPod& pod : c->pods) {
      if (c->context + "/" + pod.uid == id) return {c.get(), &pod};
    }
  }
  return {};
}

}  // namespace flinktop::tui
