#include "demo/kube_objects.hpp"

#include <chrono>
#include <functional>

#include "core/text/age.hpp"

namespace flinktop::demo {

using nlohmann::json;

namespace {

bool operator_managed(const DemoCluster& c) { return c.kind != DemoClusterKind::Standalone; }

json labels_of(const DemoCluster& c, const std::string& component) {
  // Operator clusters are native Kubernetes clusters; plain YAML has app + component only.
  if (operator_managed(c)) return {{"type", "flink-native-kubernetes"}, {"app", c.name}, {"component", component}};
  return {{"app", c.name}, {"component", component}};
}

std::string image_of(const DemoCluster& c) { return "flink:" + c.flink_version + "-java17"; }

// "1.20.1" → "v1_20": the operator's spec.flinkVersion.
std::string operator_version(const std::string& version) {
  const auto first = version.find('.');
  const auto second = version.find('.', first + 1);
  return "v" + version.substr(0, first) + "_" + version.substr(first + 1, second - first - 1);
}

std::string node_of(const std::string& pod) { return "demo-node-" + std::to_string(std::hash<std::string>{}(pod) % 3 + 1); }

json meta(const DemoCluster& c, const std::string& name, json labels, long long created_ms) {
  json m{{"name", name}, {"namespace", c.ns}, {"creationTimestamp", rfc3339(created_ms)}};
  if (!labels.is_null()) m["labels"] = std::move(labels);
  return m;
}

json pod(const DemoCluster& c, const std::string& name, const std::string& component, const std::string& ip,
         long long started_ms) {
  json ports = component == "jobmanager"
                   ? json{{{"name", "rest"}, {"containerPort", 8081}}, {{"name", "jobmanager-rpc"}, {"containerPort", 6123}},
                          {{"name", "blobserver"}, {"containerPort", 6124}}}
                   : json{{{"name", "rpc"}, {"containerPort", 6122}}};
  json container{{"name", "flink-main-container"},
                 {"image", image_of(c)},
                 {"args", {component}},
                 {"ports", ports},
                 {"resources", {{"requests", {{"cpu", "1"}, {"memory", "2Gi"}}}, {"limits", {{"memory", "2Gi"}}}}}};
  json p{{"metadata", meta(c, name, labels_of(c, component), started_ms)},
         {"spec", {{"nodeName", node_of(name)}, {"serviceAccountName", "flink"}, {"containers", {container}}}},
         {"status",
          {{"phase", "Running"},
           {"hostIP", "172.18.0." + std::to_string(std::hash<std::string>{}(node_of(name)) % 3 + 2)},
           {"podIP", ip},
           {"startTime", rfc3339(started_ms)},
           {"qosClass", "Burstable"}}}};
  set_pod_restart(p, 0, true, started_ms + 3000, "");
  return p;
}

}  // namespace

std::string rfc3339(long long epoch_ms) {
  return text::rfc3339(std::chrono::system_clock::time_point(std::chrono::milliseconds(epoch_ms)));
}

void set_pod_restart(json& p, int restarts, bool ready, long long started_ms, const std::string& reason) {
  const std::string ready_text = ready ? "True" : "False";
  const std::string at = rfc3339(started_ms);
  json& status = p["status"];
  status["conditions"] = {{{"type", "Initialized"}, {"status", "True"}},
                          {{"type", "Ready"}, {"status", ready_text}},
                          {{"type", "ContainersReady"}, {"status", ready_text}},
                          {{"type", "PodScheduled"}, {"status", "True"}}};
  json container{{"name", "flink-main-container"},
                 {"image", p["spec"]["containers"][0].value("image", "")},
                 {"ready", ready},
                 {"started", true},
                 {"restartCount", restarts},
                 {"state", {{"running", {{"startedAt", at}}}}}};
  if (restarts > 0) {
    container["lastState"] = {{"terminated",
                               {{"reason", reason.empty() ? "Error" : reason},
                                {"exitCode", reason == "OOMKilled" ? 137 : 1},
                                {"finishedAt", at}}}};
  }
  status["containerStatuses"] = {container};
}

json jobmanager_pod(const DemoCluster& c) {
  return pod(c, c.jobmanager_pod, "jobmanager", c.jobmanager_ip, c.created_ms);
}

json taskmanager_pod(const DemoCluster& c, const DemoTaskManager& tm) {
  json p = pod(c, tm.pod, "taskmanager", tm.ip, tm.started_ms);
  if (tm.restarts > 0) set_pod_restart(p, tm.restarts, tm.up, tm.started_ms, "Error");
  return p;
}

std::vector<json> services(const DemoCluster& c) {
  json selector = labels_of(c, "jobmanager");
  std::vector<json> out;
  if (operator_managed(c)) {
    out.push_back({{"metadata", meta(c, c.name + "-rest", {{"type", "flink-native-kubernetes"}, {"app", c.name}}, c.created_ms)},
                   {"spec",
                    {{"type", "ClusterIP"},
                     {"clusterIP", "10.96." + std::to_string(std::hash<std::string>{}(c.key) % 200 + 10) + ".17"},
                     {"selector", selector},
                     {"ports", {{{"name", "rest"}, {"port", 8081}, {"targetPort", 8081}, {"protocol", "TCP"}}}}}}});
    out.push_back({{"metadata", meta(c, c.name, {{"type", "flink-native-kubernetes"}, {"app", c.name}}, c.created_ms)},
                   {"spec",
                    {{"type", "ClusterIP"},
                     {"clusterIP", "None"},
                     {"selector", selector},
                     {"ports", {{{"name", "jobmanager-rpc"}, {"port", 6123}, {"targetPort", 6123}, {"protocol", "TCP"}},
                                {{"name", "blobserver"}, {"port", 6124}, {"targetPort", 6124}, {"protocol", "TCP"}}}}}}});
  } else {
    out.push_back({{"metadata", meta(c, c.rest_service, nullptr, c.created_ms)},
                   {"spec",
                    {{"type", "ClusterIP"},
                     {"clusterIP", "10.96." + std::to_string(std::hash<std::string>{}(c.key) % 200 + 10) + ".42"},
                     {"selector", selector},
                     {"ports", {{{"name", "rpc"}, {"port", 6123}, {"targetPort", 6123}, {"protocol", "TCP"}},
                                {{"name", "blob-server"}, {"port", 6124}, {"targetPort", 6124}, {"protocol", "TCP"}},
                                {{"name", "webui"}, {"port", 8081}, {"targetPort", 8081}, {"protocol", "TCP"}}}}}}});
  }
  return out;
}

std::vector<json> deployments(const DemoCluster& c) {
  auto deployment = [&](const std::string& name, const std::string& component, int replicas, int ready) {
    json labels = labels_of(c, component);
    return json{{"metadata", meta(c, name, labels, c.created_ms)},
                {"spec",
                 {{"replicas", replicas},
                  {"selector", {{"matchLabels", labels}}},
                  {"template",
                   {{"metadata", {{"labels", labels}}},
                    {"spec", {{"containers", {{{"name", "flink-main-container"}, {"image", image_of(c)}}}}}}}}}},
                {"status", {{"replicas", replicas}, {"readyReplicas", ready}, {"availableReplicas", ready}}}};
  };
  const int jms = c.running ? 1 : 0;
  if (operator_managed(c)) return {deployment(c.name, "jobmanager", jms, jms)};
  int ready = 0;
  for (const auto& tm : c.taskmanagers) ready += tm.up ? 1 : 0;
  return {deployment(c.name + "-jobmanager", "jobmanager", 1, 1),
          deployment(c.name + "-taskmanager", "taskmanager", static_cast<int>(c.taskmanagers.size()), ready)};
}

json operator_job_status(const DemoJob& job) {
  std::string state = job.state == "INITIALIZING" ? "CREATED" : job.state;
  return {{"jobId", job.id}, {"jobName", job.name}, {"state", state}, {"startTime", std::to_string(job.start_ms)},
          {"updateTime", std::to_string(job.state_since_ms)}, {"savepointInfo", json::object()},
          {"checkpointInfo", json::object()}};
}

json flink_deployment(const DemoCluster& c, const DemoJob* job) {
  json spec{{"image", image_of(c)},
            {"flinkVersion", operator_version(c.flink_version)},
            {"serviceAccount", "flink"},
            {"mode", "native"},
            {"flinkConfiguration",
             {{"taskmanager.numberOfTaskSlots", "2"},
              {"state.savepoints.dir", c.savepoint_dir},
              {"execution.checkpointing.interval", "5s"}}},
            {"jobManager", {{"replicas", 1}, {"resource", {{"memory", "2048m"}, {"cpu", 1}}}}},
            {"taskManager",
             {{"replicas", static_cast<int>(c.taskmanagers.size())}, {"resource", {{"memory", "2048m"}, {"cpu", 1}}}}}};
  json status{{"lifecycleState", "STABLE"},
              {"jobManagerDeploymentStatus", "READY"},
              {"clusterInfo",
               {{"flink-version", c.flink_version}, {"flink-revision", "demo @ " + rfc3339(c.created_ms)},
                {"total-cpu", std::to_string(1 + c.taskmanagers.size())},
                {"total-memory", std::to_string((1 + c.taskmanagers.size()) * 2147483648ULL)}}},
              {"reconciliationStatus", {{"state", "DEPLOYED"}}},
              {"taskManager", {{"replicas", static_cast<int>(c.taskmanagers.size())},
                               {"labelSelector", "component=taskmanager,app=" + c.name}}},
              {"observedGeneration", 1}};
  if (job != nullptr) {
    spec["job"] = {{"jarURI", "local:///opt/flink/usrlib/" + job->name + ".jar"},
                   {"parallelism", 2},
                   {"upgradeMode", c.upgrade_mode},
                   {"state", "running"}};
    status["jobStatus"] = operator_job_status(*job);
  }
  json m = meta(c, c.name, nullptr, c.created_ms);
  m["generation"] = 1;
  return {{"apiVersion", "flink.apache.org/v1beta1"}, {"kind", "FlinkDeployment"},
          {"metadata", m}, {"spec", spec}, {"status", status}};
}

json flink_session_job(const DemoCluster& c, const DemoJob& job) {
  json m = meta(c, job.operator_name, nullptr, job.start_ms);
  m["generation"] = 1;
  return {{"apiVersion", "flink.apache.org/v1beta1"},
          {"kind", "FlinkSessionJob"},
          {"metadata", m},
          {"spec",
           {{"deploymentName", c.name},
            {"job",
             {{"jarURI", "https://artifacts.example.com/jobs/" + job.operator_name + "-1.4.2.jar"},
              {"parallelism", 2},
              {"upgradeMode", "stateless"},
              {"state", "running"}}}}},
          {"status",
           {{"lifecycleState", "STABLE"},
            {"jobStatus", operator_job_status(job)},
            {"reconciliationStatus", {{"state", "DEPLOYED"}}},
            {"observedGeneration", 1}}}};
}

}  // namespace flinktop::demo
