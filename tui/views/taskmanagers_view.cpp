#include "tui/views/taskmanagers_view.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

TaskManagersView::TaskManagersView(std::string cluster_id, std::string cluster_name)
    : cluster_id_(std::move(cluster_id)), cluster_name_(std::move(cluster_name)) {
  table_.set_columns({{"ID", 22, 0, true, Align::Left},
                      {"SLOTS", 0, 0, false, Align::Right},
                      {"CPU", 0, 0, false, Align::Right}});
  table_.set_empty_message("No TaskManagers registered (yet)");
}

model::RowTable TaskManagersView::rows(const ViewData& data) const {
  model::RowTable table{{"ID", "ENDPOINT", "SLOTS", "CPU", "HEAP", "MANAGED", "PROCESS", "PHYSICAL"}, {}};
  if (!data.flink) return table;
  for (const flink::TaskManager& tm : data.flink->taskmanagers) {
    const auto& mem = tm.memory_configuration;
    table.rows.push_back({tm.id,
                          {tm.id, tm.endpoint,
                           fmt::format("{}/{}", tm.slots_number - tm.free_slots, tm.slots_number),
                           std::to_string(tm.hardware.cpu_cores), bytes(mem.framework_heap + mem.task_heap),
                           bytes(mem.managed_memory), bytes(mem.total_process_memory),
                           bytes(tm.hardware.physical_memory)}});
  }
  return table;
}


std::optional<LogsTarget> TaskManagersView::logs_target(const ViewData& /*data*/) {
  const std::string id = selected_id();
  if (id.empty()) return std::nullopt;
  return LogsTarget{LogRequest::of_taskmanager(cluster_id_, id), id};
}

}  // namespace flinktop::tui
