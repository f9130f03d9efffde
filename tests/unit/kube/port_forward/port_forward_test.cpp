// The parts of a port-forward that need no API server: which local port it listens on (and the
// one-line errors when it cannot), and what a connection gets when no pod serves the target.
// The WebSocket path itself runs against a real kube-apiserver and kwok in
// tests/integration/kube_port_forward_test.cpp.
#include "core/kube/port_forward/port_forward.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "tests/support/expect_error.hpp"

namespace flinktop::kube {
namespace {

using namespace std::chrono_literals;

// A listening socket on 127.0.0.1 (a port someone else holds), closed on destruction.
class HeldPort {
 public:
  HeldPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(fd_, 1), 0);
    socklen_t size = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~HeldPort() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

kube::RestConfig never_dialled() {
  kube::RestConfig config;
  config.context = "dev";
  config.server = "https://127.0.0.1:1";
  return config;
}

ServingPod no_pod() { return {"", "", "no pod of cluster flink/wordcount's JobManager is Running and Ready"}; }

TEST(PortForwardListen, TheRemotePortLocallyWhenFreeElseTheNextOneSaidSo) {
  const HeldPort held;
  PortForward forward(never_dialled(), no_pod, {"127.0.0.1", 0, held.port()});
  EXPECT_GT(forward.local_port(), held.port());
  EXPECT_LT(forward.local_port(), held.port() + 100);
  EXPECT_TRUE(forward.local_port_moved());
  EXPECT_EQ(forward.url(), "http://127.0.0.1:" + std::to_string(forward.local_port()));
}

TEST(PortForwardListen, AnAskedForPortThatIsTakenFailsNamingAFreeOne) {
  const HeldPort held;
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
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(forward.local_port());
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
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

}  // namespace
}  // namespace flinktop::kube
