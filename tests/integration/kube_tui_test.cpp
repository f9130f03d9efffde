// The terminal UI against the real control plane (tests/env/kube.sh), driven in tmux as a user
// would. On the kubeconfig: the clusters of all three kinds appear from the API server's watches,
// Enter opens a cluster's jobs, Esc goes back, q quits and restores the terminal. The API server
// cannot proxy to any JobManager here (no endpoints), so flinktop port-forwards instead, which
// kwok serves for the standalone cluster only (the jobs view of another says why not). The job
// itself is opened on the real Flink behind the standalone cluster, through `flinktop
// port-forward` and --flink-url — clusters → jobs → a job → back → quit; and F in the TUI.
// `l` on the standalone cluster: the real JobManager's and TaskManager's logs through pods/log
// (their containers are named jobmanager and taskmanager, not flink-main-container).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>
#include <thread>

#include "core/http/session.hpp"
#include "integration/background_process.hpp"
#include "integration/kube_env.hpp"
#include "support/loopback_sockets.hpp"
#include "support/tmux_session.hpp"

namespace flinktop::it {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::string tui_command(const test::TempDir& home, const std::string& args) {
  return "TERM=xterm-256color LANG=C.UTF-8 KUBECONFIG= HOME=" + home.path() + " XDG_STATE_HOME=" + home.path() +
         " " + FLINKTOP_BINARY + " " + args + "; echo flinktop-exited=$?; sleep 30";
}

void quit_and_expect_restored(test::TmuxSession& tui) {
  tui.type("q");
  ASSERT_TRUE(tui.wait_for("flinktop-exited=0", 10s)) << tui.screen();
  EXPECT_EQ(tui.format("#{alternate_on}"), "0");
  EXPECT_EQ(tui.format("#{cursor_flag}"), "1");
}

TEST(KubeTui, ClustersOfTheThreeKindsAndAClustersJobs) {
  test::TempDir home;
  test::TmuxSession tui(tui_command(home, "-A --kubeconfig " + admin_kubeconfig()), 160, 40);

  ASSERT_TRUE(tui.wait_for("native-etl", 30s)) << tui.screen();
  for (const char* text : {"Clusters[4]", "orders", "sessions", "operator-application", "operator-session", "native",
                           "standalone", "flink-jobmanager-rest"}) {
    EXPECT_TRUE(tui.wait_for(text)) << text << "\n" << tui.screen();
  }
  EXPECT_EQ(tui.format("#{alternate_on}"), "1");

  // A TaskManager pod added and deleted through the API server: the row follows (the watch).
  auto admin = api_client();
  admin->create(kube::resources::kPods, "flink-native",
                kwok_taskmanager_pod("flink-native", "native-etl-taskmanager-1-3", "native-etl"));
  EXPECT_TRUE(tui.wait_for("3/3", 10s)) << tui.screen();
  admin->remove(kube::resources::kPods, "flink-native", "native-etl-taskmanager-1-3");
  EXPECT_TRUE(tui.wait_for("3/3", 10s, /*present=*/false)) << tui.screen();

  // Filter to the operator application; Enter: its jobs. The API server cannot proxy to its
  // JobManager (no endpoints here), so flinktop port-forwards to the pod — which kwok does not
  // forward for this one: its words reach the screen, not hidden.
  tui.type("/");
  tui.type("orders");
  ASSERT_TRUE(tui.wait_for("native-etl", 5s, /*present=*/false)) << tui.screen();
  tui.keys({"Enter"});
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("Jobs(orders)")) << tui.screen();
  EXPECT_TRUE(tui.wait_for("no forward found for port 8081", 15s)) << tui.screen();

  // Back in the clusters view, orders' REST cell says which way it is reached now.
  tui.keys({"Escape"});
  ASSERT_TRUE(tui.wait_for("Clusters")) << tui.screen();
  EXPECT_TRUE(tui.wait_for("via port-forward", 5s)) << tui.screen();
  quit_and_expect_restored(tui);
}

TEST(KubeTui, TheLogsOfTheStandaloneClusterAreTheRealFlinkLogs) {
  const std::string tm_pod = kube_fact("STANDALONE_TASKMANAGER_POD");
  const std::string jm_pod = kube_fact("STANDALONE_JOBMANAGER_POD");
  test::TempDir home;
  test::TmuxSession tui(tui_command(home, "-A --kubeconfig " + admin_kubeconfig()), 200, 50);
  ASSERT_TRUE(tui.wait_for("native-etl", 30s)) << tui.screen();
  tui.type("/");
  tui.type("lyz");
  ASSERT_TRUE(tui.wait_for("native-etl", 5s, /*present=*/false)) << tui.screen();
  tui.keys({"Enter"});
  tui.type("l");
  ASSERT_TRUE(tui.wait_for("Logs(", 10s)) << tui.screen();
  // Both pods' lines as the real Flink wrote them, each behind its pod's prefix: the
  // TaskManager's (its classes live in runtime.taskexecutor), then the JobManager's (the
  // dispatcher). One filter at a time: the view follows the tail of the merge, and whichever
  // pod's stream arrives first may already be above the screen when the other's lines follow.
  tui.type("/");
  tui.type("runtime\\.taskexecutor\\.");
  tui.keys({"Enter"});
  EXPECT_TRUE(tui.wait_for_line(std::regex(tm_pod + " .* org\\.apache\\.flink\\.runtime\\.taskexecutor\\."), 30s))
      << tui.screen();
  tui.type("/");
  tui.keys({"C-u"});
  tui.type("runtime\\.dispatcher\\.");
  tui.keys({"Enter"});
  EXPECT_TRUE(tui.wait_for_line(std::regex(jm_pod + " .* org\\.apache\\.flink\\.runtime\\.dispatcher\\."), 30s))
      << tui.screen();
  EXPECT_TRUE(tui.wait_for("org.apache.flink.runtime.taskexecutor.", 1s, /*present=*/false)) << tui.screen();
  for (const std::string& pod : {tm_pod, jm_pod}) {
    EXPECT_TRUE(tui.wait_for(pod + ": failed", 1s, /*present=*/false)) << tui.screen();
  }
  tui.keys({"Escape"});
  tui.keys({"Escape"});
  ASSERT_TRUE(tui.wait_for("Clusters")) << tui.screen();
  quit_and_expect_restored(tui);
}

// e on the operator application, with an $EDITOR that first writes a value the CRD's schema
// forbids: the real API server's words come back on top of the reopened file, the fixed edit is
// shown as its change and sent on y. ctrl-d deletes a pod through the real API server.
TEST(KubeTui, EditMeetsTheRealValidationAndDeleteRemovesAPod) {
  test::TempDir home;
  const std::string editor = home.write("editor.sh", R"(#!/bin/sh
if grep -q 'The last attempt was refused' "$1"; then
  grep -q 'Unsupported value: "bogus"' "$1" && touch "$(dirname "$0")/refusal-seen"
  sed -i 's/upgradeMode: bogus/upgradeMode: last-state/' "$1"
else
  sed -i 's/upgradeMode: savepoint/upgradeMode: bogus/' "$1"
fi
)");
  std::filesystem::permissions(editor, std::filesystem::perms::owner_all);
  auto admin = api_client();
  struct RestoreAtEnd {
    std::shared_ptr<kube::ApiClient> admin;
    ~RestoreAtEnd() {
      admin->patch(kube::resources::kFlinkDeployments, "flink-apps", "orders",
                   {{"spec", {{"job", {{"upgradeMode", "savepoint"}}}}}}, kube::PatchType::Merge);
    }
  } restore{admin};
  admin->create(kube::resources::kPods, "flink-native",
                kwok_taskmanager_pod("flink-native", "native-etl-taskmanager-1-9", "native-etl"));

  test::TmuxSession tui("EDITOR=" + editor + " " + tui_command(home, "-A --kubeconfig " + admin_kubeconfig()), 160, 40);
  ASSERT_TRUE(tui.wait_for("native-etl", 30s)) << tui.screen();
  tui.type("/");
  tui.type("orders");
  ASSERT_TRUE(tui.wait_for("native-etl", 5s, /*present=*/false)) << tui.screen();
  tui.keys({"Enter"});
  tui.type("e");
  ASSERT_TRUE(tui.wait_for("Apply the edit of FlinkDeployment", 30s)) << tui.screen();
  EXPECT_TRUE(std::filesystem::exists(home.path() + "/refusal-seen")) << "the editor reopened with the server's words";
  EXPECT_TRUE(tui.wait_for("spec.job.upgradeMode: \"savepoint\" → \"last-state\"", 1s)) << tui.screen();
  EXPECT_TRUE(tui.wait_for("FlinkDeployment flink-apps/orders (context ", 1s)) << tui.screen();
  tui.type("y");
  ASSERT_TRUE(tui.wait_for("updated FlinkDeployment flink-apps/orders", 15s)) << tui.screen();
  EXPECT_EQ(admin->get(kube::resources::kFlinkDeployments, "flink-apps", "orders")["spec"]["job"]["upgradeMode"],
            "last-state");

  tui.keys({"Escape"});  // clears the filter
  tui.type("/");
  tui.type("native-etl");
  tui.keys({"Enter"});
  tui.type("p");
  ASSERT_TRUE(tui.wait_for("native-etl-taskmanager-1-9", 15s)) << tui.screen();
  tui.type("/");
  tui.type("1-9");
  tui.keys({"Enter"});
  tui.keys({"C-d"});
  ASSERT_TRUE(tui.wait_for("Delete Pod", 5s)) << tui.screen();
  EXPECT_TRUE(tui.wait_for("Pod flink-native/native-etl-taskmanager-1-9 (context ", 1s)) << tui.screen();
  tui.type("y");
  EXPECT_TRUE(tui.wait_for("deleted Pod flink-native/native-etl-taskmanager-1-9", 15s)) << tui.screen();
  // kwok, standing in for the kubelet, finishes the deletion.
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  bool gone = false;
  while (!gone && std::chrono::steady_clock::now() < deadline) {
    try {
      admin->get(kube::resources::kPods, "flink-native", "native-etl-taskmanager-1-9");
      std::this_thread::sleep_for(200ms);
    } catch (const Error& e) {
      gone = e.kind() == ErrorKind::NotFound;
      if (!gone) throw;
    }
  }
  EXPECT_TRUE(gone);
  quit_and_expect_restored(tui);
}

TEST(KubeTui, ClustersJobsAJobBackAndQuitOnTheRealFlinkThroughPortForward) {
  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", admin_kubeconfig(), "port-forward", "-n", "lyz",
                             "pod/" + kube_fact("STANDALONE_JOBMANAGER_POD"), ":8081"});
  const auto forwarded = forward.wait_for_line(std::regex(R"(^(http://127\.0\.0\.1:\d+)$)"), 30s);
  ASSERT_TRUE(forwarded) << "flinktop port-forward did not start:\n" << forward.output();
  forward.drain_in_background();
  const std::string url = *forwarded;

  test::TempDir home;
  auto flinktop = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--flink-url", url});
    return test::run_command(args, {"XDG_STATE_HOME=" + home.path(), "KUBECONFIG=/nonexistent"});
  };
  const json submitted = parse_json_or_fail(flinktop({"submit", flink_sh({"jar", kube_fact("FLINK_VERSION")}), "-o", "json"}));
  const std::string id = submitted.value("job", "");
  ASSERT_EQ(id.size(), 32u) << submitted.dump();
  struct CancelAtEnd {
    std::function<void()> cancel;
    ~CancelAtEnd() { cancel(); }
  } cancel_at_end{[&] { flinktop({"cancel", id, "--yes"}); }};

  test::TmuxSession tui(tui_command(home, "--flink-url " + url), 160, 40);
  ASSERT_TRUE(tui.wait_for("Clusters[1]", 30s)) << tui.screen();
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("Jobs(" + url.substr(std::string("http://").size()) + ")")) << tui.screen();
  // The newest job first (sorted by start); filter to ours: other tests share this Flink.
  tui.type("/");
  tui.type(id);
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("RUNNING", 60s)) << tui.screen();
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("Job(CarTopSpeedWindowingExample)")) << tui.screen();
  EXPECT_TRUE(tui.wait_for("id " + id)) << tui.screen();
  EXPECT_TRUE(tui.wait_for("Source: Car data generator", 30s)) << tui.screen();

  // Esc: back to the (still filtered) jobs; Esc clears the filter, Esc again: the clusters.
  tui.keys({"Escape"});
  ASSERT_TRUE(tui.wait_for("Jobs(127.0.0.1:")) << tui.screen();
  tui.keys({"Escape"});
  tui.keys({"Escape"});
  ASSERT_TRUE(tui.wait_for("Clusters[1]")) << tui.screen();
  quit_and_expect_restored(tui);
}

// F on the standalone cluster: the dialog, the URL on the status line, the real Flink behind it,
// :pf showing the forward active, ctrl-d stopping it (and its port free again), quit.
TEST(KubeTui, FForwardsToTheStandaloneClustersJobManagerAndCtrlDStopsIt) {
  const std::uint16_t port = test::unused_loopback_port();  // typed into the dialog as the local one
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  test::TempDir home;
  test::TmuxSession tui(tui_command(home, "-n lyz --kubeconfig " + admin_kubeconfig()), 160, 40);
  ASSERT_TRUE(tui.wait_for("Clusters[1]", 30s)) << tui.screen();
  tui.type("F");
  ASSERT_TRUE(tui.wait_for("Port-forward", 5s)) << tui.screen();
  EXPECT_TRUE(tui.wait_for("serves it now")) << tui.screen();
  tui.keys({"C-u"});
  tui.type(std::to_string(port) + ":8081");
  tui.keys({"Enter"});
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for(url + " → cluster lyz/flink port 8081", 15s)) << tui.screen();

  http::Session session(http::SessionOptions{});
  http::Request request;
  request.url = url + "/overview";
  const http::Response overview = session.send(request);
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_EQ(json::parse(overview.body).value("flink-version", ""), kube_fact("FLINK_VERSION"));

  tui.type(":pf");
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("Port-forwards[1]", 5s)) << tui.screen();
  EXPECT_TRUE(tui.wait_for("active", 5s)) << tui.screen();
  tui.keys({"C-d"});
  ASSERT_TRUE(tui.wait_for("Stop port-forward", 5s)) << tui.screen();
  tui.type("y");
  ASSERT_TRUE(tui.wait_for("stopped port-forward", 5s)) << tui.screen();
  EXPECT_THROW(session.send(request), Error) << "the forward still listens";
  quit_and_expect_restored(tui);
}

}  // namespace
}  // namespace flinktop::it
