// `flinktop port-forward` on the real control plane (tests/env/kube.sh): kube-apiserver → kwok,
// whose standalone JobManager pod forwards 8081 to the real Flink. Through flinktop's own
// WebSocket forward (no kubectl): the real REST API answers with the real Flink version, many
// parallel connections each get their whole answer, a replaced JobManager pod is followed on the
// same local port, 32 connections each move 1 MB both ways through a pod to a loopback echo
// server, and a user without pods/portforward gets one line naming what is missing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/http/session.hpp"
#include "core/kube/base64.hpp"
#include "integration/background_process.hpp"
#include "integration/kube_env.hpp"
#include "support/connect_proxy.hpp"
#include "support/loopback_sockets.hpp"

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

// A loopback echo server on 127.0.0.1:port (kube.sh's SINK_PORT, where kwok sends the pod
// flinktop-bench/sink's port 8080): a thread per connection writes back what it reads, after
// `greeting` (a server that speaks first, as SSH or a database does).
class EchoServer {
 public:
  explicit EchoServer(std::uint16_t port, std::string greeting = "") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    listening_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 && ::listen(fd_, 64) == 0;
    acceptor_ = std::thread([this, greeting] {
      for (;;) {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) return;  // shut down
        std::lock_guard lock(mutex_);
        clients_.push_back(client);
        echoes_.emplace_back([client, greeting] {
          if (!greeting.empty() && ::write(client, greeting.data(), greeting.size()) <= 0) return;
          char buffer[65536];
          for (ssize_t n; (n = ::read(client, buffer, sizeof buffer)) > 0;) {
            for (ssize_t sent = 0; sent < n;) {
              const ssize_t w = ::write(client, buffer + sent, static_cast<std::size_t>(n - sent));
              if (w <= 0) return;
              sent += w;
            }
          }
        });
      }
    });
  }
  ~EchoServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    acceptor_.join();
    std::lock_guard lock(mutex_);
    for (int client : clients_) ::shutdown(client, SHUT_RDWR);
    for (std::thread& t : echoes_) t.join();
    for (int client : clients_) ::close(client);
  }
  bool listening() const { return listening_; }

 private:
  int fd_ = -1;
  bool listening_ = false;
  std::mutex mutex_;
  std::vector<int> clients_;
  std::vector<std::thread> echoes_;
  std::thread acceptor_;
};

// Sends `data` on a new connection to 127.0.0.1:port while reading as many bytes back.
std::string round_trip(std::uint16_t port, const std::string& data) {
  const int fd = test::connect_loopback(port);
  if (fd < 0) return "connect failed";
  std::thread writer([&] {
    for (std::size_t sent = 0; sent < data.size();) {
      const ssize_t w = ::write(fd, data.data() + sent, std::min<std::size_t>(data.size() - sent, 32768));
      if (w <= 0) return;
      sent += static_cast<std::size_t>(w);
    }
  });
  std::string back;
  char buffer[65536];
  while (back.size() < data.size()) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    back.append(buffer, static_cast<std::size_t>(n));
  }
  ::shutdown(fd, SHUT_RDWR);
  writer.join();
  ::close(fd);
  return back;
}

std::uint16_t sink_port() { return static_cast<std::uint16_t>(std::stoi(kube_fact("SINK_PORT"))); }

// The pod whose port 8080 kwok forwards to 127.0.0.1:SINK_PORT.
void ensure_sink_pod() {
  auto admin = api_client();
  ensure_namespace(*admin, "flinktop-bench");
  try {
    admin->create(kube::resources::kPods, "flinktop-bench",
                  {{"apiVersion", "v1"},
                   {"kind", "Pod"},
                   {"metadata", {{"name", "sink"}, {"namespace", "flinktop-bench"}}},
                   {"spec", {{"nodeName", "kwok-node-0"},
                             {"containers", json::array({{{"name", "sink"}, {"image", "sink:1"}}})}}}});
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Conflict) throw;
  }
}

std::uint16_t port_of(const std::string& url) { return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1))); }

TEST(KubePortForward, ThirtyTwoConnectionsEachMoveAMegabyteBothWaysIntact) {
  EchoServer echo(sink_port());
  ASSERT_TRUE(echo.listening()) << "127.0.0.1:" << sink_port() << " is taken";
  ensure_sink_pod();
  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", admin_kubeconfig(), "port-forward", "-n", "flinktop-bench",
                             "pod/sink", "8080"});
  const auto url = forward.wait_for_line(kUrlLine, 30s);
  ASSERT_TRUE(url) << forward.output();
  const auto port = port_of(*url);
  // The pod may not be Running yet when the first connection comes: wait until one goes through.
  ASSERT_TRUE((eventually<bool>("an echo through the forward", seconds(30), [&]() -> std::optional<bool> {
    if (round_trip(port, "ping") == "ping") return true;
    return std::nullopt;
  })))
      << forward.output();

  std::atomic<int> intact{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 32; ++i) {
    clients.emplace_back([&, i] {
      std::string data(1 << 20, '\0');
      std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(i);  // xorshift: each its own bytes
      for (char& c : data) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = static_cast<char>(x);
      }
      if (round_trip(port, data) == data) ++intact;
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(intact.load(), 32) << forward.output();
}

// The forward keeps a WebSocket open ahead of the next connection. While the pod's port refuses,
// it says why once and keeps trying (backing off); once the port listens it says it is connected
// again, and what the pod sent before anyone connected (a greeting) reaches the first connection.
TEST(KubePortForward, WhileThePodsPortRefusesItSaysWhyAndConnectsAgainWhenItListens) {
  ensure_sink_pod();
  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", admin_kubeconfig(), "port-forward", "-n", "flinktop-bench",
                             "pod/sink", "8080"});
  const auto url = forward.wait_for_line(kUrlLine, 30s);
  ASSERT_TRUE(url) << forward.output();
  const auto refused = forward.wait_for_line(std::regex("pod flinktop-bench/sink port 8080: .*retrying"), 30s);
  ASSERT_TRUE(refused) << forward.output();
  EXPECT_EQ(refused->find("error forwarding port"), std::string::npos) << "the kubelet's preamble: " << *refused;

  EchoServer greeter(sink_port(), "hello from the pod\n");
  ASSERT_TRUE(greeter.listening()) << "127.0.0.1:" << sink_port() << " is taken";
  // The next attempt comes within the backoff (1, 2, 4 … s): bounded by 60 s.
  ASSERT_TRUE(forward.wait_for_line(std::regex("pod flinktop-bench/sink port 8080: connected again after \\d+ failed attempt"), 60s))
      << forward.output();
  const int fd = test::connect_loopback(port_of(*url));
  ASSERT_GE(fd, 0);
  std::string said;
  char buffer[256];
  while (said.find('\n') == std::string::npos) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    said.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  EXPECT_EQ(said, "hello from the pod\n") << forward.output();
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

// The API server will not proxy to these JobManagers (their Services have no endpoints; it says
// "services ... not found"): flinktop's REST route port-forwards to the pod instead, so the
// standalone cluster's TaskManagers come from the real Flink; for orders kwok forwards nothing,
// and its words say so.
TEST(KubePortForward, WhereTheServiceProxyCannotReachTheJobManagerTheRouteForwardsToIt) {
  test::TempDir state;
  const test::CommandResult tms = flinktop_kube(admin_kubeconfig(), {"get", "taskmanagers", "-n", "lyz", "-o", "json"}, state.path());
  ASSERT_EQ(tms.exit_code, 0) << tms.err;
  EXPECT_EQ(parse_json_or_fail(tms)["items"].size(), 1u) << tms.out;

  const test::CommandResult orders =
      flinktop_kube(admin_kubeconfig(), {"get", "taskmanagers", "-n", "flink-apps", "--cluster", "orders"}, state.path());
  EXPECT_NE(orders.exit_code, 0) << orders.out;
  EXPECT_NE(orders.err.find("no forward found for port 8081"), std::string::npos) << orders.err;
}

// The admin's kubeconfig with `proxy-url: proxy` on its cluster, written into `dir`.
std::string kubeconfig_behind(const test::TempDir& dir, const std::string& proxy) {
  std::ifstream in(admin_kubeconfig());
  std::stringstream text;
  text << in.rdbuf();
  const std::string with_proxy =
      std::regex_replace(text.str(), std::regex(R"((\n(\s+)server: [^\n]*))"), "$1\n$2proxy-url: " + proxy);
  return dir.write("kubeconfig", with_proxy);
}

// Behind a proxy (the kubeconfig's proxy-url), the forward tunnels its WebSockets through it with
// CONNECT and the proxy's credentials, as the rest of the client does; with other credentials the
// proxy's 407 is said. (The forward's own words for a 407 are in the unit tests: here the watch
// meets the refusal first.)
TEST(KubePortForward, ThroughTheKubeconfigsProxyUrlWithItsCredentials) {
  test::ConnectProxy proxy("Basic " + kube::base64_encode("flinktop:s3cret"));
  test::TempDir dir;
  const std::string server = kube_fact("SERVER");
  const std::string authority = server.substr(server.find("://") + 3);
  {
    BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig",
                               kubeconfig_behind(dir, "http://flinktop:s3cret@127.0.0.1:" + std::to_string(proxy.port())),
                               "port-forward", "-n", "lyz", "flink"});
    const auto url = forward.wait_for_line(kUrlLine, 30s);
    ASSERT_TRUE(url) << forward.output();
    const http::Response overview = get(*url + "/overview");
    ASSERT_EQ(overview.status, 200) << overview.body << forward.output();
    EXPECT_EQ(json::parse(overview.body).value("flink-version", ""), kube_fact("FLINK_VERSION"));
    const auto tunnelled = proxy.tunnelled();
    EXPECT_FALSE(tunnelled.empty());
    EXPECT_TRUE(std::all_of(tunnelled.begin(), tunnelled.end(), [&](const std::string& t) { return t == authority; }))
        << "tunnelled elsewhere than " << authority;
  }
  test::TempDir other;
  BackgroundProcess refused({FLINKTOP_BINARY, "--kubeconfig",
                             kubeconfig_behind(other, "http://flinktop:wrong@127.0.0.1:" + std::to_string(proxy.port())),
                             "port-forward", "-n", "flinktop-bench", "pod/sink", "8080"});
  // The watch (libcurl) is refused first: flinktop says so, with the proxy's answer, and ends.
  EXPECT_TRUE(refused.wait_for_line(std::regex("407"), 30s)) << refused.output();
  EXPECT_EQ(refused.output().find("wrong"), std::string::npos) << "the proxy's password was printed";
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
