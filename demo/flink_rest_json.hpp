// The simulated World as Flink's REST API shows it: one function per response, in the shapes of
// ../shared/reference/flink-rest (and the captured responses in tests/unit/flink/data), with the
// differences between 1.x and 2.x (exception history, backpressure field names, job types).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/world.hpp"

namespace flinktop::demo::rest_json {

bool is_v2(const DemoCluster& cluster);

nlohmann::json config(const DemoCluster& cluster);
nlohmann::json overview(const World& world, const DemoCluster& cluster);
nlohmann::json jobs_overview(const World& world, const DemoCluster& cluster, long long now_ms);
nlohmann::json job_ids(const World& world, const DemoCluster& cluster);
nlohmann::json job(const DemoCluster& cluster, const DemoJob& job, long long now_ms);
nlohmann::json checkpoints(const DemoJob& job);
nlohmann::json exceptions(const DemoCluster& cluster, const DemoJob& job, int max_entries);
nlohmann::json backpressure(const DemoCluster& cluster, const DemoVertex& vertex, long long now_ms);
nlohmann::json taskmanagers(const DemoCluster& cluster, long long now_ms);
nlohmann::json taskmanager(const DemoCluster& cluster, const DemoTaskManager& tm, long long now_ms);
nlohmann::json operation_status(const DemoOperation& op);

// Metric queries: `names` empty lists the metrics there are ([{"id"}]); otherwise values of the
// known ones ([{"id","value"}], or the `aggregations` per name for subtask metrics).
nlohmann::json job_metrics(const DemoJob& job, const std::vector<std::string>& names, long long now_ms);
nlohmann::json vertex_metrics(const DemoVertex& vertex, const std::vector<std::string>& names,
                              const std::vector<std::string>& aggregations, bool aggregated);
nlohmann::json taskmanager_metrics(const DemoTaskManager& tm, const std::vector<std::string>& names);

// GET /jobs/:id/vertices/:vid/taskmanagers (in flink_rest_logs.cpp).
nlohmann::json vertex_taskmanagers(const DemoCluster& cluster, const DemoJob& job, const DemoVertex& vertex,
                                   long long now_ms);

}  // namespace flinktop::demo::rest_json
