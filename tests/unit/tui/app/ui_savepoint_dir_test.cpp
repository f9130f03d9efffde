// The savepoint dialogs pre-fill the cluster's savepoint directory and say where it came from;
// confirming it unchanged asks for the cluster's default (no directory sent), a typed one is
// sent as typed; without a configured directory the dialog says Flink's own default applies.
// And the header of a --flink-url session: the URL and host:port, no context or namespace.
#include <gtest/gtest.h>

#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

using K = Key::Kind;

ViewData with_savepoint_dir() {
  ViewData data = view_data(true);
  auto snapshot = std::make_shared<model::ContextSnapshot>(*data.contexts.front());
  json orders = flink_deployment("flink", "orders", "uid-orders", true);
  orders["spec"]["flinkConfiguration"] = {{"state.savepoints.dir", "s3://savepoints/orders"}, {"parallelism.default", 2}};
  snapshot->flink_deployments =
      objects<kube::FlinkDeployment>({orders, flink_deployment("flink", "analytics", "uid-analytics", false)});
  data.contexts = {snapshot};
  return data;
}

std::string body_of(const Dialog& d) {
  std::string body;
  for (const std::string& line : d.content().body) body += line + "\n";
  return body;
}

TEST(UiSavepointDir, PrefilledFromTheFlinkDeployment) {
  UiScreen s(false, with_savepoint_dir());
  s.type("/orders\n\ns");
  ASSERT_TRUE(s.ui().dialog());
  const Dialog& d = *s.ui().dialog();
  EXPECT_EQ(d.field_value(), "s3://savepoints/orders");
  EXPECT_NE(body_of(d).find("Default directory from FlinkDeployment flink/orders, spec.flinkConfiguration "
                            "state.savepoints.dir. Empty: Flink's own default."),
            std::string::npos)
      << body_of(d);
  s.expect("ui_savepoint_prefilled");
  s.press(Key::named(K::Enter));  // to the buttons
  s.type("y");
  ASSERT_EQ(s.ran.size(), 1u);
  EXPECT_EQ(s.ran[0].directory, "") << "unchanged: the cluster's default, which it takes when given none";
}

TEST(UiSavepointDir, ATypedDirectoryIsSentAsTyped) {
  UiScreen s(false, with_savepoint_dir());
  s.type("/orders\n\ns");
  for (char c : std::string_view("-manual")) s.press(Key::character(static_cast<unsigned char>(c)));
  s.press(Key::named(K::Enter));
  s.type("y");
  ASSERT_EQ(s.ran.size(), 1u);
  EXPECT_EQ(s.ran[0].directory, "s3://savepoints/orders-manual");
}

TEST(UiSavepointDir, NoneConfiguredSaysFlinksDefaultApplies) {
  UiScreen s;
  s.type("/orders\n\ns");
  ASSERT_TRUE(s.ui().dialog());
  EXPECT_EQ(s.ui().dialog()->field_value(), "");
  EXPECT_NE(body_of(*s.ui().dialog()).find("Flink uses its own default"), std::string::npos);
}

TEST(UiSavepointDir, StopOfARestJobTakesTheJobManagersConfiguration) {
  // analytics is an operator session cluster; its job here was submitted to it directly (REST).
  ViewData data = view_data(true);
  auto flink = std::make_shared<model::FlinkClusterSnapshot>(*data.flink);
  flink->cluster_id = std::string(kContext) + "/flink/analytics";
  flink->jobmanager_config = std::make_shared<const model::FlinkConfiguration>(
      model::FlinkConfiguration{{"execution.checkpointing.savepoint-dir", "s3://analytics/sp"}});
  data.flink = flink;
  UiScreen s(false, data);
  s.type("/analytics\n\nS");
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  EXPECT_EQ(s.ui().dialog()->field_value(), "s3://analytics/sp");
  EXPECT_NE(body_of(*s.ui().dialog()).find("the JobManager's configuration, execution.checkpointing.savepoint-dir"),
            std::string::npos);
}

TEST(UiFlinkUrlHeader, NamesTheUrlAndHostPort) {
  UiSettings settings = testing::settings();
  settings.flink_url = "http://127.0.0.1:8081";
  settings.context = "--flink-url 127.0.0.1:8081";
  ViewData data = view_data(false);
  model::Cluster cluster;
  cluster.id = "http://127.0.0.1:8081";
  cluster.name = "127.0.0.1:8081";
  cluster.kind = model::ClusterKind::Standalone;
  data.clusters = std::make_shared<const model::ClusterList>(model::ClusterList{std::make_shared<const model::Cluster>(cluster)});
  data.flink.reset();
  UiScreen s(settings, data);
  s.type("\n");  // its jobs
  const std::string screen = s.text(160, 48);
  EXPECT_NE(screen.find(" URL:      http://127.0.0.1:8081"), std::string::npos) << screen;
  EXPECT_NE(screen.find(" Cluster:  127.0.0.1:8081 "), std::string::npos) << screen;
  EXPECT_EQ(screen.find("Namespace:"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("Context:"), std::string::npos) << screen;
  EXPECT_EQ(screen.find(" /127.0.0.1"), std::string::npos) << screen;
}

}  // namespace
}  // namespace flinktop::tui::testing
