// Whole screens from fixed data at 80×24 and 160×48 (tests/tui/snapshots/ui_*), plus one
// 300×100 screen checked for anything cut or misplaced. FLINKTOP_UPDATE_SNAPSHOTS=1 rewrites
// the files; read each one before committing it.
#include <gtest/gtest.h>

#include <sstream>

#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

// The clusters table lists orders first once filtered to it.
constexpr const char* kSelectOrders = "/orders\n";

TEST(UiSnapshot, Clusters) {
  UiScreen s;
  s.expect("ui_clusters");
}

TEST(UiSnapshot, AllPods) {
  UiScreen s;
  s.type(":pods\n");
  s.expect("ui_pods");
}

TEST(UiSnapshot, Jobs) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("\n");
  s.expect("ui_jobs");
}

TEST(UiSnapshot, JobTabs) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("\n\n");
  s.expect("ui_job_vertices");
  s.type("\t");
  s.expect("ui_job_checkpoints");
  s.type("\t");
  s.expect("ui_job_exceptions");
}

// Every source's savepoints of the open job, merged and newest first; the journal is asked for
// only while the tab is open.
TEST(UiSnapshot, JobSavepoints) {
  UiScreen s(false, savepoint_view_data());
  s.type(kSelectOrders);
  s.type("\n\n\t\t");
  EXPECT_FALSE(s.ui().demand().savepoints);
  s.type("\t");
  EXPECT_TRUE(s.ui().demand().savepoints);
  s.expect("ui_job_savepoints");
  const std::string screen = s.text(300, 100);
  EXPECT_EQ(screen.find("other-cluster"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("other-job"), std::string::npos) << screen;
  s.type("\t");
  EXPECT_FALSE(s.ui().demand().savepoints);
}

TEST(UiSnapshot, TaskManagers) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("t");
  s.expect("ui_taskmanagers");
}

TEST(UiSnapshot, Help) {
  UiScreen s;
  s.type("?");
  s.expect("ui_help");
}

TEST(UiSnapshot, CancelConfirmation) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("\nc");
  s.expect("ui_confirm_cancel");
}

TEST(UiSnapshot, DescribeFlinkDeployment) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("d");
  s.expect("ui_describe_orders");
}

TEST(UiSnapshot, DescribePod) {
  UiScreen s;
  s.type(":pods\n/taskmanager-1-2\n");
  s.type("d");
  s.expect("ui_describe_pod");
}

TEST(UiSnapshot, Yaml) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("y");
  s.expect("ui_yaml_orders");
}

TEST(UiSnapshot, YamlSearchMovesToTheMatch) {
  UiScreen s;
  s.type(kSelectOrders);
  s.type("y/savepoint\n");
  const std::string screen = s.text();
  EXPECT_NE(screen.find("</savepoint>"), std::string::npos) << screen;
  EXPECT_NE(screen.find("upgradeMode: savepoint"), std::string::npos) << screen;
  s.type("\x1b");  // clears the search, stays in the view
  EXPECT_EQ(s.ui().top().crumb(), "yaml");
}

// Nothing cut at 300×100: every name and header whole, no ellipsis, borders where they belong.
TEST(UiLargeScreen, NothingCutOrMisplaced) {
  for (const char* keys : {"", "/orders\n\n", "/orders\nd", ":pods\n"}) {
    UiScreen s;
    s.type(keys);
    const Canvas canvas = s.render(300, 100);
    const std::string screen = canvas.to_string();
    SCOPED_TRACE(std::string("after keys \"") + keys + "\":\n" + screen);
    EXPECT_EQ(screen.find("…"), std::string::npos);
    std::istringstream lines(screen);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) ++rows;
    EXPECT_EQ(rows, 100);
    // The view's box spans the full width under the 5-row header and ends above crumbs + status.
    EXPECT_EQ(canvas.at(0, 5).ch, U'┌');
    EXPECT_EQ(canvas.at(299, 5).ch, U'┐');
    EXPECT_EQ(canvas.at(0, 97).ch, U'└');
    EXPECT_EQ(canvas.at(299, 97).ch, U'┘');
    for (int y = 6; y < 97; ++y) {
      EXPECT_EQ(canvas.at(0, y).ch, U'│') << "row " << y;
      EXPECT_EQ(canvas.at(299, y).ch, U'│') << "row " << y;
    }
  }
}

TEST(UiLargeScreen, EveryClusterAndColumnWhole) {
  UiScreen s;
  const std::string screen = s.text(300, 100);
  for (const char* word : {"orders", "analytics", "adhoc", "NAMESPACE", "KIND", "VERSION", "STATE", "JOB", "REST", "AGE",
                           "ERROR", "operator-application", "operator-session", "orders-rest:8081"}) {
    EXPECT_NE(screen.find(word), std::string::npos) << word << "\n" << screen;
  }
}

}  // namespace
}  // namespace flinktop::tui::testing
