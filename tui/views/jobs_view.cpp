#include "tui/views/jobs_view.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

namespace {
constexpr std::size_t kStateColumn = 2;
}

JobsView::JobsView(std::string cluster_id, std::string cluster_name)
    : cluster_id_(std::move(cluster_id)), cluster_name_(std::move(cluster_name)) {
  table_.set_columns({{"NAME", 20, 0, false, Align::Left},
                      {"ID", 8, 0, true, Align::Left},
                      {"TASKS", 0, 0, false, Align::Right}});
  table_.set_empty_message("No jobs (yet): connecting to the JobManager's REST API…");
  table_.set_row_role([](const model::Row& row) {
    return kStateColumn < row.cells.size() ? role_for_state(row.cells[kStateColumn]) : Role::RowNormal;
  });
  // START shows an age ("5m"): ascending ages put the most recently started job first.
  table_.sort_by("START", SortOrder::Ascending);
}

std::vector<KeyHint> JobsView::hints() const {
  return {{"enter", "Details"}, {"s", "Savepoint"}, {"S", "Stop w/ savepoint"}, {"c", "Cancel"},
          {"esc", "Back"}, {"/", "Filter"}, {"?", "Help"}};
}

std::string JobsView::problem(const ViewData& data) const {
  if (!data.flink || data.flink->error.empty()) return "";
  return data.flink->updated == std::chrono::system_clock::time_point{} ? "unreachable" : "stale";
}

model::RowTable JobsView::rows(const ViewData& data) const {
  model::RowTable table{{"NAME", "ID", "STATE", "START", "DURATION", "TASKS"}, {}};
  if (!data.flink) return table;
  for (const flink::JobOverview& job : data.flink->jobs) {
    const std::int64_t running = job.tasks.of("running");
    table.rows.push_back({job.id,
                          {job.name, job.id, job.state, age_cell_from_millis(job.start_time, data.now),
                           duration_from_millis(job.duration), fmt::format("{}/{}", running, job.tasks.total)}});
  }
  return table;
}


std::optional<LogsTarget> JobsView::logs_target(const ViewData& data) {
  const std::string id = selected_id();
  if (id.empty()) return std::nullopt;
  const std::string name = job_name(data, id);
  return LogsTarget{LogRequest::of_job(cluster_id_, id, name), name};
}

}  // namespace flinktop::tui
