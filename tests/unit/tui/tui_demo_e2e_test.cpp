// The job view end to end on the built-in demo: the real binary in tmux opens the operator
// application's job and shows its graph (a fan-in of two sources, boxes, ship strategies) and its
// sparklines; Y puts the selected vertex's id on the clipboard through OSC 52 (tmux, with
// set-clipboard on, keeps it as a paste buffer); the savepoint dialog is pre-filled from the
// FlinkDeployment and says so.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "support/tmux_session.hpp"

namespace flinktop {
namespace {

using test::TmuxSession;
using namespace std::chrono_literals;

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
  tmux.type("q");
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (tmux.format("#{pane_dead}") != "1" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(tmux.format("#{pane_dead}"), "1") << "flinktop quits";
}

}  // namespace
}  // namespace flinktop
