// The terminal UI on a REAL Flink per version (--flink-url, no Kubernetes), driven in tmux as a
// user would: the clusters view says the cluster's version, running jobs and slots; a job is
// filtered by its id, savepointed and stopped with a savepoint from the keyboard, and both
// savepoints land on disk. On Flink before 1.15 the dialog says a retry is not safe there.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "integration/real_flink.hpp"
#include "support/run_command.hpp"
#include "support/tmux_session.hpp"

namespace flinktop::it {
namespace {

using namespace std::chrono_literals;

class TuiAgainstFlink : public ::testing::TestWithParam<std::string> {};

TEST_P(TuiAgainstFlink, SavepointAndStopFromTheKeyboard) {
  const std::string version = GetParam();
  const std::string name = instance_name(version);
  const std::string url = flink_sh({"url", "--name", name});
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0u) << "no Flink " << version << " instance (ctest starts it)";
  const std::string savepoints = flink_sh({"dir", "--name", name}) + "/savepoints";
  test::TempDir home;

  // A job of our own: other tests run theirs on the same cluster at the same time.
  std::string job_id;
  if (has_example_jar(version)) {
    const test::CommandResult submitted = test::run_command(
        {FLINKTOP_BINARY, "--flink-url", url, "submit", flink_sh({"jar", version}), "-o", "json"},
        {"XDG_STATE_HOME=" + home.path(), "KUBECONFIG=/nonexistent"});
    ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
    job_id = nlohmann::json::parse(submitted.out).value("job", "");
  } else {
    job_id = submit_sql_job(name);
  }
  ASSERT_EQ(job_id.size(), 32u) << job_id;

  // A savepoint needs every task running; the job is RUNNING a moment before they are.
  ASSERT_TRUE(eventually<bool>("all tasks of the job running", seconds(120), [&]() -> std::optional<bool> {
    const test::CommandResult jobs = test::run_command({FLINKTOP_BINARY, "--flink-url", url, "get", "jobs", "-o", "json"},
                                                       {"KUBECONFIG=/nonexistent"});
    if (jobs.exit_code != 0) return std::nullopt;
    const nlohmann::json listed = nlohmann::json::parse(jobs.out);
    for (const nlohmann::json& job : listed["items"]) {
      if (job["id"] != job_id) continue;
      const int total = job["tasks"].value("total", 0);
      if (total > 0 && job["tasks"]["byState"].value("RUNNING", 0) == total) return true;
    }
    return std::nullopt;
  }));

  test::TmuxSession tui("TERM=xterm-256color LANG=C.UTF-8 KUBECONFIG=/nonexistent HOME=" + home.path() +
                            " XDG_STATE_HOME=" + home.path() + " " + FLINKTOP_BINARY + " --flink-url " + url +
                            "; echo flinktop-exited=$?; sleep 30",
                        200, 50);
  ASSERT_TRUE(tui.wait_for("Clusters[1]", 20s)) << tui.screen();
  // The cluster's row, from its JobManager: the version, Ready, and free slots.
  const std::string host_port = url.substr(std::string("http://").size());
  EXPECT_TRUE(tui.wait_for_line(std::regex(std::regex_replace(host_port, std::regex("\\."), "\\.") + ".*" +
                                           std::regex_replace(version, std::regex("\\."), "\\.") + " +Ready .*slots free\\)"),
                                20s))
      << tui.screen();

  // Its jobs, filtered to ours: the job's own row (its id beside RUNNING).
  tui.keys({"Enter"});
  tui.type("/" + job_id.substr(0, 12));
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for_line(std::regex(job_id + " +RUNNING"), 20s)) << tui.screen();

  // `key` opens the dialog `title`; on Flink before 1.15 it says a retry is not safe. Enter leaves
  // the directory field for the buttons; y says yes; the status line then says `done`.
  const auto confirm = [&](const std::string& key, const std::string& title, const std::string& done) {
    tui.type(key);
    ASSERT_TRUE(tui.wait_for(title, 5s)) << tui.screen();
    EXPECT_EQ(tui.wait_for("takes no trigger id", 2s), before_flink_115(version)) << tui.screen();
    tui.keys({"Enter"});
    tui.type("y");
    ASSERT_TRUE(tui.wait_for(done, 120s)) << tui.screen();
  };
  ASSERT_NO_FATAL_FAILURE(confirm("s", "Trigger savepoint", "written to"));
  EXPECT_EQ(savepoints_of(savepoints, job_id), 1);

  // S: stop with a savepoint; the job finishes.
  ASSERT_NO_FATAL_FAILURE(confirm("S", "Stop with savepoint", "stopped; savepoint at"));
  EXPECT_TRUE(tui.wait_for_line(std::regex(job_id + " +FINISHED"), 30s)) << tui.screen();
  EXPECT_EQ(savepoints_of(savepoints, job_id), 2);

  tui.type("q");
  EXPECT_TRUE(tui.wait_for("flinktop-exited=0", 10s)) << tui.screen();
  EXPECT_EQ(tui.format("#{alternate_on}"), "0");
}

INSTANTIATE_TEST_SUITE_P(Tui, TuiAgainstFlink, ::testing::ValuesIn(versions()), version_test_name);

}  // namespace
}  // namespace flinktop::it
