// F and :pf as a user drives them: F on a cluster opens the forward dialog (the REST port, the pod
// serving now), Enter twice starts it — a forward the Ui keeps in its Demand whatever view is
// shown —, the list shows every forward's state, ctrl-d stops one (confirmed), r restarts it and
// o opens its URL.
// Screens at 80×24 and 160×48 in tests/tui/snapshots/ui_port_forward*.
#include <gtest/gtest.h>

#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

constexpr const char* kSelectOrders = "/orders\n";

sync::ForwardReport report(sync::ForwardState state, std::uint16_t local, std::string reason) {
  sync::ForwardReport r;
  r.request.context = kContext;
  r.request.target = {model::ForwardTarget::Kind::Cluster, "flink", "orders"};
  r.request.remote_port = 8081;
  r.state = state;
  r.reason = std::move(reason);
  if (state != sync::ForwardState::Failed) {
    r.url = "http://127.0.0.1:" + std::to_string(local);
    r.local_port = local;
  }
  r.started = kWallNow - std::chrono::minutes(12);
  return r;
}

ViewData with_forwards() {
  ViewData data = view_data(true);
  sync::ForwardReport active = report(sync::ForwardState::Active, 8081, "");
  active.serving_pod = "flink/orders-7d9f8b6c5-x2x4p";
  active.status.open_connections = 3;
  active.status.bytes_from_pod = 5'400'000;
  active.status.bytes_to_pod = 42'000;
  sync::ForwardReport waiting = report(sync::ForwardState::Waiting, 8082, "no pod of cluster flink/adhoc's JobManager is Running and Ready (adhoc-5f7b9-m2k is Pending)");
  waiting.request.target.name = "adhoc";
  sync::ForwardReport failed = report(sync::ForwardState::Failed, 0, "port-forward: local port 9000 on 127.0.0.1 is in use; 9001 is free");
  failed.request.target = {model::ForwardTarget::Kind::Pod, "flink", "analytics-taskmanager-1-1"};
  failed.request.local_port = 9000;
  data.forwards = {active, waiting, failed};
  return data;
}

TEST(UiPortForward, FOnAClusterAsksThenKeepsTheForwardInTheDemandWhateverIsShown) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("F");
  ASSERT_TRUE(s.ui().dialog());
  s.expect("ui_port_forward_dialog");
  EXPECT_EQ(s.ui().dialog()->field_value(), "8081");
  s.type("\n\n");  // the field, then the Forward button
  ASSERT_EQ(s.ui().demand().forwards.size(), 1u);
  const sync::ForwardRequest request = s.ui().demand().forwards.front();  // a copy: demand() is a temporary
  EXPECT_EQ(request.context, kContext);
  EXPECT_EQ(request.target, (model::ForwardTarget{model::ForwardTarget::Kind::Cluster, "flink", "orders"}));
  EXPECT_EQ(request.remote_port, 8081);
  EXPECT_EQ(request.local_port, 0);
  EXPECT_EQ(request.address, "127.0.0.1");
  // Another view, the same forward.
  s.type("\n:pods\n");
  EXPECT_EQ(s.ui().demand().forwards.size(), 1u);
  // Asked for again (the clusters view keeps its filter): said, not doubled.
  s.type(":clusters\n");
  s.type("F\n\n");
  EXPECT_EQ(s.ui().demand().forwards.size(), 1u);
  EXPECT_NE(s.text().find("already forwarding kind-prod/cluster flink/orders:8081"), std::string::npos) << s.text();
}

TEST(UiPortForward, TheDialogTakesLocalRemoteAndAnAddressAndRefusesNonsenseInOneLine) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("F");
  s.press(Key::ctrl('u'));
  s.type("9000:8081@0.0.0.0\n\n");
  ASSERT_EQ(s.ui().demand().forwards.size(), 1u);
  EXPECT_EQ(s.ui().demand().forwards.front().local_port, 9000);
  EXPECT_EQ(s.ui().demand().forwards.front().address, "0.0.0.0");

  UiScreen bad;
  bad.type(kSelectOrders);
  bad.type("F");
  bad.press(Key::ctrl('u'));
  bad.type("web\n\n");
  EXPECT_TRUE(bad.ui().demand().forwards.empty());
  EXPECT_NE(bad.text().find("\"web\" is not a port spec"), std::string::npos) << bad.text();
}

// F on orders, accepted as offered; then the Supply's report of it, listening on 8081.
void start_orders_forward(UiScreen& s) {
  s.type(kSelectOrders);
  s.type("F\n\n");
  ASSERT_EQ(s.ui().demand().forwards.size(), 1u);
  ViewData data = view_data(true);
  sync::ForwardReport started = report(sync::ForwardState::Active, 8081, "");
  started.request = s.ui().demand().forwards.front();
  data.forwards = {started};
  s.set_data(data);
}

TEST(UiPortForward, WhereItListensIsToldOnceWhenItStarts) {
  UiScreen s;
  start_orders_forward(s);
  EXPECT_NE(s.text().find("http://127.0.0.1:8081 → cluster flink/orders port 8081"), std::string::npos) << s.text();
}

TEST(UiPortForward, TheListShowsEachForwardsStateAndWhy) {
  UiScreen s(false, with_forwards());
  s.type(":pf\n");
  s.expect("ui_port_forwards");
  const std::string wide = s.text(300, 100);
  EXPECT_NE(wide.find("is Pending"), std::string::npos) << wide;
  EXPECT_NE(wide.find("9001 is free"), std::string::npos) << wide;
  // Y copies the selected forward's URL; o opens it.
  s.type("Y");
  ASSERT_EQ(s.copied.size(), 1u);
  EXPECT_EQ(s.copied.front(), "http://127.0.0.1:8081");
  s.type("o");
  ASSERT_EQ(s.opened, std::vector<std::string>{"http://127.0.0.1:8081"});
  EXPECT_EQ(s.flash(), "opened http://127.0.0.1:8081 with firefox");
  // A forward that does not listen has nothing to open: said, nothing run.
  s.type("jj");
  s.type("o");
  EXPECT_EQ(s.opened.size(), 1u);
  EXPECT_EQ(s.flash(), "this port-forward does not listen: nothing to open (r restarts it)");
}

TEST(UiPortForward, CtrlDStopsAForwardOnceConfirmedAndRRestartsIt) {
  UiScreen s;
  start_orders_forward(s);
  s.type(":pf\n");
  s.type("r");
  EXPECT_EQ(s.ui().demand().forwards.front().restarts, 1);
  s.press(Key::ctrl('d'));
  ASSERT_TRUE(s.ui().dialog());
  s.type("n");  // No: nothing stops
  EXPECT_EQ(s.ui().demand().forwards.size(), 1u);
  s.press(Key::ctrl('d'));
  s.type("y");
  EXPECT_TRUE(s.ui().demand().forwards.empty());
}

// The fixture, where the pod adhoc-6f5e4d3c2-qwert (the pods view's first row) declares its
// container ports: two of Flink's, one over UDP (which no port-forward carries) and the REST port.
ViewData with_declared_ports() {
  ViewData data = view_data(true);
  auto snapshot = std::make_shared<model::ContextSnapshot>(*data.contexts.front());
  json adhoc = pod("adhoc", "adhoc-6f5e4d3c2-qwert", "uid-p5", native_labels("adhoc", "jobmanager"), 1);
  adhoc["spec"]["containers"][0]["ports"] = json::array({{{"name", "rpc"}, {"containerPort", 6123}},
                                                         {{"name", "blob"}, {"containerPort", 6124}},
                                                         {{"name", "dns"}, {"containerPort", 53}, {"protocol", "UDP"}},
                                                         {{"name", "rest"}, {"containerPort", 8081}}});
  auto pods = std::make_shared<model::ObjectMap<kube::Pod>>(*snapshot->pods);
  (*pods)["uid-p5"] = std::make_shared<const kube::Pod>(kube::Pod::from_json(adhoc));
  snapshot->pods = pods;
  data.contexts = {snapshot};
  return data;
}

std::string body_of(UiScreen& s) {
  std::string body;
  for (const std::string& line : s.ui().dialog()->content().body) body += line + "\n";
  return body;
}

TEST(UiPortForward, FOnAPodForwardsToThatPodOfferingItsDeclaredPorts) {
  UiScreen s(false, with_declared_ports());
  s.type(":pods\n");
  s.type("F");
  ASSERT_TRUE(s.ui().dialog());
  EXPECT_EQ(s.ui().dialog()->content().target, "pod adhoc/adhoc-6f5e4d3c2-qwert in kind-prod");  // the first row
  EXPECT_NE(body_of(s).find("Its containers declare: 6123 rpc, 6124 blob, 8081 rest."), std::string::npos) << body_of(s);
  EXPECT_EQ(s.ui().dialog()->field_value(), "8081");  // the REST port by its name
  s.press(Key::ctrl('u'));
  s.type("6123\n\n");
  ASSERT_EQ(s.ui().demand().forwards.size(), 1u);
  EXPECT_EQ(s.ui().demand().forwards.front().remote_port, 6123);
  EXPECT_EQ(s.ui().demand().forwards.front().target,
            (model::ForwardTarget{model::ForwardTarget::Kind::Pod, "adhoc", "adhoc-6f5e4d3c2-qwert"}));

  UiScreen undeclared;  // the fixture's pods declare none
  undeclared.type(":pods\nF");
  ASSERT_TRUE(undeclared.ui().dialog());
  EXPECT_NE(body_of(undeclared).find("declares no container ports (8081 is Flink's REST port)"), std::string::npos)
      << body_of(undeclared);
  EXPECT_EQ(undeclared.ui().dialog()->field_value(), "8081");
}

// The clusters view says which cluster's REST API is reached through a port-forward (the service
// proxy could not reach it); the others' REST cell is their Service as before.
TEST(UiPortForward, TheClustersViewSaysWhichClusterIsReachedThroughAPortForward) {
  ViewData data = view_data(true);
  for (const auto& cluster : data.cluster_list()) {
    if (cluster->name == "orders") {
      data.rest_routes[cluster->id] = {"port-forward flink/orders:8081 (context kind-prod; the service proxy cannot reach it)", true};
    } else if (cluster->name == "analytics") {
      data.rest_routes[cluster->id] = {"service proxy flink/analytics-rest:8081 (context kind-prod)", false};
    }
  }
  UiScreen s(false, data);
  const std::string wide = s.text(200, 30);
  EXPECT_NE(wide.find("orders-rest:8081 via port-forward"), std::string::npos) << wide;
  EXPECT_NE(wide.find("analytics-rest:8081 "), std::string::npos) << wide;
  EXPECT_EQ(wide.find("analytics-rest:8081 via"), std::string::npos) << wide;
}

}  // namespace
}  // namespace flinktop::tui::testing
