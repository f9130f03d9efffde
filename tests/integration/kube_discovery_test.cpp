// `flinktop get` against a real kube-apiserver (tests/env/kube.sh): exactly the clusters of the
// three kinds that the control plane holds, with their pods, REST Services and operator status,
// as the API server (not a fake) serves them.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;

std::map<std::string, json> by_id(const json& doc) {
  std::map<std::string, json> out;
  for (const json& item : doc.value("items", json::array())) out[item.value("namespace", "") + "/" + item.value("name", "")] = item;
  return out;
}

int pods_with_role(const json& cluster, const std::string& role) {
  int n = 0;
  for (const json& pod : cluster["pods"]) {
    if (pod["role"] == role) {
      EXPECT_EQ(pod["phase"], "Running") << pod.dump();
      EXPECT_EQ(pod["status"], "Running") << pod.dump();
      EXPECT_EQ(pod["node"], "kwok-node-0") << pod.dump();
      ++n;
    }
  }
  return n;
}

TEST(KubeDiscovery, GetClustersFindsTheThreeKindsWithPodsServicesAndOperatorStatus) {
  test::TempDir state;
  const json doc = parse_json_or_fail(flinktop_kube(admin_kubeconfig(), {"get", "clusters", "-A", "-o", "json"}, state.path()));
  const auto clusters = by_id(doc);
  ASSERT_EQ(clusters.size(), 4u) << doc.dump(2);

  // Operator application: the FlinkDeployment with its status, its native JobManager/TaskManagers.
  ASSERT_TRUE(clusters.count("flink-apps/orders")) << doc.dump(2);
  const json& orders = clusters.at("flink-apps/orders");
  EXPECT_EQ(orders["kind"], "operator-application");
  EXPECT_EQ(orders["context"], "flinktop-kube");
  EXPECT_EQ(orders["flinkVersion"], "2.2.0") << orders.dump(2);
  EXPECT_EQ(orders["operator"]["lifecycleState"], "STABLE");
  EXPECT_EQ(orders["operator"]["jobState"], "RUNNING");
  EXPECT_EQ(orders["operator"]["jobName"], "CarTopSpeedWindowingExample");
  EXPECT_EQ(orders["operator"]["jobManagerDeploymentStatus"], "READY");
  EXPECT_EQ(orders["operator"]["upgradeMode"], "savepoint");
  EXPECT_EQ(orders["operator"]["desiredJobState"], "running");
  EXPECT_EQ(orders["operator"]["jobId"].get<std::string>().size(), 32u);
  EXPECT_EQ(orders["rest"]["service"], "orders-rest");
  EXPECT_EQ(orders["rest"]["port"], 8081);
  EXPECT_EQ(orders["jobManagers"], (json{{"ready", 1}, {"total", 1}}));
  EXPECT_EQ(orders["taskManagers"], (json{{"ready", 2}, {"total", 2}}));
  EXPECT_EQ(pods_with_role(orders, "jobmanager"), 1);
  EXPECT_EQ(pods_with_role(orders, "taskmanager"), 2);

  // Operator session with its FlinkSessionJob.
  ASSERT_TRUE(clusters.count("flink-apps/sessions")) << doc.dump(2);
  const json& sessions = clusters.at("flink-apps/sessions");
  EXPECT_EQ(sessions["kind"], "operator-session");
  EXPECT_EQ(sessions["operator"]["lifecycleState"], "STABLE");
  ASSERT_EQ(sessions["sessionJobs"].size(), 1u) << sessions.dump(2);
  EXPECT_EQ(sessions["sessionJobs"][0]["name"], "sessions-topspeed");
  EXPECT_EQ(sessions["sessionJobs"][0]["jobState"], "RUNNING");
  EXPECT_EQ(sessions["rest"]["service"], "sessions-rest");
  EXPECT_EQ(pods_with_role(sessions, "taskmanager"), 1);

  // Native (kubernetes-session.sh): labels type=flink-native-kubernetes, <id>-rest.
  ASSERT_TRUE(clusters.count("flink-native/native-etl")) << doc.dump(2);
  const json& native = clusters.at("flink-native/native-etl");
  EXPECT_EQ(native["kind"], "native");
  EXPECT_TRUE(native["operator"].is_null());
  EXPECT_EQ(native["rest"]["service"], "native-etl-rest");
  EXPECT_EQ(native["rest"]["portName"], "rest");
  EXPECT_EQ(pods_with_role(native, "jobmanager"), 1);
  EXPECT_EQ(pods_with_role(native, "taskmanager"), 2);
  for (const json& pod : native["pods"]) {
    if (pod["role"] == "taskmanager") {
      EXPECT_EQ(pod["name"].get<std::string>().rfind("native-etl-taskmanager-1-", 0), 0u) << pod.dump();
    }
  }

  // Standalone from the seed's plain YAML: app=flink, the REST NodePort Service.
  ASSERT_TRUE(clusters.count("lyz/flink")) << doc.dump(2);
  const json& standalone = clusters.at("lyz/flink");
  EXPECT_EQ(standalone["kind"], "standalone");
  EXPECT_EQ(standalone["rest"]["service"], "flink-jobmanager-rest");
  EXPECT_EQ(standalone["rest"]["type"], "NodePort");
  EXPECT_EQ(standalone["flinkVersion"], kube_fact("FLINK_VERSION"));
  EXPECT_EQ(pods_with_role(standalone, "jobmanager"), 1);
  EXPECT_EQ(pods_with_role(standalone, "taskmanager"), 2);
}

TEST(KubeDiscovery, GetPodsTableNamesEveryFlinkPod) {
  test::TempDir state;
  const test::CommandResult r = flinktop_kube(admin_kubeconfig(), {"get", "pods", "-A"}, state.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& name : {kube_fact("STANDALONE_JOBMANAGER_POD"), kube_fact("STANDALONE_TASKMANAGER_POD"),
                                  std::string("native-etl-taskmanager-1-2"), std::string("orders-taskmanager-1-1"),
                                  std::string("sessions-taskmanager-1-1")}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name << " missing:\n" << r.out;
  }
  // One namespace: only its clusters.
  const test::CommandResult one = flinktop_kube(admin_kubeconfig(), {"get", "clusters", "-n", "flink-native"}, state.path());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("native-etl"), std::string::npos) << one.out;
  EXPECT_EQ(one.out.find("orders"), std::string::npos) << one.out;
}

}  // namespace
}  // namespace flinktop::it
