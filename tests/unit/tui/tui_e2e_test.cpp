// The terminal UI end to end: the real binary in tmux, a loopback API server with an operator
// cluster and a native one, and a scripted Flink REST behind the API server's service proxy.
// A user's path: clusters → filter → jobs → a job → tabs → a refused cancel → help → :pods →
// resize to 80×24 → quit, and the terminal is left as it was found.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include <nlohmann/json.hpp>

#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"
#include "demo/loopback_server.hpp"
#include "support/run_command.hpp"
#include "support/tmux_session.hpp"

namespace flinktop {
namespace {

using namespace flinktop::test;
using nlohmann::json;
namespace r = kube::resources;

constexpr const char* kJobId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Just enough of a Flink 1.20 JobManager for the views: one running job with two vertices.
class ScriptedFlink {
 public:
  ScriptedFlink() {
    auto reply = [](json body) {
      return [body](const httplib::Request&, httplib::Response& res) { res.set_content(body.dump(), "application/json"); };
    };
    const long long start = now_ms() - 90'000;
    server_.routes().Get("/config", reply({{"flink-version", "1.20.1"}, {"flink-revision", "abc"},
                                           {"features", {{"web-submit", true}, {"web-cancel", false}}}}));
    server_.routes().Get("/overview", reply({{"taskmanagers", 1}, {"slots-total", 4}, {"slots-available", 2},
                                             {"jobs-running", 1}, {"flink-version", "1.20.1"}}));
    json tasks{{"total", 2}, {"running", 2}, {"created", 0}, {"failed", 0}};
    server_.routes().Get("/jobs/overview", reply({{"jobs", {{{"jid", kJobId}, {"name", "TopSpeedWindowing"},
                                                             {"state", "RUNNING"}, {"start-time", start},
                                                             {"end-time", -1}, {"duration", 90'000},
                                                             {"tasks", tasks}}}}}));
    server_.routes().Get("/taskmanagers",
                         reply({{"taskmanagers", {{{"id", "orders-taskmanager-1-1"}, {"slotsNumber", 4}, {"freeSlots", 2},
                                                   {"hardware", {{"cpuCores", 2}, {"physicalMemory", 4294967296LL}}}}}}}));
    json vertex{{"id", "v-source"}, {"name", "Source: Custom Source"}, {"parallelism", 1}, {"status", "RUNNING"},
                {"start-time", start}, {"duration", 90'000}, {"tasks", {{"RUNNING", 1}}},
                {"metrics", {{"write-records", 123456}, {"read-records", 0}}}};
    json sink = vertex;
    sink["id"] = "v-sink";
    sink["name"] = "Sink: Print to Std. Out";
    server_.routes().Get(std::string("/jobs/") + kJobId,
                         reply({{"jid", kJobId}, {"name", "TopSpeedWindowing"}, {"state", "RUNNING"},
                                {"start-time", start}, {"duration", 90'000}, {"now", now_ms()},
                                {"vertices", {vertex, sink}}}));
    json checkpoint{{"className", "completed"}, {"id", 7}, {"status", "COMPLETED"}, {"is_savepoint", false},
                    {"trigger_timestamp", now_ms() - 2000}, {"latest_ack_timestamp", now_ms() - 1900},
                    {"state_size", 4096}, {"end_to_end_duration", 100}, {"external_path", "file:/ckpt/chk-7"}};
    server_.routes().Get(std::string("/jobs/") + kJobId + "/checkpoints",
                         reply({{"counts", {{"completed", 7}, {"failed", 1}, {"total", 8}}},
                                {"latest", {{"completed", checkpoint}}},
                                {"history", {checkpoint}}}));
    server_.routes().Get(std::string("/jobs/") + kJobId + "/exceptions",
                         reply({{"exceptionHistory", {{"entries", json::array()}, {"truncated", false}}}}));
    server_.routes().Patch(std::string("/jobs/") + kJobId, [this](const httplib::Request&, httplib::Response& res) {
      ++cancels;
      res.status = 202;
      res.set_content("{}", "application/json");
    });
    server_.start();
  }
  std::string url() const { return server_.url(); }
  std::atomic<int> cancels{0};

 private:
  demo::LoopbackServer server_;
};

// --flink-url alone, no Kubernetes context at all: its one cluster and its jobs. (The App once
// skipped the first discovery when there was no context to discover from, and showed no cluster.)
TEST(TuiEndToEnd, AFlinkUrlAloneShowsItsClusterAndItsJobs) {
  ScriptedFlink flink;
  TempDir home;
  TmuxSession tui("TERM=xterm-256color LANG=C.UTF-8 KUBECONFIG=/nonexistent HOME=" + home.path() +
                      " XDG_STATE_HOME=" + home.path() + " " + FLINKTOP_BINARY + " --flink-url " + flink.url() +
                      "; echo flinktop-exited=$?; sleep 30",
                  140, 40);
  ASSERT_TRUE(tui.wait_for("Clusters[1]")) << tui.screen();
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("TopSpeedWindowing")) << tui.screen();
  tui.type("q");
  EXPECT_TRUE(tui.wait_for("flinktop-exited=0")) << tui.screen();
}

TEST(TuiEndToEnd, NavigatesEveryViewAndRestoresTheTerminal) {
  ScriptedFlink flink;
  demo::KubeApiServer api;
  api.add(r::kFlinkDeployments, make_flink_deployment("streaming", "orders", "local:///job.jar"));
  api.add(r::kPods, make_pod("streaming", "orders-6d5f-x2x4z", native_labels("orders", "jobmanager")));
  api.add(r::kPods, make_pod("streaming", "orders-taskmanager-1-1", native_labels("orders", "taskmanager")));
  api.add(r::kServices, make_service("streaming", "orders-rest", {{"app", "orders"}}, 8081, "rest"));
  api.add(r::kPods, make_pod("analytics", "native-1-5f6b-q8w9e", native_labels("native-1", "jobmanager")));
  api.proxy_service("streaming", "orders-rest", "8081", flink.url());

  TempDir home;
  const std::string kubeconfig = home.write("config", "apiVersion: v1\nclusters:\n- name: fake\n  cluster: {server: \"" +
                                                          api.url() +
                                                          "\"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n"
                                                          "- name: dev\n  context: {cluster: fake, user: u}\n"
                                                          "current-context: dev\n");
  TmuxSession tui("TERM=xterm-256color LANG=C.UTF-8 HOME=" + home.path() + " XDG_STATE_HOME=" + home.path() + " " +
                      FLINKTOP_BINARY + " -A --kubeconfig " + kubeconfig + "; echo flinktop-exited=$?; sleep 30",
                  140, 40);

  ASSERT_TRUE(tui.wait_for("native-1")) << tui.screen();
  EXPECT_TRUE(tui.wait_for("orders"));
  EXPECT_EQ(tui.format("#{alternate_on}"), "1");

  // Filter as you type; Esc clears it.
  tui.type("/");
  tui.type("orders");
  ASSERT_TRUE(tui.wait_for("native-1", std::chrono::seconds(5), /*present=*/false)) << tui.screen();
  tui.keys({"Enter"});

  // Enter: the cluster's jobs, through the service proxy to the (scripted) JobManager.
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("Jobs(orders)")) << tui.screen();
  ASSERT_TRUE(tui.wait_for("TopSpeedWindowing")) << tui.screen();
  EXPECT_TRUE(tui.wait_for("1.20.1")) << tui.screen();  // the Flink version in the header

  // Enter: the job; Tab: its checkpoints.
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("Sink: Print to Std. Out")) << tui.screen();
  tui.keys({"Tab"});
  ASSERT_TRUE(tui.wait_for("file:/ckpt/chk-7")) << tui.screen();

  // c: a confirmation that names the exact target; n refuses and nothing is sent.
  tui.type("c");
  ASSERT_TRUE(tui.wait_for("Cancel job")) << tui.screen();
  EXPECT_TRUE(tui.wait_for(kJobId)) << tui.screen();
  EXPECT_TRUE(tui.wait_for("operator")) << tui.screen();  // warned: the operator manages this job
  tui.type("n");
  ASSERT_TRUE(tui.wait_for("nothing done")) << tui.screen();
  EXPECT_EQ(flink.cancels.load(), 0);

  // Back to the clusters, help, then :pods.
  tui.keys({"Escape"});
  tui.keys({"Escape"});
  ASSERT_TRUE(tui.wait_for("Clusters")) << tui.screen();

  // d / y: the FlinkDeployment described and as YAML, from the Store; Esc back each time.
  tui.type("d");
  ASSERT_TRUE(tui.wait_for("Describe(streaming/orders)")) << tui.screen();
  EXPECT_TRUE(tui.wait_for("Lifecycle:")) << tui.screen();
  tui.keys({"Escape"});
  tui.type("y");
  ASSERT_TRUE(tui.wait_for("jarURI: local:///job.jar")) << tui.screen();
  tui.keys({"Escape"});
  ASSERT_TRUE(tui.wait_for("Clusters")) << tui.screen();
  tui.type("?");
  ASSERT_TRUE(tui.wait_for("Trigger a savepoint")) << tui.screen();
  tui.keys({"Escape"});
  tui.type(":pods");
  tui.keys({"Enter"});
  ASSERT_TRUE(tui.wait_for("orders-taskmanager-1-1")) << tui.screen();

  // Small terminals still work.
  tui.resize(80, 24);
  ASSERT_TRUE(tui.wait_for("orders-taskmanager-1-1")) << tui.screen();

  // The shell after flinktop keeps the pane alive, so the terminal's state can be read back.
  tui.type("q");
  ASSERT_TRUE(tui.wait_for("flinktop-exited=0", std::chrono::seconds(10))) << tui.screen();
  EXPECT_EQ(tui.format("#{alternate_on}"), "0");  // left the alternate screen
  EXPECT_EQ(tui.format("#{cursor_flag}"), "1");   // cursor visible again
}

}  // namespace
}  // namespace flinktop
