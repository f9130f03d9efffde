#include "tui/views/clusters_view.hpp"

#include <fmt/format.h>

#include "core/text/age.hpp"

namespace flinktop::tui {

ClustersView::ClustersView(bool several_contexts, std::string rest_only_cluster)
    : several_contexts_(several_contexts), rest_only_cluster_(std::move(rest_only_cluster)) {
  table_.set_columns({{"NAME", 16, 0, false, Align::Left},
                      {"NAMESPACE", 6, 0, true, Align::Left},
                      {"REST", 4, 0, true, Align::Left},
                      {"JM", 0, 0, false, Align::Right},
                      {"TM", 0, 0, false, Align::Right},
                      {"ERROR", 0, 60, true, Align::Left}});
  table_.set_empty_message("No Flink clusters found (yet): operator, native and standalone clusters show up here");
  const std::size_t state_column = several_contexts ? 5 : 4;  // STATE
  table_.set_row_role([state_column](const model::Row& row) {
    return state_column < row.cells.size() ? role_for_state(row.cells[state_column]) : Role::RowNormal;
  });
}

std::vector<KeyHint> ClustersView::hints() const {
  return {{"enter", "Jobs"}, {"p", "Pods"}, {"t", "TaskManagers"}, {"u", "Suspend/Resume"},
          {"s", "Savepoint"}, {"/", "Filter"}, {":", "Command"}, {"?", "Help"}};
}

model::RowTable ClustersView::rows(const ViewData& data) const {
  model::RowTable table;
  if (several_contexts_) table.columns.push_back("CONTEXT");
  for (const char* c : {"NAMESPACE", "NAME", "KIND", "VERSION", "STATE", "JOB", "JM", "TM", "REST", "AGE", "ERROR"}) {
    table.columns.push_back(c);
  }
  table.rows.reserve(data.cluster_list().size());
  for (const auto& shared : data.cluster_list()) {
    const model::Cluster& c = *shared;
    if (c.context.empty()) {
      table.rows.push_back(rest_only_row(c, data));
      continue;
    }
    model::Row row{c.id, {}};
    if (several_contexts_) row.cells.push_back(c.context);
    const auto& op = c.operator_status;
    std::string job = op ? op->job_state : "";
    if (!c.session_jobs.empty()) job = fmt::format("{} session jobs", c.session_jobs.size());
    row.cells.insert(row.cells.end(),
                     {c.namespace_, c.name, std::string(model::to_string(c.kind)), c.flink_version, c.state, job,
                      fmt::format("{}/{}", c.jobmanagers_ready, c.jobmanagers_total),
                      fmt::format("{}/{}", c.taskmanagers_ready, c.taskmanagers_total),
                      rest_cell(c, data), age_cell(c.created, data.now),
                      op ? op->error : ""});
    table.rows.push_back(std::move(row));
  }
  return table;
}

// The REST Service, and the route when the service proxy cannot reach it and a port-forward does.
std::string ClustersView::rest_cell(const model::Cluster& c, const ViewData& data) {
  if (!c.rest) return "";
  std::string cell = fmt::format("{}:{}", c.rest->name, c.rest->port);
  const auto route = data.rest_routes.find(c.id);
  if (route != data.rest_routes.end() && route->second.port_forwarded) cell += " via port-forward";
  return cell;
}

// A cluster without Kubernetes (--flink-url) has no pods to count: what its JobManager last said
// fills the row — version, running jobs, TaskManagers with their free slots — and "-" until then.
model::Row ClustersView::rest_only_row(const model::Cluster& c, const ViewData& data) const {
  const model::FlinkClusterSnapshot* flink = data.flink && data.flink->cluster_id == c.id ? data.flink.get() : nullptr;
  const flink::ClusterOverview* overview = flink && flink->overview ? &*flink->overview : nullptr;
  std::string state = "Unknown";
  if (flink && !flink->error.empty()) {
    state = "Unreachable";
  } else if (overview) {
    state = "Ready";
  }
  std::string version = flink && !flink->flink_version.empty() ? flink->flink_version : "-";
  if (version == "-" && overview && !overview->flink_version.empty()) version = overview->flink_version;
  model::Row row{c.id, {}};
  if (several_contexts_) row.cells.push_back("-");
  row.cells.insert(row.cells.end(),
                   {"-", c.name, std::string(model::to_string(c.kind)), version, state,
                    overview ? fmt::format("{} running", overview->jobs_running) : "-", "-",
                    overview ? fmt::format("{} ({}/{} slots free)", overview->taskmanagers, overview->slots_available,
                                           overview->slots_total)
                             : "-",
                    c.id, "-", flink ? flink->error : ""});
  return row;
}


std::optional<LogsTarget> ClustersView::logs_target(const ViewData& data) {
  const model::Cluster* c = data.cluster(selected_id());
  if (!c) return std::nullopt;
  return LogsTarget{LogRequest::of_cluster(c->id), c->name};
}

}  // namespace flinktop::tui
