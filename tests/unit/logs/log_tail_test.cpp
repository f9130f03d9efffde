// LogTail over real HTTP: the demo's Kubernetes API server on 127.0.0.1 serves scripted container
// logs through pods/log (chunked, followed, with timestamps), and injects the faults: cut streams,
// 403 on pods/log, containers that have not started, deleted pods, restarts, bursts and hostile
// bytes. Waits are bounded waits for a condition.
#include "core/logs/log_tail.hpp"

#include <gtest/gtest.h>

#include "demo/loopback_server.hpp"
#include "core/flink/client.hpp"
#include "core/flink/endpoint.hpp"
#include "core/kube/resource_type.hpp"
#include "support/kube_objects.hpp"
#include "unit/logs/log_test_support.hpp"

namespace flinktop::logs {
namespace {

using namespace test_support;
using demo::KubeApiServer;
namespace r = kube::resources;

class LogTailPods : public ::testing::Test {
 protected:
  void SetUp() override {
    server.set_pod_logs(logs.source());
    api = std::make_shared<kube::ApiClient>(config_for(server));
  }
  void TearDown() override { server.stop(); }

  void add_pod(const std::string& name, int restarts = 0) {
    logs.add(name);
    server.add(r::kPods,
               flinktop::test::make_pod("flink", name, flinktop::test::native_labels("orders", "taskmanager"),
                                        true, restarts));
  }
  // As the kubelet does it: the pod's status counts the restart, and the old container's stream ends.
  void restart_pod(const std::string& name, int restarts) {
    server.edit(r::kPods, "flink", name, [&](nlohmann::json& p) {
      p["status"]["containerStatuses"][0]["restartCount"] = restarts;
      return true;
    });
    logs.restart(name);
  }

  KubeApiServer server;
  ScriptedLogs logs;
  std::shared_ptr<kube::ApiClient> api;
};

TEST_F(LogTailPods, FollowsSeveralPodsMergedInArrivalOrder) {
  for (const char* name : {"tm-1", "tm-2", "tm-3"}) {
    add_pod(name);
    for (int i = 0; i < 3; ++i)
      logs.write(name, std::string(name) + " line " + std::to_string(i), kEpochMs + i * 100);
  }
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1"), pod("tm-2"), pod("tm-3")});
  Collector got(tail);
  ASSERT_TRUE(got.until(9)) << got.lines().size();
  for (const char* name : {"tm-1", "tm-2", "tm-3"}) {
    EXPECT_EQ(got.texts(name),
              (std::vector<std::string>{std::string(name) + " line 0", std::string(name) + " line 1",
                                        std::string(name) + " line 2"}));
  }
  // Arrival order is the buffer's sequence.
  for (std::size_t i = 1; i < got.lines().size(); ++i)
    EXPECT_GT(got.lines()[i]->seq, got.lines()[i - 1]->seq);
  // Every line knows when it was written, though the user did not ask for timestamps.
  ASSERT_TRUE(got.lines().front()->time);
  logs.write("tm-2", "tm-2 later", kEpochMs + 5000);
  ASSERT_TRUE(got.until(10));
  EXPECT_EQ(got.lines().back()->text, "tm-2 later");
  EXPECT_EQ(got.lines().back()->origin->pod, "tm-2");
  EXPECT_EQ(got.lines().back()->origin->container, "flink-main-container");
  EXPECT_TRUE(state_becomes(tail, "tm-1", SourceState::Streaming));
}

TEST_F(LogTailPods, CutStreamsResumeWithoutLossOrRepeat) {
  add_pod("tm-1");
  std::vector<std::string> written;
  long long ms = kEpochMs;
  auto write = [&](const std::string& text) {
    logs.write("tm-1", text, ms);
    written.push_back(text);
  };
  // Many lines share a second, some share an instant, and some repeat their text in one instant.
  for (int i = 0; i < 20; ++i) {
    write("before " + std::to_string(i));
    if (i % 3 == 0) write("same instant " + std::to_string(i));
    if (i % 5 == 0) write("twice");
    ms += 70;
  }
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(written.size()));
  for (int cut = 0; cut < 3; ++cut) {
    server.cut_log_streams();
    // Lines written while the stream is down, in the same second as the last one delivered.
    for (int i = 0; i < 7; ++i) {
      write("cut " + std::to_string(cut) + " line " + std::to_string(i));
      if (i == 3) write("twice");
      ms += 130;
    }
    ASSERT_TRUE(got.until(written.size()))
        << "after cut " << cut << ": " << got.lines().size() << " of " << written.size();
  }
  // Give a duplicate the chance to show up before comparing.
  write("last");
  ASSERT_TRUE(got.until(written.size()));
  EXPECT_EQ(got.texts(), written);
  bool resumed = false;
  for (const auto& request : server.request_log())
    resumed = resumed || request.find("sinceTime=") != std::string::npos;
  EXPECT_TRUE(resumed) << "the reconnects asked for the log from the last line's time";
}

TEST_F(LogTailPods, ABurstStaysBoundedAndCountsWhatWasDropped) {
  constexpr int kPods = 6;
  constexpr int kLines = 20'000;
  const std::string padding(130, 'p');
  for (int p = 0; p < kPods; ++p) {
    const std::string name = "burst-" + std::to_string(p);
    add_pod(name);
    for (int i = 0; i < kLines; ++i) logs.write(name, std::to_string(i) + " " + padding, kEpochMs + i);
  }
  FollowOptions options = quick();
  options.follow = false;
  LogTail tail(api, options, {.max_lines = 1000, .max_bytes = 1 << 20});
  std::vector<PodLogTarget> pods;
  for (int p = 0; p < kPods; ++p) pods.push_back(pod("burst-" + std::to_string(p)));
  tail.set_pods(pods);
  // Nobody reads while the burst arrives (a UI busy elsewhere).
  ASSERT_TRUE(eventually([&] { return tail.finished(); }, std::chrono::seconds(60)));
  EXPECT_LE(tail.buffer().size(), 1000u);
  EXPECT_LE(tail.buffer().bytes(), 1u << 20);
  const LogBatch batch = tail.buffer().take();
  EXPECT_EQ(batch.lines.size() + batch.dropped, static_cast<std::size_t>(kPods * kLines));
  EXPECT_EQ(tail.buffer().dropped(), batch.dropped);
  for (const auto& l : batch.lines) ASSERT_EQ(l->text.size(), l->text.find(' ') + 1 + padding.size());
  std::uint64_t delivered = 0;
  for (const auto& s : tail.sources()) {
    EXPECT_EQ(s.state, SourceState::Ended) << s.message;
    delivered += s.lines;
  }
  EXPECT_EQ(delivered, static_cast<std::uint64_t>(kPods * kLines));
}

TEST_F(LogTailPods, HostileContentArrivesHarmless) {
  add_pod("tm-1");
  const std::string megabyte(1024 * 1024, 'm');
  logs.write("tm-1", "\x1b[2J\x1b[Hclear screen", kEpochMs);
  logs.write("tm-1", "\x1b]0;title\x07 osc", kEpochMs + 1);
  logs.write("tm-1", std::string("nul\0byte", 8), kEpochMs + 2);
  logs.write("tm-1", "carriage\rreturn\r", kEpochMs + 3);
  logs.write("tm-1", "bad \xff\xfe utf8 \xc2\x9b csi", kEpochMs + 4);
  logs.write("tm-1", megabyte, kEpochMs + 5);
  logs.write("tm-1", "after the big one", kEpochMs + 6);
  FollowOptions options = quick();
  options.ingest.sanitize.max_bytes = 16 * 1024;
  LogTail tail(api, options);
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(7));
  const auto texts = got.texts();
  EXPECT_EQ(texts[0], "^[[2J^[[Hclear screen");
  EXPECT_EQ(texts[1], "^[]0;title^G osc");
  EXPECT_EQ(texts[2], "nul^@byte");
  EXPECT_EQ(texts[3], "carriage^Mreturn");  // a CR before the newline is the line ending's
  EXPECT_EQ(texts[4], "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8 \xEF\xBF\xBD csi");
  EXPECT_EQ(texts[5].substr(0, 16 * 1024), megabyte.substr(0, 16 * 1024));
  EXPECT_LT(texts[5].size(), 17u * 1024);
  EXPECT_EQ(got.lines()[5]->cut_bytes, megabyte.size() - 16 * 1024);
  EXPECT_EQ(texts[6], "after the big one");
  for (const auto& t : texts) {
    for (unsigned char c : t) ASSERT_TRUE(c >= 0x20 && c != 0x7f) << "control byte " << int(c);
  }
}

TEST_F(LogTailPods, ForbiddenPodLogsSayWhatIsAvailableInstead) {
  add_pod("tm-1");
  server.forbid("pods/log");
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1")});
  ASSERT_TRUE(state_becomes(tail, "tm-1", SourceState::Forbidden));
  const SourceStatus s = *status_of(tail, "tm-1");
  EXPECT_EQ(s.error, ErrorKind::Forbidden);
  EXPECT_NE(s.message.find("pods/log forbidden for pod tm-1 in namespace flink (context test-ctx)"),
            std::string::npos)
      << s.message;
  EXPECT_NE(s.message.find("the Flink REST log files are available"), std::string::npos) << s.message;
  EXPECT_TRUE(eventually([&] { return tail.finished(); }));
}

TEST_F(LogTailPods, ForbiddenPodLogsFallBackToTheRestLogFileWhenAsked) {
  add_pod("orders-taskmanager-1-1");
  server.forbid("pods/log");
  demo::LoopbackServer flink;
  flink.routes().Get("/taskmanagers", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        R"({"taskmanagers":[{"id":"orders-taskmanager-1-1","path":"pekko.tcp://flink@10.0.0.9:6122/x"}]})",
        "application/json");
  });
  flink.routes().Get(
      "/taskmanagers/orders-taskmanager-1-1/logs", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"logs":[{"name":"taskmanager.log","size":22,"mtime":1}]})", "application/json");
      });
  flink.routes().Get("/taskmanagers/orders-taskmanager-1-1/log",
                     [](const httplib::Request&, httplib::Response& res) {
                       res.set_content("from rest 1\nfrom rest 2\n", "text/plain");
                     });
  flink.start();
  FollowOptions options = quick();
  options.rest_fallback = true;
  LogTail tail(api, options);
  PodLogTarget target = pod("orders-taskmanager-1-1");
  target.flink = std::make_shared<flink::Client>(flink::direct_endpoint(flink.url()));
  tail.set_pods({target});
  Collector got(tail);
  ASSERT_TRUE(got.until(2));
  EXPECT_EQ(got.texts(), (std::vector<std::string>{"from rest 1", "from rest 2"}));
  EXPECT_EQ(got.lines()[0]->origin->kind, LogSourceKind::RestFile);
  EXPECT_EQ(got.lines()[0]->origin->taskmanager_id, "orders-taskmanager-1-1");
  ASSERT_TRUE(state_becomes(tail, "orders-taskmanager-1-1", SourceState::Streaming));
  EXPECT_NE(status_of(tail, "orders-taskmanager-1-1")
                ->message.find("showing the Flink REST log file of TaskManager"),
            std::string::npos);
  tail.stop();
  flink.stop();
}

TEST_F(LogTailPods, WaitsForAContainerThatHasNotStartedAndSaysSo) {
  add_pod("tm-1");
  logs.waiting("tm-1");
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1")});
  ASSERT_TRUE(state_becomes(tail, "tm-1", SourceState::Waiting));
  EXPECT_NE(status_of(tail, "tm-1")->message.find("has not started yet"), std::string::npos);
  logs.write("tm-1", "started at last", kEpochMs);
  logs.started("tm-1");
  Collector got(tail);
  ASSERT_TRUE(got.until(1));
  EXPECT_EQ(got.texts(), std::vector<std::string>{"started at last"});
}

TEST_F(LogTailPods, ADeletedPodEndsItsSourceAndSaysSo) {
  add_pod("tm-1");
  logs.write("tm-1", "alive", kEpochMs);
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(1));
  logs.remove("tm-1");
  server.remove(r::kPods, "flink", "tm-1");
  ASSERT_TRUE(state_becomes(tail, "tm-1", SourceState::Ended));
  EXPECT_EQ(status_of(tail, "tm-1")->message, "pod deleted");
  EXPECT_FALSE(status_of(tail, "tm-1")->error);
  EXPECT_TRUE(eventually([&] { return tail.finished(); }));
}

TEST_F(LogTailPods, ARestartedContainerIsFollowedAgainFromItsFirstLine) {
  add_pod("tm-1");
  logs.write("tm-1", "old 1", kEpochMs);
  logs.write("tm-1", "old 2", kEpochMs + 1000);
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(2));
  restart_pod("tm-1", 1);
  logs.write("tm-1", "new 1", kEpochMs + 500);  // a container's clock may even be behind: still new
  logs.write("tm-1", "new 2", kEpochMs + 2000);
  ASSERT_TRUE(got.until(5));
  const auto texts = got.texts();
  EXPECT_EQ(texts[0], "old 1");
  EXPECT_EQ(texts[1], "old 2");
  EXPECT_NE(texts[2].find("restarted (restart 1)"), std::string::npos) << texts[2];
  EXPECT_TRUE(got.lines()[2]->notice);
  EXPECT_EQ(texts[3], "new 1");
  EXPECT_EQ(texts[4], "new 2");
}

TEST_F(LogTailPods, SetPodsLetsNewPodsJoinAndVanishedOnesLeave) {
  add_pod("tm-1");
  add_pod("tm-2");
  logs.write("tm-1", "one", kEpochMs);
  logs.write("tm-2", "two", kEpochMs);
  LogTail tail(api, quick());
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(1));
  tail.set_pods({pod("tm-1"), pod("tm-2")});
  ASSERT_TRUE(got.until(2));
  EXPECT_EQ(got.texts("tm-2"), std::vector<std::string>{"two"});
  tail.set_pods({pod("tm-2")});
  ASSERT_EQ(tail.sources().size(), 1u);
  EXPECT_EQ(tail.sources()[0].origin->label, "tm-2");
  // A pod that left is no longer read; one that stays is.
  logs.write("tm-1", "one again", kEpochMs + 1000);
  logs.write("tm-2", "two again", kEpochMs + 1000);
  ASSERT_TRUE(got.until(3));
  EXPECT_EQ(got.texts().back(), "two again");
  EXPECT_TRUE(got.texts("tm-1") == std::vector<std::string>{"one"});
  // The same name with a new uid is another pod: it starts over.
  PodLogTarget replaced = pod("tm-2");
  replaced.uid = "new-uid";
  tail.set_pods({replaced});
  ASSERT_EQ(tail.sources().size(), 1u);
  EXPECT_NE(tail.sources()[0].key, source_key(pod("tm-2")));
}

TEST_F(LogTailPods, PreviousShowsTheCrashedContainerAndEnds) {
  add_pod("tm-1", 1);
  logs.write("tm-1", "crashed soon", kEpochMs);
  logs.restart("tm-1");
  logs.write("tm-1", "running now", kEpochMs + 1000);
  FollowOptions options = quick();
  options.previous = true;
  LogTail tail(api, options);
  tail.set_pods({pod("tm-1")});
  ASSERT_TRUE(eventually([&] { return tail.finished(); }));
  Collector got(tail);
  got.take();
  EXPECT_EQ(got.texts(), std::vector<std::string>{"crashed soon"});
  EXPECT_EQ(status_of(tail, "tm-1")->state, SourceState::Ended);

  add_pod("tm-2");
  LogTail none(api, options);
  none.set_pods({pod("tm-2")});
  ASSERT_TRUE(state_becomes(none, "tm-2", SourceState::Failed));
  EXPECT_EQ(status_of(none, "tm-2")->error, ErrorKind::NotFound);
}

TEST_F(LogTailPods, AnUnknownContainerFailsWithTheServersWords) {
  add_pod("tm-1");
  LogTail tail(api, quick());
  PodLogTarget target = pod("tm-1");
  target.container = "sidecar";
  tail.set_pods({target});
  ASSERT_TRUE(state_becomes(tail, "tm-1", SourceState::Failed));
  EXPECT_EQ(status_of(tail, "tm-1")->error, ErrorKind::Invalid);
  EXPECT_NE(status_of(tail, "tm-1")->message.find("container sidecar is not valid"), std::string::npos);
}

TEST_F(LogTailPods, APodWithoutFlinksContainerNameShowsItsFirstContainer) {
  // A standalone cluster's pods name their container as their YAML says ("taskmanager").
  logs.add("standalone-tm");
  logs.name_container("standalone-tm", "taskmanager");
  logs.write("standalone-tm", "INFO from the taskmanager container", kEpochMs);
  nlohmann::json pod_json =
      flinktop::test::make_pod("flink", "standalone-tm", flinktop::test::native_labels("orders", "taskmanager"), true, 0);
  pod_json["spec"]["containers"][0]["name"] = "taskmanager";
  pod_json["status"]["containerStatuses"][0]["name"] = "taskmanager";
  server.add(r::kPods, pod_json);
  LogTail tail(api, quick());
  tail.set_pods({pod("standalone-tm")});
  Collector got(tail);
  ASSERT_TRUE(got.until(1)) << (status_of(tail, "standalone-tm") ? status_of(tail, "standalone-tm")->message : "");
  EXPECT_EQ(got.lines().front()->text, "INFO from the taskmanager container");

  // A container the user names is never swapped for another.
  LogTail named(api, quick());
  PodLogTarget target = pod("standalone-tm");
  target.container = "flink-main-container";
  named.set_pods({target});
  ASSERT_TRUE(state_becomes(named, "standalone-tm", SourceState::Failed));
}

TEST_F(LogTailPods, TailIsAskedOnceAndAReconnectResumesInstead) {
  add_pod("tm-1");
  for (int i = 0; i < 10; ++i) logs.write("tm-1", "line " + std::to_string(i), kEpochMs + i * 10);
  FollowOptions options = quick();
  options.tail_lines = 2;
  LogTail tail(api, options);
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(2));
  server.cut_log_streams();
  logs.write("tm-1", "line 10", kEpochMs + 100);
  ASSERT_TRUE(got.until(3));
  logs.write("tm-1", "line 11", kEpochMs + 110);
  ASSERT_TRUE(got.until(4));
  EXPECT_EQ(got.texts(), (std::vector<std::string>{"line 8", "line 9", "line 10", "line 11"}));
}

TEST_F(LogTailPods, GrepKeepsOnlyMatchingRecords) {
  add_pod("tm-1");
  logs.write("tm-1", "2026 INFO fine", kEpochMs);
  logs.write("tm-1", "2026 ERROR broken", kEpochMs + 1);
  logs.write("tm-1", "\tat a.b.C(C.java:1)", kEpochMs + 2);
  logs.write("tm-1", "2026 INFO fine again", kEpochMs + 3);
  logs.write("tm-1", "2026 WARN last", kEpochMs + 4);
  FollowOptions options = quick();
  options.ingest.filter = LogFilter("!INFO");
  LogTail tail(api, options);
  tail.set_pods({pod("tm-1")});
  Collector got(tail);
  ASSERT_TRUE(got.until(3));
  EXPECT_EQ(got.texts(),
            (std::vector<std::string>{"2026 ERROR broken", "        at a.b.C(C.java:1)", "2026 WARN last"}));
}

TEST_F(LogTailPods, StopEndsOpenStreamsAndWaitsForTheirWorkers) {
  for (int p = 0; p < 5; ++p) add_pod("tm-" + std::to_string(p));
  LogTail tail(api, quick());
  std::vector<PodLogTarget> pods;
  for (int p = 0; p < 5; ++p) pods.push_back(pod("tm-" + std::to_string(p)));
  tail.set_pods(pods);
  ASSERT_TRUE(state_becomes(tail, "tm-4", SourceState::Streaming));
  tail.stop();
  EXPECT_TRUE(tail.finished());
  tail.set_pods({});  // after stop: nothing starts again
  EXPECT_TRUE(tail.finished());
}

}  // namespace
}  // namespace flinktop::logs
