#include "tui/views/pods_view.hpp"

#include <fmt/format.h>

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
                      {"RESTARTS", 0, 0, false, Align::Right}});
  table_.set_empty_message("No JobManager or TaskManager pods");
  table_.set_row_role([](const model::Row& row) {
    return kStatusColumn < row.cells.size() ? role_for_state(row.cells[kStatusColumn]) : Role::RowNormal;
  });
}

std::vector<KeyHint> PodsView::hints() const { return {{"l", "Logs"}, {"esc", "Back"}, {"/", "Filter"}, {"?", "Help"}}; }

model::RowTable PodsView::rows(const ViewData& data) const {
  model::RowTable table{{"NAMESPACE", "CLUSTER", "NAME", "ROLE", "READY", "STATUS", "RESTARTS", "NODE", "AGE"}, {}};
  for (const model::Cluster& c : data.cluster_list()) {
    if (!cluster_id_.empty() && c.id != cluster_id_) continue;
    for (const model::ClusterPod& pod : c.pods) {
      table.rows.push_back({c.context + "/" + pod.uid,
                            {pod.namespace_, c.name, pod.name, std::string(model::to_string(pod.role)),
                             fmt::format("{}/{}", pod.ready_containers, pod.total_containers), pod.status,
                             std::to_string(pod.restarts), pod.node, age_cell(pod.created, data.now)}});
    }
  }
  return table;
}


std::optional<LogsTarget> PodsView::logs_target(const ViewData& data) {
  const std::string id = selected_id();  // context/uid, as rows() makes it
  for (const model::Cluster& c : data.cluster_list()) {
    for (const model::ClusterPod& pod : c.pods) {
      if (c.context + "/" + pod.uid == id) {
        return LogsTarget{LogRequest::of_pod(c.id, pod.name), pod.name};
      }
    }
  }
  return std::nullopt;
}

}  // namespace flinktop::tui
