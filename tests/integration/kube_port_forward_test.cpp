// `flinktop port-forward` on the real control plane (tests/env/kube.sh): kube-apiserver → kwok,
// whose standalone JobManager pod forwards 8081 to the real Flink. Through flinktop's own
// WebSocket forward (no kubectl): the real REST API answers with the real Flink version, many
// parallel connections each get their whole answer, a replaced JobManager pod is followed on the
// same local port, and a user without pods/portforward gets one line naming what is missing.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/http/session.hpp"
#include "integration/background_process.hpp"
#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::regex kUrlLine(R"(^(http://127\.0\.0\.1:\d+)$)");

http::Response get(const std::string& url) {
  http::SessionOptions options;
  options.connect_timeout = 5s;
  options.idle_timeout = 10s;
  http::Session session(options);
  http::Request request;
  request.url = url;
  return session.send(request);
}

TEST(KubePortForward, TheStandaloneClustersRestApiAnswersThroughIt) {
  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", admin_kubeconfig(), "port-forward", "-n", "lyz", "flink"});
  const auto url = forward.wait_for_line(kUrlLine, 30s);
  ASSERT_TRUE(url) << "flinktop port-forward did not print its URL:\n" << forward.output();

  const http::Response overview = get(*url + "/overview");
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_EQ(json::parse(overview.body).value("flink-version", ""), kube_fact("FLINK_VERSION")) << overview.body;

  // A browser opens several connections at once: 32 in parallel, each its own WebSocket, each
  // gets the whole of a larger answer (the JobManager's configuration), byte for byte.
  const http::Response reference = get(*url + "/jobmanager/config");
  ASSERT_EQ(reference.status, 200) << reference.body;
  std::atomic<int> whole{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 32; ++i) {
    clients.emplace_back([&] {
      try {
        const http::Response r = get(*url + "/jobmanager/config");
        if (r.status == 200 && r.body == reference.body) ++whole;
      } catch (const Error&) {
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(whole.load(), 32) << forward.output();
}

TEST(KubePortForward, AReplacedJobManagerPodIsFollowedOnTheSameLocalPort) {
  auto admin = api_client();
  const std::string jm = kube_fact("STANDALONE_JOBMANAGER_POD");
  const std::string successor = kube_fact("STANDALONE_JOBMANAGER_SUCCESSOR_POD");
  ASSERT_FALSE(successor.empty());
  const json original = admin->get(kube::resources::kPods, "lyz", jm);
  // What the ReplicaSet would create: the same labels, owner and spec, another name.
  auto copy_named = [&](const std::string& name) {
    json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"spec", original["spec"]}};
    pod["metadata"] = {{"name", name}, {"namespace", "lyz"}, {"labels", original["metadata"]["labels"]}};
    if (original["metadata"].contains("ownerReferences")) pod["metadata"]["ownerReferences"] = original["metadata"]["ownerReferences"];
    return pod;
  };

  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", admin_kubeconfig(), "port-forward", "-n", "lyz", "flink"});
  const auto url = forward.wait_for_line(kUrlLine, 30s);
  ASSERT_TRUE(url) << forward.output();
  ASSERT_EQ(get(*url + "/overview").status, 200) << forward.output();

  admin->create(kube::resources::kPods, "lyz", copy_named(successor));
  delete_pod_now(*admin, "lyz", jm);
  // Put the seed back however this test ends: the other tests use the original JobManager pod.
  struct Restore {
    std::function<void()> run;
    ~Restore() { run(); }
  } restore{[&] {
    try {
      admin->create(kube::resources::kPods, "lyz", copy_named(jm));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Conflict) ADD_FAILURE() << "restoring " << jm << ": " << e.what();
    }
    delete_pod_now(*admin, "lyz", successor);
  }};

  const auto answered = eventually<bool>("the REST API through the same port after the replacement", seconds(60),
                                         [&]() -> std::optional<bool> {
                                           if (get(*url + "/overview").status == 200) return true;
                                           return std::nullopt;
                                         });
  ASSERT_TRUE(answered) << forward.output();
  EXPECT_TRUE(forward.wait_for_line(std::regex("now forwarding to pod lyz/" + successor), 10s)) << forward.output();
}

TEST(KubePortForward, WithoutPodsPortforwardTheUserIsToldWhatIsMissing) {
  auto admin = api_client();
  const json may_look = json::array({{{"apiGroups", json::array({""})},
                                      {"resources", json::array({"pods", "services"})},
                                      {"verbs", json::array({"get", "list", "watch"})}}});
  const std::string token = service_account_token(*admin, "lyz", "flinktop-no-forward", may_look);
  ASSERT_FALSE(token.empty());
  test::TempDir dir;
  const std::string kubeconfig = write_kubeconfig(dir, "restricted", "    token: " + token + "\n", "lyz");

  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", kubeconfig, "port-forward", "flink"});
  const auto url = forward.wait_for_line(kUrlLine, 30s);
  ASSERT_TRUE(url) << forward.output();
  EXPECT_THROW(get(*url + "/overview"), Error) << "the connection should be closed, with nothing sent";
  const auto line = forward.wait_for_line(std::regex("pods/portforward"), 10s);
  ASSERT_TRUE(line) << forward.output();
  EXPECT_NE(line->find("403"), std::string::npos) << *line;
  EXPECT_NE(line->find("system:serviceaccount:lyz:flinktop-no-forward"), std::string::npos) << *line;
  EXPECT_EQ(forward.output().find(token), std::string::npos) << "the token was printed";
}

}  // namespace
}  // namespace flinktop::it
