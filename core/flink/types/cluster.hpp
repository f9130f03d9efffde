// What a Flink cluster says about itself: GET /config (the web UI's configuration: version,
// features, time zone) and GET /overview (TaskManagers, slots and job counts).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/flink/version.hpp"

namespace flinktop::flink {

struct WebFeatures {
  bool web_submit = false;  // jar upload/run through the web UI and REST
  bool web_cancel = false;  // false under the Kubernetes operator (which still accepts PATCH cancel)
  bool web_rescale = false;
  bool web_history = false;  // a HistoryServer, not a live cluster
};

struct DashboardConfig {
  std::string flink_version;   // "1.20.5", "2.3.0", "1.20-SNAPSHOT"
  std::string flink_revision;  // "0980485 @ 2026-06-08T09:21:06+02:00"
  WebFeatures features;
  std::string timezone_name;
  std::int64_t timezone_offset_ms = 0;
  std::int64_t refresh_interval_ms = 0;

  std::optional<FlinkVersion> version() const { return parse_flink_version(flink_version); }
};

struct ClusterOverview {
  std::int64_t taskmanagers = 0;
  std::int64_t slots_total = 0;
  std::int64_t slots_available = 0;
  std::int64_t jobs_running = 0;
  std::int64_t jobs_finished = 0;
  std::int64_t jobs_cancelled = 0;
  std::int64_t jobs_failed = 0;
  std::string flink_version;
  std::string flink_commit;
};

// GET /jobmanager/config: the cluster's configuration, key → value in Flink's order (secret values
// arrive masked as "******").
using ConfigurationEntries = std::vector<std::pair<std::string, std::string>>;

DashboardConfig decode_config(const nlohmann::json& j);
ConfigurationEntries decode_configuration(const nlohmann::json& j);
ClusterOverview decode_overview(const nlohmann::json& j);

}  // namespace flinktop::flink
