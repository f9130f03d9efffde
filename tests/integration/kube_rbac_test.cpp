// RBAC on a real kube-apiserver: a service-account token that may only get/list/watch pods in one
// namespace. flinktop shows the pods it may see, says which kinds are forbidden (and exits with
// the auth code) instead of hiding them, says so when a whole request is forbidden, and a log
// request without pods/log fails with one line that names what is missing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;

constexpr const char* kNamespace = "flink-apps";

json pods_only() {
  return json::array({{{"apiGroups", json::array({""})},
                       {"resources", json::array({"pods"})},
                       {"verbs", json::array({"get", "list", "watch"})}}});
}

class KubeRbac : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = api_client();
    token_ = service_account_token(*admin_, kNamespace, "flinktop-pod-reader", pods_only());
    ASSERT_FALSE(token_.empty());
    kubeconfig_ = write_kubeconfig(dir_, "restricted", "    token: " + token_ + "\n", kNamespace);
  }

  test::TempDir dir_;
  std::shared_ptr<kube::ApiClient> admin_;
  std::string token_;
  std::string kubeconfig_;
};

TEST_F(KubeRbac, ShowsThePodsItMaySeeAndSaysWhatIsForbidden) {
  const test::CommandResult r = flinktop_kube(kubeconfig_, {"get", "clusters", "-o", "json"}, dir_.path());
  // What it may see: the pods of the namespace, grouped by their labels into clusters.
  const json doc = json::parse(r.out, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << r.out << "\nstderr: " << r.err;
  std::set<std::string> names;
  int pods = 0;
  for (const json& c : doc["items"]) {
    names.insert(c["name"]);
    pods += static_cast<int>(c["pods"].size());
  }
  EXPECT_EQ(names, (std::set<std::string>{"orders", "sessions"})) << doc.dump(2);
  EXPECT_EQ(pods, 5) << doc.dump(2);  // orders: 1 JM + 2 TM, sessions: 1 JM + 1 TM

  // What it may not: every forbidden kind named, in the API server's words, and the auth exit code.
  EXPECT_EQ(r.exit_code, 5) << r.err;
  for (const std::string kind : {"services", "deployments.apps", "flinkdeployments.flink.apache.org",
                                 "flinksessionjobs.flink.apache.org"}) {
    EXPECT_NE(r.err.find("not allowed to list " + kind + " in namespace \"flink-apps\" (403 Forbidden)"),
              std::string::npos)
        << kind << " not reported:\n" << r.err;
  }
  EXPECT_NE(r.err.find("system:serviceaccount:flink-apps:flinktop-pod-reader"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(token_), std::string::npos) << "the token was printed";
  EXPECT_EQ(r.out.find(token_), std::string::npos) << "the token was printed";
}

TEST_F(KubeRbac, AnotherNamespaceIsForbiddenAsAWhole) {
  const test::CommandResult r = flinktop_kube(kubeconfig_, {"get", "pods", "-n", "lyz"}, dir_.path());
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_NE(r.err.find("not allowed to list pods in namespace \"lyz\" (403 Forbidden)"), std::string::npos) << r.err;
  const test::CommandResult all = flinktop_kube(kubeconfig_, {"get", "pods", "-A"}, dir_.path());
  EXPECT_EQ(all.exit_code, 5) << all.out << all.err;
  EXPECT_NE(all.err.find("not allowed to list pods in all namespaces (403 Forbidden)"), std::string::npos) << all.err;
}

TEST_F(KubeRbac, LogsWithoutPodsLogPermissionSayWhatIsMissing) {
  auto restricted = api_client(kubeconfig_);
  kube::LogOptions options;
  options.tail_lines = 10;
  try {
    restricted->pod_logs(kNamespace, "orders-taskmanager-1-1", options, [](std::string_view) { return true; });
    ADD_FAILURE() << "reading a log without pods/log was allowed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Forbidden) << e.what();
    const std::string message = e.what();
    EXPECT_NE(message.find("not allowed to get logs of pods \"orders-taskmanager-1-1\" in namespace \"flink-apps\""),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("cannot get resource \"pods/log\""), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
  }
  // `flinktop logs` (core/logs) says the same in the logs feature's words, with the auth exit code.
  const test::CommandResult cli = flinktop_kube(kubeconfig_, {"logs", "orders-taskmanager-1-1", "--tail", "5"}, dir_.path());
  EXPECT_EQ(cli.exit_code, 5) << cli.out << cli.err;
  EXPECT_NE(cli.err.find("pods/log forbidden for pod orders-taskmanager-1-1 in namespace flink-apps"), std::string::npos)
      << cli.err;

  // The admin may: the same request streams the pod's (kwok-served) log.
  int lines = 0;
  admin_->pod_logs(kNamespace, "orders-taskmanager-1-1", options, [&](std::string_view) { return ++lines > 0; });
  EXPECT_GT(lines, 0);
}

}  // namespace
}  // namespace flinktop::it
