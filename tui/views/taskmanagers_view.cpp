#include "tui/views/taskmanagers_view.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

TaskManagersView::TaskManagersView(std::string cluster_id, std::string cluster_name)
    : cluster_id_(std::move(cluster_id)), cluster_name_(std::move(cluster_name)) {
  // Where the width goes at 80 columns: what the TaskManager uses keeps its width; the id, the
  // endpoint, GC and the configured sizes give way.
  table_.set_columns({{"ID", 16, 0, true, Align::Left},
                      {"ENDPOINT", 6, 0, true, Align::Left},
                      {"SLOTS", 0, 0, false, Align::Right},
                      {"CPU", 0, 0, false, Align::Right},
                      {"LOAD", 0, 0, false, Align::Right},
                      {"HEAP", 15, 0, false, Align::Right},
                      {"MANAGED", 15, 0, false, Align::Right},
                      {"GC", 4, 0, true, Align::Right},
                      {"PROCESS", 4, 0, true, Align::Right},
                      {"PHYSICAL", 4, 0, true, Align::Right}});
  table_.set_empty_message("No TaskManagers registered (yet)");
}

namespace {

std::int64_t whole(double v) { return static_cast<std::int64_t>(v); }

// "180.0/512.0 MiB" in use of the maximum when the TaskManager said (one unit when both have
// it: the width matters at 80 columns), else what is configured.
std::string used_of(const std::optional<double>& used, const std::optional<double>& max, std::int64_t configured) {
  if (!used || !max || *max <= 0) return bytes(configured);
  const std::string u = bytes(whole(*used)), m = bytes(whole(*max));
  const std::size_t space = u.rfind(' ');
  if (space != std::string::npos && m.size() > space && m.compare(m.rfind(' '), std::string::npos, u, space) == 0) {
    return u.substr(0, space) + "/" + m;
  }
  return u + "/" + m;
}

}  // namespace

model::RowTable TaskManagersView::rows(const ViewData& data) const {
  model::RowTable table{{"ID", "ENDPOINT", "SLOTS", "CPU", "LOAD", "HEAP", "MANAGED", "GC", "PROCESS", "PHYSICAL"}, {}};
  if (!data.flink) return table;
  for (const flink::TaskManager& tm : data.flink->taskmanagers) {
    const auto& mem = tm.memory_configuration;
    const auto found = data.flink->taskmanager_load.find(tm.id);
    const model::TaskManagerLoad load = found != data.flink->taskmanager_load.end() ? found->second : model::TaskManagerLoad{};
    const std::string cpu_load = load.cpu_load ? fmt::format("{:.0f}%", *load.cpu_load * 100) : "";
    const std::string gc = load.gc_count ? fmt::format("{} · {}", *load.gc_count, text::duration_from_millis(*load.gc_time_ms)) : "";
    table.rows.push_back({tm.id,
                          {tm.id, tm.endpoint, fmt::format("{}/{}", tm.slots_number - tm.free_slots, tm.slots_number),
                           std::to_string(tm.hardware.cpu_cores), cpu_load,
                           used_of(load.heap_used, load.heap_max, mem.framework_heap + mem.task_heap),
                           used_of(load.managed_used, load.managed_total, mem.managed_memory), gc,
                           bytes(mem.total_process_memory), bytes(tm.hardware.physical_memory)}});
  }
  return table;
}

std::optional<LogsTarget> TaskManagersView::logs_target(const ViewData& /*data*/) {
  const std::string id = selected_id();
  if (id.empty()) return std::nullopt;
  return LogsTarget{LogRequest::of_taskmanager(cluster_id_, id), id};
}

}  // namespace flinktop::tui
