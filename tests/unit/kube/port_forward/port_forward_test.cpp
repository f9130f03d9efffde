// The parts of a port-forward that need no API server: which local port it listens on (and the
// one-line errors when it cannot), and what a connection gets when no pod serves the target.
// The WebSocket path itself runs against a real kube-apiserver and kwok in
// tests/integration/kube_port_forward_test.cpp.
#include "core/kube/port_forward/port_forward.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "core/kube/base64.hpp"
#include "tests/support/connect_proxy.hpp"
#include "tests/support/expect_error.hpp"
#include "tests/support/loopback_sockets.hpp"

namespace flinktop::kube {
namespace {

using namespace std::chrono_literals;

kube::RestConfig never_dialled() {
  kube::RestConfig config;
  config.context = "dev";
  config.server = "https://127.0.0.1:1";
  return config;
}

ServingPod no_pod() { return {"", "", "no pod of cluster flink/wordcount's JobManager is Running and Ready"}; }

TEST(PortForwardListen, TheRemotePortLocallyWhenFreeElseTheNextOneSaidSo) {
  const test::HeldLoopbackPort held;
  PortForward forward(never_dialled(), no_pod, {"127.0.0.1", 0, held.port()});
  EXPECT_GT(forward.local_port(), held.port());
  EXPECT_LT(forward.local_port(), held.port() + 100);
  EXPECT_TRUE(forward.local_port_moved());
  EXPECT_EQ(forward.url(), "http://127.0.0.1:" + std::to_string(forward.local_port()));
}

TEST(PortForwardListen, AnAskedForPortThatIsTakenFailsNamingAFreeOne) {
  const test::HeldLoopbackPort held;
  const std::string why = test::error_of([&] { PortForward(never_dialled(), no_pod, {"127.0.0.1", held.port(), 8081}); },
                                         ErrorKind::Usage);
  EXPECT_NE(why.find("local port " + std::to_string(held.port()) + " on 127.0.0.1 is in use; "), std::string::npos) << why;
  EXPECT_NE(why.find(" is free"), std::string::npos) << why;
}

TEST(PortForwardListen, AnAddressThatIsNoIpAddressOrARemotePortOfZeroIsAUsageError) {
  EXPECT_NE(test::error_of([] { PortForward(never_dialled(), no_pod, {"my-laptop", 0, 8081}); }, ErrorKind::Usage)
                .find("\"my-laptop\" to listen on is not an IP address"),
            std::string::npos);
  EXPECT_NE(test::error_of([] { PortForward(never_dialled(), no_pod, {"127.0.0.1", 0, 0}); }, ErrorKind::Usage)
                .find("remote port"),
            std::string::npos);
}

TEST(PortForwardListen, IPv6LoopbackIsBracketedInTheUrl) {
  PortForward forward(never_dialled(), no_pod, {"::1", 0, 18081});
  EXPECT_EQ(forward.url(), "http://[::1]:" + std::to_string(forward.local_port()));
}

TEST(PortForwardConnections, WithNoPodToServeAConnectionIsClosedAndTheReasonKept) {
  std::mutex mutex;
  std::vector<std::string> events;
  PortForward forward(never_dialled(), no_pod, {"127.0.0.1", 0, 18081}, [&](const std::string& line) {
    std::lock_guard lock(mutex);
    events.push_back(line);
  });
  const int fd = test::connect_loopback(forward.local_port(), 5);
  ASSERT_GE(fd, 0);
  char byte = 0;
  EXPECT_EQ(::recv(fd, &byte, 1, 0), 0) << "the connection should be closed, not left hanging";
  ::close(fd);

  const ForwardStatus status = forward.status();
  EXPECT_EQ(status.connections, 1u);
  EXPECT_EQ(status.last_error,
            "port-forward: no pod to forward to: no pod of cluster flink/wordcount's JobManager is Running and Ready");
  std::lock_guard lock(mutex);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events.front(), status.last_error);
}

// Behind a proxy that refuses the credentials, the forward says who refused what, with the answer,
// and keeps the password to itself: first for the connection it opens ahead of need, then for the
// user's own.
TEST(PortForwardConnections, AProxyThatRefusesIsNamedWithItsAnswer) {
  test::ConnectProxy proxy("Basic " + base64_encode("flinktop:right"));
  kube::RestConfig config = never_dialled();
  config.http.proxy_url = "http://flinktop:wrong@127.0.0.1:" + std::to_string(proxy.port());
  PortForward forward(config, [] { return ServingPod{"flink", "orders-jm", ""}; }, {"127.0.0.1", 0, 18081});
  const std::string expected = "port-forward to pod flink/orders-jm port 18081: the proxy http://127.0.0.1:" +
                               std::to_string(proxy.port()) +
                               " refused to connect to https://127.0.0.1:1: 407 Proxy Authentication Required";
  ForwardStatus status;
  for (int i = 0; i < 500 && status.reconnect_attempts == 0; ++i) {
    std::this_thread::sleep_for(10ms);
    status = forward.status();
  }
  EXPECT_EQ(status.reconnect_attempts, 1);
  EXPECT_EQ(status.reconnect_error, expected);

  const int fd = test::connect_loopback(forward.local_port(), 5);
  ASSERT_GE(fd, 0);
  char byte = 0;
  EXPECT_EQ(::recv(fd, &byte, 1, 0), 0) << "the connection should be closed, not left hanging";
  ::close(fd);
  for (int i = 0; i < 500 && forward.status().last_error.empty(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(forward.status().last_error, expected);
  EXPECT_GE(proxy.refused(), 2);
  EXPECT_EQ(expected.find("wrong"), std::string::npos);
}

}  // namespace
}  // namespace flinktop::kube
