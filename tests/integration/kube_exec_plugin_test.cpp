// Exec credential plugins against a real kube-apiserver: a kubeconfig whose user is a script that
// prints an ExecCredential with a restricted service account's token. flinktop uses it, runs it
// again once the credential expires, and again after a 401 (a token the server no longer takes).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kNamespace = "flink-apps";

class KubeExecPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    auto admin = api_client();
    const json pods_only = json::array({{{"apiGroups", json::array({""})},
                                         {"resources", json::array({"pods"})},
                                         {"verbs", json::array({"get", "list", "watch"})}}});
    token_ = service_account_token(*admin, kNamespace, "flinktop-pod-reader", pods_only);
    ASSERT_FALSE(token_.empty());
    dir_.write("token", token_);
    runs_ = dir_.path() + "/runs";
  }

  // The plugin: counts its runs; prints `first_token` on its first run (if given), the real token
  // after; the credential expires `lifetime_s` seconds after each run.
  std::string kubeconfig(int lifetime_s, const std::string& first_token = "") {
    const std::string script = dir_.write(
        "plugin.sh",
        "#!/bin/sh\n"
        "# An exec credential plugin for the test: the restricted account's token.\n"
        "set -eu\n"
        "dir=$(dirname \"$0\")\n"
        "echo run >>\"$dir/runs\"\n"
        "token=$(cat \"$dir/token\")\n" +
            (first_token.empty() ? std::string()
                                 : "[ \"$(wc -l <\"$dir/runs\")\" -gt 1 ] || token=" + first_token + "\n") +
            "[ -n \"${KUBERNETES_EXEC_INFO:-}\" ] || { echo 'no KUBERNETES_EXEC_INFO' >&2; exit 1; }\n"
            "expires=$(date -u -d \"+" + std::to_string(lifetime_s) + " seconds\" +%Y-%m-%dT%H:%M:%SZ)\n"
            "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
            "\"status\":{\"token\":\"%s\",\"expirationTimestamp\":\"%s\"}}\\n' \"$token\" \"$expires\"\n");
    chmod(script.c_str(), 0755);
    return write_kubeconfig(dir_, "exec-kubeconfig",
                            "    exec:\n"
                            "      apiVersion: client.authentication.k8s.io/v1\n"
                            "      command: " + script + "\n"
                            "      interactiveMode: Never\n",
                            kNamespace);
  }

  int runs() const {
    std::ifstream in(runs_);
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }

  test::TempDir dir_;
  std::string token_;
  std::string runs_;
};

TEST_F(KubeExecPlugin, TheCliWorksWithThePluginsToken) {
  const test::CommandResult r = flinktop_kube(kubeconfig(3600), {"get", "pods", "-o", "json"}, dir_.path());
  // Pods are allowed (the rest is forbidden for this account: exit 5, see kube_rbac_test).
  const json doc = json::parse(r.out, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << r.out << r.err;
  EXPECT_EQ(doc["items"].size(), 5u) << doc.dump(2);
  EXPECT_EQ(runs(), 1);
  EXPECT_EQ(r.err.find(token_), std::string::npos) << "the token was printed";
}

TEST_F(KubeExecPlugin, ExpiryMakesFlinktopRunThePluginAgain) {
  // flinktop renews a credential before it expires, 10 s early or halfway through a shorter life:
  // 10 s of life (whole seconds: 9-10) = reused for 4.5-5 s, renewed after that.
  auto client = api_client(kubeconfig(10));
  EXPECT_EQ(client->list(kube::resources::kPods, in_namespace(kNamespace)).items.size(), 5u);
  EXPECT_EQ(client->list(kube::resources::kPods, in_namespace(kNamespace)).items.size(), 5u);
  EXPECT_EQ(runs(), 1) << "the cached credential was not reused";
  std::this_thread::sleep_for(6s);
  EXPECT_EQ(client->list(kube::resources::kPods, in_namespace(kNamespace)).items.size(), 5u);
  EXPECT_EQ(runs(), 2) << "the expired credential was not renewed";
}

TEST_F(KubeExecPlugin, A401MakesFlinktopRunThePluginAgain) {
  // The first run hands out a token the API server rejects (as after a revocation): 401, run
  // the plugin again, retry once — the caller sees only the success.
  auto client = api_client(kubeconfig(3600, "revoked-token"));
  EXPECT_EQ(client->list(kube::resources::kPods, in_namespace(kNamespace)).items.size(), 5u);
  EXPECT_EQ(runs(), 2);
}

}  // namespace
}  // namespace flinktop::it
