// `flinktop get` end to end: the real binary, a kubeconfig, and a loopback API server holding the
// three kinds of Flink cluster (operator application + session with a session job, native,
// plain-YAML standalone) next to unrelated pods.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/kube/resource_type.hpp"
#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"
#include "support/run_command.hpp"

namespace flinktop {
namespace {

using namespace flinktop::test;
using nlohmann::json;
namespace r = kube::resources;

class GetCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    server.require_token("test-token");
    // Operator application cluster "orders" and session cluster "shared" with a session job.
    server.add(r::kFlinkDeployments, make_flink_deployment("streaming", "orders", "local:///opt/flink/job.jar"));
    server.add(r::kPods, make_pod("streaming", "orders-6d5f7c9b8-x2x4z", native_labels("orders", "jobmanager")));
    server.add(r::kPods, make_pod("streaming", "orders-taskmanager-1-1", native_labels("orders", "taskmanager")));
    server.add(r::kServices, make_service("streaming", "orders-rest", {{"app", "orders"}}, 8081, "rest"));
    server.add(r::kFlinkDeployments, make_flink_deployment("streaming", "shared", ""));
    server.add(r::kFlinkSessionJobs, make_session_job("streaming", "etl", "shared"));
    server.add(r::kPods, make_pod("streaming", "shared-7c9d-abcde", native_labels("shared", "jobmanager")));
    // Native cluster.
    server.add(r::kDeployments, make_deployment("native", "native-1", native_labels("native-1", "jobmanager"), 1));
    server.add(r::kPods, make_pod("native", "native-1-5f6b-q8w9e", native_labels("native-1", "jobmanager")));
    server.add(r::kPods, make_pod("native", "native-1-taskmanager-1-1", native_labels("native-1", "taskmanager"),
                                  /*ready=*/false, /*restarts=*/2));
    server.add(r::kServices, make_service("native", "native-1-rest", {{"app", "native-1"}}, 8081, "rest"));
    // Standalone cluster from plain YAML (the seed's labels and names).
    server.add(r::kDeployments, make_deployment("default", "flink-jobmanager", standalone_labels("flink", "jobmanager"), 1));
    server.add(r::kPods, make_pod("default", "flink-jobmanager-7b9c-aaaaa", standalone_labels("flink", "jobmanager")));
    server.add(r::kPods, make_pod("default", "flink-taskmanager-7b9c-bbbbb", standalone_labels("flink", "taskmanager")));
    server.add(r::kPods, make_pod("default", "flink-taskmanager-7b9c-ccccc", standalone_labels("flink", "taskmanager")));
    server.add(r::kServices, make_service("default", "flink-jobmanager", standalone_labels("flink", "jobmanager"), 8081, "webui"));
    // Not Flink.
    server.add(r::kPods, make_pod("default", "nginx-1", {{"app", "nginx"}}));

    kubeconfig = dir.write("config", R"(apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster: {server: ")" + server.url() + R"("}
users:
- name: tester
  user: {token: "test-token"}
- name: intruder
  user: {token: "wrong-secret-value"}
contexts:
- name: dev
  context: {cluster: fake, user: tester, namespace: streaming}
- name: bad
  context: {cluster: fake, user: intruder}
current-context: dev
)");
  }

  CommandResult flinktop(std::vector<std::string> args) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--kubeconfig", kubeconfig});
    return run_command(args, {"NO_PROXY=*", "no_proxy=*"});
  }

  static const json* find_item(const json& doc, const std::string& name) {
    for (const json& item : doc["items"]) {
      if (item["name"] == name) return &item;
    }
    return nullptr;
  }

  demo::KubeApiServer server;
  TempDir dir;
  std::string kubeconfig;
};

TEST_F(GetCommand, FindsTheThreeKindsAcrossNamespacesAsJson) {
  CommandResult result = flinktop({"get", "clusters", "-A", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  json doc = json::parse(result.out);
  EXPECT_EQ(doc["kind"], "ClusterList");
  ASSERT_EQ(doc["items"].size(), 4u) << result.out;
  EXPECT_EQ(doc["contexts"][0]["name"], "dev");
  EXPECT_EQ(doc["contexts"][0]["operatorInstalled"], true);

  const json* orders = find_item(doc, "orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ((*orders)["kind"], "operator-application");
  EXPECT_EQ((*orders)["rest"]["service"], "orders-rest");
  EXPECT_EQ((*orders)["rest"]["port"], 8081);
  EXPECT_EQ((*orders)["operator"]["jobState"], "RUNNING");
  EXPECT_EQ((*orders)["operator"]["lifecycleState"], "STABLE");
  EXPECT_EQ((*orders)["flinkVersion"], "1.20.1");
  EXPECT_EQ((*orders)["pods"].size(), 2u);

  const json* shared = find_item(doc, "shared");
  ASSERT_NE(shared, nullptr);
  EXPECT_EQ((*shared)["kind"], "operator-session");
  ASSERT_EQ((*shared)["sessionJobs"].size(), 1u);
  EXPECT_EQ((*shared)["sessionJobs"][0]["name"], "etl");

  const json* native = find_item(doc, "native-1");
  ASSERT_NE(native, nullptr);
  EXPECT_EQ((*native)["kind"], "native");
  EXPECT_EQ((*native)["taskManagers"]["ready"], 0);
  EXPECT_EQ((*native)["taskManagers"]["total"], 1);
  EXPECT_EQ((*native)["rest"]["service"], "native-1-rest");

  const json* standalone = find_item(doc, "flink");
  ASSERT_NE(standalone, nullptr);
  EXPECT_EQ((*standalone)["kind"], "standalone");
  EXPECT_EQ((*standalone)["taskManagers"]["total"], 2);
  EXPECT_EQ((*standalone)["rest"]["service"], "flink-jobmanager");
  EXPECT_EQ(result.out.find("nginx"), std::string::npos);
}

TEST_F(GetCommand, TableUsesTheContextNamespaceByDefault) {
  CommandResult result = flinktop({"get", "clusters"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("NAME", 0), 0u) << result.out;  // no NAMESPACE column for one namespace
  EXPECT_NE(result.out.find("orders"), std::string::npos);
  EXPECT_NE(result.out.find("operator-session"), std::string::npos);
  EXPECT_EQ(result.out.find("native-1"), std::string::npos);
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 3);
}

TEST_F(GetCommand, PodsOfOneCluster) {
  CommandResult result = flinktop({"get", "pods", "-A", "--cluster", "native/native-1", "-o", "wide"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("native-1-5f6b-q8w9e"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("taskmanager"), std::string::npos);
  EXPECT_NE(result.out.find("0/1"), std::string::npos);
  EXPECT_NE(result.out.find("node-1"), std::string::npos);
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 3) << result.out;
}

TEST_F(GetCommand, AForbiddenKindIsReportedAndTheRestIsShown) {
  server.forbid("services");
  CommandResult result = flinktop({"get", "clusters", "-A"});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("not allowed to list services in all namespaces"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.out.find("orders"), std::string::npos);
  EXPECT_NE(result.out.find("native-1"), std::string::npos);
}

TEST_F(GetCommand, WorksWithoutTheFlinkOperator) {
  server.set_operator_installed(false);
  CommandResult result = flinktop({"get", "clusters", "-A", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  json doc = json::parse(result.out);
  EXPECT_EQ(doc["contexts"][0]["operatorInstalled"], false);
  std::set<std::string> names;
  for (const json& item : doc["items"]) names.insert(item["name"]);
  // Without the FlinkDeployments the operator's pods still look like native clusters, as they are.
  EXPECT_TRUE(names.count("native-1"));
  EXPECT_TRUE(names.count("flink"));
  EXPECT_TRUE(names.count("orders"));
}

TEST_F(GetCommand, RejectedCredentialsNameTheUserNeverTheToken) {
  CommandResult result = flinktop({"get", "clusters", "--context", "bad"});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("intruder"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("401"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("wrong-secret-value"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

TEST_F(GetCommand, SeveralContextsAtOnceShowAContextColumn) {
  CommandResult result = flinktop({"get", "clusters", "--context", "dev,bad"});
  EXPECT_EQ(result.exit_code, 5);  // "bad" is rejected, "dev" still answers
  EXPECT_EQ(result.out.rfind("CONTEXT", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("dev"), std::string::npos);
  EXPECT_NE(result.out.find("orders"), std::string::npos);
}

}  // namespace
}  // namespace flinktop
