// The one cluster of --flink-url in the Ui: its row says what only its JobManager knows (version,
// running jobs, TaskManagers and free slots), the clusters view asks for that JobManager's data,
// and on a Flink before 1.15 the savepoint and stop dialogs say a retry is not safe there.
#include <gtest/gtest.h>

#include "core/actions/cluster_endpoint.hpp"
#include "ui_screen.hpp"
#include "unit/flink/flink_test_data.hpp"

namespace flinktop::tui::testing {
namespace {

constexpr const char* kUrl = "http://127.0.0.1:8081";

// As the App sets them for --flink-url: the header names the URL, the clusters view polls it.
UiSettings url_settings() {
  UiSettings s = settings();
  s.flink_url = kUrl;
  s.context = "--flink-url 127.0.0.1:8081";
  return s;
}

ViewData rest_only_data(bool polled) {
  ViewData data;
  auto clusters = std::make_shared<model::ClusterList>();
  clusters->push_back(std::make_shared<const model::Cluster>(actions::flink_url_cluster(kUrl)));
  data.clusters = clusters;
  data.now = kWallNow;
  if (!polled) return data;
  auto f = std::make_shared<model::FlinkClusterSnapshot>();
  f->cluster_id = kUrl;
  f->endpoint = kUrl;
  f->flink_version = "1.13.6";
  json overview = flink::testdata::captured("1.13.6", "overview");
  overview["jobs-running"] = 1;
  overview["slots-available"] = 2;
  f->overview = flink::decode_overview(overview);
  f->jobs = flink::decode_jobs_overview(flink::testdata::captured("1.13.6", "jobs_overview"));
  f->updated = kWallNow;
  data.flink = f;
  return data;
}

TEST(UiFlinkUrl, TheClusterRowSaysWhatItsJobManagerSaid) {
  UiScreen s(url_settings(), rest_only_data(false));
  EXPECT_EQ(s.ui().demand().flink_cluster, kUrl);  // polled while the list is shown
  std::string screen = s.text();
  EXPECT_NE(screen.find("127.0.0.1:8081"), std::string::npos) << screen;
  EXPECT_NE(screen.find("Unknown"), std::string::npos) << screen;

  s.set_data(rest_only_data(true));
  screen = s.text();
  EXPECT_NE(screen.find("1.13.6"), std::string::npos) << screen;
  EXPECT_NE(screen.find("Ready"), std::string::npos) << screen;
  EXPECT_NE(screen.find("1 running"), std::string::npos) << screen;
  EXPECT_NE(screen.find("1 (2/4 slots free)"), std::string::npos) << screen;

  auto unreachable = std::make_shared<model::FlinkClusterSnapshot>(*rest_only_data(true).flink);
  unreachable->error = "read the cluster overview failed: cannot connect to http://127.0.0.1:8081";
  ViewData data = rest_only_data(true);
  data.flink = unreachable;
  s.set_data(data);
  EXPECT_NE(s.text().find("Unreachable"), std::string::npos) << s.text();
}

TEST(UiFlinkUrl, KubernetesClustersAloneAreNotPolledFromTheList) {
  UiScreen s;  // the clusters of a kubeconfig: none is known only by its URL
  EXPECT_EQ(s.ui().demand().flink_cluster, "");
}

TEST(UiFlinkUrl, SavepointAndStopOnFlink113SayARetryIsNotSafe) {
  UiScreen s(url_settings(), rest_only_data(true));
  s.type("\n");  // the cluster's jobs
  s.type("s");
  ASSERT_TRUE(s.ui().dialog());
  std::string body;
  for (const std::string& line : s.ui().dialog()->content().body) body += line + "\n";
  EXPECT_NE(body.find("Flink 1.13.6 takes no trigger id: if the answer is lost, asking again may take a second "
                      "savepoint."),
            std::string::npos)
      << body;
  s.type("\x1b");
  s.type("S");
  ASSERT_TRUE(s.ui().dialog());
  body.clear();
  for (const std::string& line : s.ui().dialog()->content().body) body += line + "\n";
  EXPECT_NE(body.find("takes no trigger id"), std::string::npos) << body;
}

TEST(UiFlinkUrl, ANewerFlinkGetsNoSuchWarning) {
  ViewData data = rest_only_data(true);
  auto newer = std::make_shared<model::FlinkClusterSnapshot>(*data.flink);
  newer->flink_version = "1.20.5";
  data.flink = newer;
  UiScreen s(url_settings(), data);
  s.type("\ns");
  ASSERT_TRUE(s.ui().dialog());
  for (const std::string& line : s.ui().dialog()->content().body) {
    EXPECT_EQ(line.find("trigger id"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace flinktop::tui::testing
