#include "support/kube_objects.hpp"

namespace flinktop::test {

using nlohmann::json;

namespace {

json meta(const std::string& ns, const std::string& name, const Labels& labels = {}) {
  json m{{"name", name}, {"namespace", ns}};
  if (!labels.empty()) m["labels"] = labels;
  return m;
}

}  // namespace

json make_pod(const std::string& ns, const std::string& name, const Labels& labels, bool ready, int restarts) {
  return json{{"metadata", meta(ns, name, labels)},
              {"spec", {{"nodeName", "node-1"}, {"containers", {{{"name", "flink-main-container"}}}}}},
              {"status",
               {{"phase", "Running"},
                {"podIP", "10.244.0.7"},
                {"conditions", {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}}},
                {"containerStatuses",
                 {{{"name", "flink-main-container"},
                   {"ready", ready},
                   {"restartCount", restarts},
                   {"state", {{"running", {{"startedAt", "2026-11-21T10:00:05Z"}}}}}}}}}}};
}

json make_service(const std::string& ns, const std::string& name, const Labels& selector, int port,
                  const std::string& port_name) {
  return json{{"metadata", meta(ns, name)},
              {"spec",
               {{"type", "ClusterIP"},
                {"selector", selector},
                {"ports", {{{"name", port_name}, {"port", port}, {"targetPort", port}, {"protocol", "TCP"}}}}}}};
}

json make_deployment(const std::string& ns, const std::string& name, const Labels& template_labels, int replicas) {
  return json{{"metadata", meta(ns, name, template_labels)},
              {"spec",
               {{"replicas", replicas},
                {"selector", {{"matchLabels", template_labels}}},
                {"template", {{"metadata", {{"labels", template_labels}}}}}}},
              {"status", {{"replicas", replicas}, {"readyReplicas", replicas}, {"availableReplicas", replicas}}}};
}

json make_flink_deployment(const std::string& ns, const std::string& name, const std::string& job_jar,
                           const std::string& lifecycle_state) {
  json spec{{"image", "flink:1.20"}, {"flinkVersion", "v1_20"}, {"serviceAccount", "flink"}};
  json status{{"lifecycleState", lifecycle_state},
              {"jobManagerDeploymentStatus", "READY"},
              {"clusterInfo", {{"flink-version", "1.20.1"}, {"flink-revision", "abc123"}}},
              {"reconciliationStatus", {{"state", "DEPLOYED"}}}};
  if (!job_jar.empty()) {
    spec["job"] = {{"jarURI", job_jar}, {"parallelism", 2}, {"upgradeMode", "savepoint"}, {"state", "running"}};
    status["jobStatus"] = {{"state", "RUNNING"},
                           {"jobId", "a1b2c3d4e5f60718293a4b5c6d7e8f90"},
                           {"jobName", name + "-job"},
                           {"startTime", "1763719200000"}};
  }
  return json{{"metadata", meta(ns, name)}, {"spec", spec}, {"status", status}};
}

json make_session_job(const std::string& ns, const std::string& name, const std::string& deployment) {
  return json{{"metadata", meta(ns, name)},
              {"spec", {{"deploymentName", deployment}, {"job", {{"jarURI", "local:///opt/job.jar"}, {"parallelism", 1}}}}},
              {"status", {{"lifecycleState", "STABLE"}, {"jobStatus", {{"state", "RUNNING"}, {"jobName", name}}}}}};
}

Labels native_labels(const std::string& cluster_id, const std::string& component) {
  return {{"type", "flink-native-kubernetes"}, {"app", cluster_id}, {"component", component}};
}

Labels standalone_labels(const std::string& app, const std::string& component) {
  return {{"app", app}, {"component", component}};
}

}  // namespace flinktop::test
