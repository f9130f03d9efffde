// The supplier of the UI's port-forwards: a forward asked for listens until it is no longer asked
// for (its port is free again), a restart gives up the old listener first, and one that cannot
// start says why in its report instead of vanishing. No API server is dialled: a connection would
// be the integration tests' (tests/integration/kube_port_forward_test.cpp).
#include "core/sync/port_forwards.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "tests/support/loopback_sockets.hpp"

namespace flinktop::sync {
namespace {

std::optional<kube::RestConfig> dev_only(const std::string& context) {
  if (context != "dev") return std::nullopt;
  kube::RestConfig config;
  config.context = "dev";
  config.server = "https://127.0.0.1:1";  // never dialled: no pod serves, no connection is made
  return config;
}

ForwardRequest to_cluster(std::string context = "dev") {
  ForwardRequest request;
  request.context = std::move(context);
  request.target = {model::ForwardTarget::Kind::Cluster, "flink", "orders"};
  // A port free now, not a fixed one: ctest runs these tests in parallel, and a port another test
  // holds would make a forward move to the next one.
  request.remote_port = test::unused_loopback_port();
  return request;
}

// The reports once every forward's thread has asked who serves (bounded: 5 s).
std::vector<ForwardReport> settled(PortForwards& forwards) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    auto reports = forwards.reports();
    const bool starting = std::any_of(reports.begin(), reports.end(),
                                      [](const ForwardReport& r) { return r.state == ForwardState::Starting; });
    if (!starting || std::chrono::steady_clock::now() > give_up) return reports;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TEST(PortForwards, AForwardListensWhileAskedForAndSaysNoPodServesYet) {
  model::Store store;
  PortForwards forwards(store, dev_only);
  forwards.want({to_cluster()});
  auto reports = settled(forwards);
  ASSERT_EQ(reports.size(), 1u);
  const ForwardReport& r = reports.front();
  EXPECT_EQ(r.state, ForwardState::Waiting);
  EXPECT_EQ(r.reason, "cluster flink/orders is gone");
  ASSERT_NE(r.local_port, 0);
  EXPECT_EQ(r.url, "http://127.0.0.1:" + std::to_string(r.local_port));
  EXPECT_TRUE(test::accepts_connections(r.local_port));

  forwards.want({});
  EXPECT_TRUE(forwards.reports().empty());
  EXPECT_FALSE(test::accepts_connections(r.local_port)) << "a stopped forward still listens";
}

TEST(PortForwards, ARestartGivesUpTheOldListenerAndTakesTheSamePortAgain) {
  model::Store store;
  PortForwards forwards(store, dev_only);
  ForwardRequest request = to_cluster();
  forwards.want({request});
  const std::uint16_t port = forwards.reports().front().local_port;
  ++request.restarts;
  forwards.want({request});
  const auto reports = forwards.reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.front().local_port, port);
  EXPECT_EQ(reports.front().request.restarts, 1);
}

TEST(PortForwards, OneThatCannotStartIsReportedFailedWithTheReason) {
  model::Store store;
  PortForwards forwards(store, dev_only);
  ForwardRequest taken = to_cluster();
  forwards.want({taken});
  const std::uint16_t port = forwards.reports().front().local_port;
  ForwardRequest second = to_cluster();
  second.target.name = "analytics";
  second.local_port = port;  // asked for exactly the port the first one holds
  forwards.want({taken, second, to_cluster("elsewhere")});
  const auto reports = settled(forwards);
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0].state, ForwardState::Waiting);
  EXPECT_EQ(reports[1].state, ForwardState::Failed);
  EXPECT_NE(reports[1].reason.find("local port " + std::to_string(port) + " on 127.0.0.1 is in use"), std::string::npos)
      << reports[1].reason;
  EXPECT_TRUE(reports[1].url.empty());
  EXPECT_EQ(reports[2].state, ForwardState::Failed);
  EXPECT_EQ(reports[2].reason, "context \"elsewhere\" is not one flinktop watches");
}

}  // namespace
}  // namespace flinktop::sync
