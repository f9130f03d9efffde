// The job view end to end on the built-in demo: the real binary in tmux opens the operator
// application's job and shows its graph (a fan-in of two sources, boxes, ship strategies) and its
// sparklines; Y puts the selected vertex's id on the clipboard through OSC 52 (tmux, with
// set-clipboard on, keeps it as a paste buffer); the savepoint dialog is pre-filled from the
// FlinkDeployment and says so.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>

#include "support/run_command.hpp"
#include "support/tmux_session.hpp"

namespace flinktop {
namespace {

using test::TmuxSession;
using namespace std::chrono_literals;

void expect_quit(TmuxSession& tmux) {
  tmux.type("q");
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (tmux.format("#{pane_dead}") != "1" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(tmux.format("#{pane_dead}"), "1") << "flinktop quits";
}

TEST(TuiDemoEndToEnd, JobGraphSparklinesCopyAndSavepointDirectory) {
  TmuxSession tmux(std::string(FLINKTOP_BINARY) + " --demo", 160, 48);
  tmux.server_option("set-clipboard", "on");
  ASSERT_TRUE(tmux.wait_for("orders-app", 20s)) << tmux.screen();
  tmux.type("/orders-app");
  tmux.keys({"Enter"});
  tmux.keys({"Enter"});  // its jobs
  ASSERT_TRUE(tmux.wait_for("orders-enrichment", 10s)) << tmux.screen();
  tmux.keys({"Enter"});  // the job
  for (const char* text : {"Source: JDBC customers", "Join customers", "FORWARD", "HASH", "busy ", "in ", "checkpoint "}) {
    EXPECT_TRUE(tmux.wait_for(text, 15s)) << text << "\n" << tmux.screen();
  }
  // A second poll gives the first rate: "in 12.3k/s" rather than "in –".
  EXPECT_TRUE(tmux.wait_for("k/s", 15s)) << tmux.screen();

  tmux.keys({"j"});
  tmux.type("Y");
  ASSERT_TRUE(tmux.wait_for("sent to the terminal's clipboard", 5s)) << tmux.screen();
  const std::string copied = tmux.paste_buffer();
  EXPECT_EQ(copied.size(), 32u) << copied;  // a vertex id
  EXPECT_NE(tmux.screen().find("vertex id " + copied), std::string::npos) << tmux.screen();

  tmux.keys({"s"});
  EXPECT_TRUE(tmux.wait_for("Default directory from FlinkDeployment flink-demo/orders-app", 5s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("Directory: s3://flink-demo/savepoints/flink-demo/orders-app", 5s)) << tmux.screen();
  tmux.keys({"Escape"});
  expect_quit(tmux);
}

TEST(TuiDemoEndToEnd, LogViewOfAClusterAndItsKeys) {
  const auto dir = std::filesystem::temp_directory_path() / ("flinktop-e2e-logs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  TmuxSession tmux("cd " + dir.string() + " && " + std::string(FLINKTOP_BINARY) + " --demo", 160, 48);
  ASSERT_TRUE(tmux.wait_for("orders-app", 20s)) << tmux.screen();
  tmux.type("/orders-app");
  tmux.keys({"Enter"});
  tmux.type("l");
  ASSERT_TRUE(tmux.wait_for("Logs(orders-app)", 10s)) << tmux.screen();
  // Merged: a JobManager line and a TaskManager line, each after its pod's name.
  EXPECT_TRUE(tmux.wait_for("orders-app-taskmanager-1-1 ", 15s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("CheckpointCoordinator", 15s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("following", 5s)) << tmux.screen();

  tmux.type("/");
  tmux.type("WARN");
  tmux.keys({"Enter"});
  ASSERT_TRUE(tmux.wait_for("</WARN/>", 5s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("INFO ", 2s, /*present=*/false)) << "the filter hides INFO lines\n" << tmux.screen();

  tmux.type("t");  // timestamps: the log view's key, not the TaskManagers view
  EXPECT_TRUE(tmux.wait_for("· time", 5s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("Z 20", 5s)) << "an RFC 3339 time before each line\n" << tmux.screen();
  tmux.type("f");
  EXPECT_TRUE(tmux.wait_for("paused", 5s)) << tmux.screen();
  tmux.type("wz");
  EXPECT_TRUE(tmux.wait_for("· wrap · time · folded", 5s)) << tmux.screen();

  tmux.keys({"C-s"});
  ASSERT_TRUE(tmux.wait_for("saved ", 10s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("filtered lines to " + dir.string(), 1s)) << tmux.screen();
  std::size_t saved = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) saved += entry.path().extension() == ".log";
  EXPECT_EQ(saved, 1u);

  tmux.resize(80, 24);
  EXPECT_TRUE(tmux.wait_for("Logs(orders-app)", 5s)) << tmux.screen();
  tmux.keys({"Escape"});  // clears the filter
  EXPECT_TRUE(tmux.wait_for("</WARN/>", 5s, /*present=*/false)) << tmux.screen();
  tmux.keys({"Escape"});  // leaves the log view
  EXPECT_TRUE(tmux.wait_for("Clusters", 5s)) << tmux.screen();
  expect_quit(tmux);
  std::filesystem::remove_all(dir);
}

// e: the user's $EDITOR (sed here) changes the FlinkDeployment; the dialog says what changes,
// y sends it, and the UI is back. ctrl-d on a TaskManager pod: the dialog names it, y deletes it.
TEST(TuiDemoEndToEnd, EditThroughTheEditorAndDeleteAPod) {
  const std::string editor = "sed -i 's/checkpointing.interval: 5s/checkpointing.interval: 10s/'";
  test::TempDir state;  // the journal of what was changed
  TmuxSession tmux("XDG_STATE_HOME=" + state.path() + " EDITOR=\"" + editor + "\" " + std::string(FLINKTOP_BINARY) +
                       " --demo",
                   160, 48);
  ASSERT_TRUE(tmux.wait_for("orders-app", 20s)) << tmux.screen();
  tmux.type("/orders-app");
  tmux.keys({"Enter"});
  tmux.type("e");
  ASSERT_TRUE(tmux.wait_for("Apply the edit of FlinkDeployment", 10s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("FlinkDeployment flink-demo/orders-app (context flinktop-demo)", 1s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("spec.flinkConfiguration.execution.checkpointing.interval: \"5s\" → \"10s\"", 1s))
      << tmux.screen();
  tmux.type("y");
  ASSERT_TRUE(tmux.wait_for("updated FlinkDeployment flink-demo/orders-app", 10s)) << tmux.screen();
  tmux.type("y");  // its YAML, as the API server now has it
  EXPECT_TRUE(tmux.wait_for("execution.checkpointing.interval: 10s", 10s)) << tmux.screen();
  tmux.keys({"Escape"});

  tmux.type("t");  // each TaskManager's load, asked of it while this view is open
  ASSERT_TRUE(tmux.wait_for("LOAD", 10s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for_line(std::regex(R"(orders-app-taskmanager-1-1 .* \d+% +[\d.]+/[\d.]+ [MG]iB .* \d+ · \d)"), 10s))
      << tmux.screen();
  tmux.keys({"Escape"});
  tmux.type("p");
  ASSERT_TRUE(tmux.wait_for("orders-app-taskmanager-1-2", 10s)) << tmux.screen();
  // CPU and memory in use: the demo serves the metrics API as metrics-server would.
  EXPECT_TRUE(tmux.wait_for_line(std::regex(R"(orders-app-taskmanager-1-2 .* \d+m +\d+\.\d [MG]iB)"), 20s))
      << tmux.screen();
  tmux.type("/taskmanager-1-2");
  tmux.keys({"Enter"});
  tmux.keys({"C-d"});
  ASSERT_TRUE(tmux.wait_for("Delete Pod", 5s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("Pod flink-demo/orders-app-taskmanager-1-2 (context flinktop-demo)", 1s)) << tmux.screen();
  tmux.type("y");
  EXPECT_TRUE(tmux.wait_for("deleted Pod flink-demo/orders-app-taskmanager-1-2", 10s)) << tmux.screen();
  expect_quit(tmux);
  std::ifstream journal(state.path() + "/flinktop/actions.log");
  std::string lines((std::istreambuf_iterator<char>(journal)), std::istreambuf_iterator<char>());
  EXPECT_NE(lines.find("\"action\":\"edit\""), std::string::npos) << lines;
  EXPECT_NE(lines.find("\"action\":\"delete\""), std::string::npos) << lines;
}


// n → a template → $EDITOR → the dry-run dialog → created; then P (rescale) and r (restore, through
// the savepoint picker) on the operator application's job, each through its dialog.
TEST(TuiDemoEndToEnd, NewFromATemplateThenRescaleAndRestoreFromThePicker) {
  const std::string editor = "sed -i 's/name: my-application/name: fraud-scoring/'";
  test::TempDir state, config;  // the journal; no user templates
  TmuxSession tmux("XDG_CONFIG_HOME=" + config.path() + " XDG_STATE_HOME=" + state.path() + " EDITOR=\"" + editor +
                       "\" " + std::string(FLINKTOP_BINARY) + " --demo",
                   160, 48);
  ASSERT_TRUE(tmux.wait_for("orders-app", 20s)) << tmux.screen();
  tmux.type("/orders-app");
  tmux.keys({"Enter"});
  tmux.type("n");
  ASSERT_TRUE(tmux.wait_for("Templates(flinktop-demo/flink-demo)", 5s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("ConfigMap, Service ×2, Deployment ×2", 1s)) << tmux.screen();
  tmux.type("/^operator-application");
  tmux.keys({"Enter"});
  tmux.keys({"Enter"});
  ASSERT_TRUE(tmux.wait_for("Create FlinkDeployment", 10s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("FlinkDeployment flink-demo/fraud-scoring", 1s)) << tmux.screen();
  tmux.type("y");
  ASSERT_TRUE(tmux.wait_for("created FlinkDeployment flink-demo/fraud-scoring", 10s)) << tmux.screen();

  tmux.keys({"Escape"});  // the clusters view's filter
  tmux.type("/orders-app");
  tmux.keys({"Enter"});
  tmux.keys({"Enter"});  // its jobs
  ASSERT_TRUE(tmux.wait_for("orders-enrichment", 10s)) << tmux.screen();
  tmux.keys({"Enter"});  // the job
  ASSERT_TRUE(tmux.wait_for("Source: JDBC customers", 15s)) << tmux.screen();
  tmux.type("P");
  ASSERT_TRUE(tmux.wait_for("Rescale job", 5s)) << tmux.screen();
  EXPECT_TRUE(tmux.wait_for("Sets spec.job.parallelism to the number below", 1s)) << tmux.screen();
  for (int i = 0; i < 4; ++i) tmux.keys({"BSpace"});
  tmux.type("6");
  tmux.keys({"Enter"});
  tmux.type("y");
  ASSERT_TRUE(tmux.wait_for_line(std::regex(R"(orders-enrichment: parallelism \d+ → 6)"), 10s)) << tmux.screen();

  tmux.type("s");  // a savepoint to restore from (the demo's operator writes it)
  ASSERT_TRUE(tmux.wait_for("Trigger savepoint", 5s)) << tmux.screen();
  tmux.keys({"Enter"});  // the directory as pre-filled, to the buttons
  tmux.type("y");
  ASSERT_TRUE(tmux.wait_for("savepoint of orders-enrichment written to", 30s)) << tmux.screen();
  tmux.type("r");  // the picker: the savepoints tab
  ASSERT_TRUE(tmux.wait_for("pick the savepoint to restore from", 5s)) << tmux.screen();
  ASSERT_TRUE(tmux.wait_for("s3://", 15s)) << tmux.screen();
  tmux.type("r");
  ASSERT_TRUE(tmux.wait_for("Restore from savepoint", 5s)) << tmux.screen();
  tmux.type("y");
  EXPECT_TRUE(tmux.wait_for("orders-enrichment: redeploying from s3://", 10s)) << tmux.screen();
  expect_quit(tmux);
  std::ifstream journal(state.path() + "/flinktop/actions.log");
  std::string lines((std::istreambuf_iterator<char>(journal)), std::istreambuf_iterator<char>());
  for (const char* action : {"create", "scale", "restore"}) {
    EXPECT_NE(lines.find(std::string("\"action\":\"") + action + "\",\"result\":\"succeeded\""), std::string::npos)
        << action << "\n" << lines;
  }
}

}  // namespace
}  // namespace flinktop
