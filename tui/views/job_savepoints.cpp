#include "tui/views/job_savepoints.hpp"

#include <fmt/format.h>

#include <set>

#include "core/text/age.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::tui {

namespace {

// Sources name a job by id, by Flink job name or by the operator resource that runs it (a
// FlinkDeployment in application mode, a FlinkSessionJob): all three mean the open job.
std::string resource_of(const model::Cluster& cluster, const std::string& job_id) {
  for (const model::SessionJobSummary& s : cluster.session_jobs) {
    if (s.job_id == job_id) return s.name;
  }
  if (cluster.kind == model::ClusterKind::OperatorApplication) return cluster.name;
  return "";
}

bool same_cluster(const model::SavepointRecord& r, const model::Cluster& c) {
  return r.context == c.context && r.namespace_ == c.namespace_ && r.cluster == c.name;
}

}  // namespace

std::vector<model::SavepointRecord> job_savepoints(const ViewData& data, const OpenJob& job) {
  const model::Cluster* cluster = data.cluster(job.cluster_id);
  if (cluster == nullptr) return {};
  const std::string resource = resource_of(*cluster, job.job_id);
  auto is_this_job = [&](const model::SavepointRecord& r) {
    return same_cluster(r, *cluster) &&
           (r.job == job.job_id || (!job.job_name.empty() && r.job == job.job_name) ||
            (!resource.empty() && r.job == resource));
  };

  std::vector<model::SavepointRecord> records;
  if (data.flink && data.flink->open_job && data.flink->open_job->job_id == job.job_id &&
      data.flink->open_job->checkpoints) {
    records = model::flink_savepoints(*cluster, job.job_id, *data.flink->open_job->checkpoints);
  }
  for (const auto& snapshot : data.contexts) {
    if (!snapshot || snapshot->context != cluster->context) continue;
    for (model::SavepointRecord& r : model::operator_savepoints(*snapshot, {*cluster})) {
      if (is_this_job(r)) records.push_back(std::move(r));
    }
  }
  if (data.journal_savepoints) {
    for (const model::SavepointRecord& r : *data.journal_savepoints) {
      if (is_this_job(r)) records.push_back(r);
    }
  }
  return model::merge_savepoints(std::move(records));
}

model::RowTable savepoint_rows(const std::vector<model::SavepointRecord>& records,
                               std::chrono::system_clock::time_point now, bool wide) {
  model::RowTable table{{"AGE", "STATE", "TRIGGER", "PATH", "SOURCES"}, {}};
  if (wide) {
    table.columns.push_back("FORMAT");
    table.columns.push_back("ERROR");
  }
  std::set<std::string> ids;
  for (const model::SavepointRecord& r : records) {
    // merge_savepoints made paths unique; a failed or pending one has none, so it is keyed by
    // where it came from and when, and a counter settles any tie.
    std::string base = r.path;
    if (base.empty()) {
      const auto millis = r.time ? std::chrono::duration_cast<std::chrono::milliseconds>(r.time->time_since_epoch()).count() : 0;
      base = fmt::format("{}@{}", r.sources.empty() ? "" : r.sources.front(), millis);
    }
    std::string id = base;
    for (int n = 2; !ids.insert(id).second; ++n) id = fmt::format("{}#{}", base, n);
    std::string sources;
    for (const std::string& source : r.sources) sources += (sources.empty() ? "" : ", ") + source;
    model::Row row{std::move(id), {r.time ? text::age(*r.time, now) : "", r.state, r.trigger, r.path, std::move(sources)}};
    if (wide) {
      row.cells.push_back(r.format);
      row.cells.push_back(text::one_line(r.error, 500));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace flinktop::tui
