// Kubernetes objects as JSON, the way the API server sends them, for cluster discovery's tests:
// Flink pods with their labels and status, Services, FlinkDeployments.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace flinktop::model {

using nlohmann::json;

struct PodOptions {
  bool ready = true;
  std::string phase = "Running";
  std::string waiting;  // a waiting reason instead of running
  bool deleting = false;
  std::string image = "flink:1.20.0";
  std::string created = "2026-11-20T08:00:00Z";
};

inline json pod(const std::string& ns, const std::string& name, const json& labels, const PodOptions& o = {}) {
  json state = o.waiting.empty() ? json{{"running", {{"startedAt", "2026-11-20T08:00:05Z"}}}}
                                 : json{{"waiting", {{"reason", o.waiting}}}};
  json meta = {{"name", name}, {"namespace", ns}, {"uid", "pod-" + ns + "-" + name}, {"labels", labels},
               {"creationTimestamp", o.created}};
  if (o.deleting) meta["deletionTimestamp"] = "2026-11-20T09:00:00Z";
  json container = {{"name", "flink-main-container"}, {"image", o.image}};
  json spec = {{"containers", json::array({container})}, {"nodeName", "node-1"}};
  json status_entry = {{"name", "flink-main-container"}, {"ready", o.ready}, {"restartCount", 0}, {"state", state}};
  json condition = {{"type", "Ready"}, {"status", o.ready ? "True" : "False"}};
  json status = {{"phase", o.phase},
                 {"conditions", json::array({condition})},
                 {"containerStatuses", json::array({status_entry})}};
  return {{"kind", "Pod"}, {"metadata", meta}, {"spec", spec}, {"status", status}};
}

inline json native_labels(const std::string& app, const std::string& component) {
  return {{"app", app}, {"component", component}, {"type", "flink-native-kubernetes"}};
}

inline json service(const std::string& ns, const std::string& name, const json& ports, const json& selector = json::object(),
             const std::string& type = "ClusterIP") {
  return {{"kind", "Service"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"uid", "svc-" + ns + "-" + name}}},
          {"spec", {{"type", type}, {"ports", ports}, {"selector", selector}}}};
}

inline json flink_deployment(const std::string& ns, const std::string& name, bool application, const json& status = nullptr,
                      const std::string& mode = "native") {
  json spec = {{"image", "flink:1.18"}, {"flinkVersion", "v1_18"}, {"mode", mode}};
  if (application) spec["job"] = {{"jarURI", "local:///opt/flink/job.jar"}, {"state", "running"}, {"upgradeMode", "stateless"}};
  json fd = {{"kind", "FlinkDeployment"},
             {"metadata", {{"name", name}, {"namespace", ns}, {"uid", "fd-" + ns + "-" + name},
                           {"creationTimestamp", "2026-11-19T10:00:00Z"}}},
             {"spec", spec}};
  if (!status.is_null()) fd["status"] = status;
  return fd;
}

}  // namespace flinktop::model
