// `l` from each view opens the logs of what is selected (a cluster, a pod, a TaskManager, a job)
// and asks the App for them; the log view shows what the App's tail delivers, its own keys win
// over the global ones (t is timestamps, c clears — never a cancel), `/` filters its lines, Y
// copies the cursor line, ctrl-s saves to a file and says where.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tui/views/logs_view.hpp"
#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

// What the App would hand over: a tail following nothing, whose buffer the test fills.
std::shared_ptr<const LogFeed> feed_for(const LogRequest& request) {
  auto feed = std::make_shared<LogFeed>();
  feed->request = request;
  feed->tail = std::make_shared<logs::LogTail>(nullptr);
  feed->description = "the JobManager and TaskManagers of flink/orders: orders-taskmanager-1-1";
  return feed;
}

void push(const LogFeed& feed, const std::string& label, std::uint32_t index, std::vector<std::string> texts) {
  auto origin = std::make_shared<logs::LogOrigin>();
  origin->label = label;
  origin->index = index;
  for (const std::string& text : texts) {
    auto line = std::make_shared<logs::LogLine>();
    line->origin = origin;
    line->text = text;
    line->level = text.rfind("ERROR", 0) == 0 ? logs::LogLevel::Error : logs::LogLevel::Info;
    feed.tail->buffer().push(std::move(line));
  }
}

class UiLogs : public ::testing::Test {
 protected:
  // Opens the log view from `keys` and hands it a feed with a few lines from two pods.
  LogRequest open(const std::string& keys) {
    s.type(keys);
    const std::optional<LogRequest> request = s.ui().demand().logs;
    EXPECT_TRUE(request) << "no log view opened by " << keys << "\n" << s.text();
    if (!request) return {};
    feed = feed_for(*request);
    push(*feed, "orders-taskmanager-1-1", 0, {"INFO Starting TaskManager", "INFO Received task Source: Kafka (1/2)"});
    push(*feed, "orders-5d8f7c9b4-x2x7q", 1, {"ERROR Checkpoint 12 expired before completing."});
    push(*feed, "orders-taskmanager-1-1", 0, {"INFO Window aggregate (1/2) switched to RUNNING"});
    ViewData data = view_data(true);
    data.logs = feed;
    s.set_data(data);
    return *request;
  }

  // The save runs on a worker: frames go on until its outcome is on the status line (bounded).
  bool saved_message() {
    for (int i = 0; i < 500; ++i) {
      ViewData data = view_data(true);
      data.logs = feed;
      s.set_data(data);
      if (s.flash().rfind("saving", 0) != 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  UiScreen s;
  std::shared_ptr<const LogFeed> feed;
};

TEST_F(UiLogs, OfTheSelectedClusterMergedWithTheirSources) {
  const LogRequest& request = open("/orders\nl");
  EXPECT_EQ(request.scope, LogRequest::Scope::Cluster);
  EXPECT_FALSE(request.cluster_id.empty());
  s.expect("logs_cluster");
  const std::string screen = s.text();
  EXPECT_NE(screen.find("Logs(orders)[4]"), std::string::npos) << screen;
  EXPECT_NE(screen.find("orders-5d8f7c9b4-x2x7q ERROR Checkpoint 12 expired"), std::string::npos) << screen;
  EXPECT_NE(screen.find("following"), std::string::npos) << screen;
}

TEST_F(UiLogs, OfAPodATaskManagerAndAJob) {
  EXPECT_EQ(open(":pods\n/orders-taskmanager-1-1\nl").pod, "orders-taskmanager-1-1");
  EXPECT_EQ(s.ui().top().demand().logs->scope, LogRequest::Scope::Pod);

  UiScreen jobs;
  jobs.type("/orders\n\nl");
  const std::optional<LogRequest> job = jobs.ui().top().demand().logs;
  ASSERT_TRUE(job) << jobs.text();
  EXPECT_EQ(job->scope, LogRequest::Scope::Job);
  EXPECT_EQ(job->job_id, kJobId);
  EXPECT_EQ(job->job_name, "orders-enrichment");
}

TEST_F(UiLogs, ItsKeysWinOverTheGlobalOnesAndNeverStartAnAction) {
  open("/orders\nl");
  s.type("t");  // timestamps, not the TaskManagers view
  EXPECT_EQ(s.ui().top().title(), "Logs(orders)");
  EXPECT_TRUE(s.ui().top().log_view()->timestamps());
  s.type("c");  // clears, never a cancel dialog
  EXPECT_FALSE(s.ui().dialog().has_value());
  EXPECT_TRUE(s.ran.empty());
  EXPECT_EQ(s.ui().top().log_view()->size(), 0u);
  EXPECT_EQ(s.flash(), "log view cleared; new lines keep coming");
}

TEST_F(UiLogs, SlashFiltersTheLinesAndEscClearsItBeforeLeaving) {
  open("/orders\nl");
  s.type("/ERROR|Window\n");
  EXPECT_EQ(s.ui().top().log_view()->shown(), 2u);
  EXPECT_NE(s.text().find("Logs(orders)[2/4]</ERROR|Window/>"), std::string::npos) << s.text();
  s.type("/x(\n");
  EXPECT_NE(s.flash().find("invalid regex"), std::string::npos) << s.flash();
  s.type("\x1b");
  EXPECT_EQ(s.ui().top().log_view()->shown(), 4u);
  EXPECT_EQ(s.ui().top().title(), "Logs(orders)");
  s.type("\x1b");
  EXPECT_FALSE(s.ui().demand().logs) << "Esc left the log view";
}

TEST_F(UiLogs, CopiesTheCursorLineAndSavesToAFile) {
  open("/orders\nl");
  s.type("kkY");
  ASSERT_EQ(s.copied.size(), 1u);
  EXPECT_EQ(s.copied[0], "orders-taskmanager-1-1 INFO Received task Source: Kafka (1/2)");

  const auto dir = std::filesystem::temp_directory_path() / ("flinktop-ui-logs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  static_cast<LogsView&>(s.ui().top()).set_save_directory(dir);
  s.press(Key::ctrl('s'));
  EXPECT_EQ(s.flash().rfind("saving 4 lines to " + dir.string() + "/flinktop-orders-", 0), 0u) << s.flash();
  ASSERT_TRUE(saved_message()) << s.flash();
  EXPECT_EQ(s.flash().rfind("saved 4 lines to " + dir.string() + "/flinktop-orders-", 0), 0u) << s.flash();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("ERROR Checkpoint 12 expired before completing.\n"), std::string::npos) << text.str();
  }
  EXPECT_EQ(files, 1u);

  static_cast<LogsView&>(s.ui().top()).set_save_directory(dir / "missing" / "dir");
  s.press(Key::ctrl('s'));
  ASSERT_TRUE(saved_message()) << s.flash();
  EXPECT_NE(s.flash().find("missing"), std::string::npos) << "a save that fails says why: " << s.flash();
  EXPECT_EQ(s.flash().rfind("saving", 0), std::string::npos) << s.flash();
  std::filesystem::remove_all(dir);
}

TEST_F(UiLogs, NothingToShowFromTheJobsList) {
  UiScreen empty(false, view_data(false));
  empty.type("/nothing-matches\nl");
  EXPECT_FALSE(empty.ui().demand().logs);
  EXPECT_EQ(empty.flash(), "select a cluster, pod, TaskManager or job to see its logs");
}

}  // namespace
}  // namespace flinktop::tui::testing
