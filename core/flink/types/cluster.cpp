#include "core/flink/types/cluster.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

DashboardConfig decode_config(const nlohmann::json& j) {
  DashboardConfig c;
  c.flink_version = string(j, "flink-version");
  c.flink_revision = string(j, "flink-revision");
  const auto& f = object(j, "features");
  c.features.web_submit = boolean(f, "web-submit");
  c.features.web_cancel = boolean(f, "web-cancel");
  c.features.web_rescale = boolean(f, "web-rescale");
  c.features.web_history = boolean(f, "web-history");
  c.timezone_name = string(j, "timezone-name");
  c.timezone_offset_ms = integer(j, "timezone-offset");
  c.refresh_interval_ms = integer(j, "refresh-interval");
  return c;
}

ConfigurationEntries decode_configuration(const nlohmann::json& j) {
  ConfigurationEntries entries;
  if (!j.is_array()) return entries;
  for (const auto& entry : j) {
    if (entry.is_object()) entries.emplace_back(string(entry, "key"), string(entry, "value"));
  }
  return entries;
}

ClusterOverview decode_overview(const nlohmann::json& j) {
  ClusterOverview o;
  o.taskmanagers = integer(j, "taskmanagers");
  o.slots_total = integer(j, "slots-total");
  o.slots_available = integer(j, "slots-available");
  o.jobs_running = integer(j, "jobs-running");
  o.jobs_finished = integer(j, "jobs-finished");
  o.jobs_cancelled = integer(j, "jobs-cancelled");
  o.jobs_failed = integer(j, "jobs-failed");
  o.flink_version = string(j, "flink-version");
  o.flink_commit = string(j, "flink-commit");
  return o;
}

}  // namespace flinktop::flink
