// Following a Flink REST log file (no Kubernetes, or pods/log forbidden): a scripted JobManager on
// 127.0.0.1 serves a log file that grows, is rotated or disappears; only new lines are shown, the
// file is read again only when its listing changed, and a rotation is noticed.
#include "core/logs/rest_log_follow.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "demo/loopback_server.hpp"
#include "core/flink/client.hpp"
#include "core/flink/endpoint.hpp"
#include "core/logs/log_tail.hpp"
#include "unit/logs/log_test_support.hpp"

namespace flinktop::logs {
namespace {

using namespace test_support;

// One TaskManager ("tm-1") and the JobManager, each with a main log file the test edits.
class FakeJobManager {
 public:
  FakeJobManager() {
    server_.routes().Get("/taskmanagers", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          R"({"taskmanagers":[{"id":"tm-1","path":"pekko.tcp://flink@10.0.0.7:6122/user/rpc/taskmanager_0"},)"
          R"({"id":"10.0.0.8:6122-abcdef","path":"pekko.tcp://flink@10.0.0.8:6122/user/rpc/taskmanager_0"}]})",
          "application/json");
    });
    server_.routes().Get("/taskmanagers/tm-1/logs", [this](const httplib::Request&, httplib::Response& res) {
      ++lists_;
      std::lock_guard lock(mutex_);
      if (gone_) return not_found(res);
      res.set_content(R"({"logs":[{"name":"taskmanager.log","size":)" + std::to_string(tm_log_.size()) +
                          R"(,"mtime":)" + std::to_string(version_) + "}]}",
                      "application/json");
    });
    server_.routes().Get("/taskmanagers/tm-1/log", [this](const httplib::Request&, httplib::Response& res) {
      ++reads_;
      std::lock_guard lock(mutex_);
      if (gone_) return not_found(res);
      res.set_content(tm_log_, "text/plain");
    });
    server_.routes().Get("/taskmanagers/tm-1/logs/taskmanager.log.1",
                         [](const httplib::Request&, httplib::Response& res) {
                           res.set_content("rotated 1\nrotated 2\n", "text/plain");
                         });
    server_.routes().Get("/jobmanager/logs", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"logs":[]})", "application/json");
    });
    server_.routes().Get("/jobmanager/log", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("jm 1\njm 2\n", "text/plain");
    });
    server_.start();
    client_ = std::make_shared<flink::Client>(flink::direct_endpoint(server_.url()));
  }

  void append(const std::string& text) {
    std::lock_guard lock(mutex_);
    tm_log_ += text;
    ++version_;
  }
  void replace(const std::string& text) {
    std::lock_guard lock(mutex_);
    tm_log_ = text;
    ++version_;
  }
  void disappear() {
    std::lock_guard lock(mutex_);
    gone_ = true;
  }
  RestLogFile file(std::string name = "") const { return {client_, "tm-1", std::move(name), ""}; }
  const std::shared_ptr<flink::Client>& client() const { return client_; }
  int lists() const { return lists_; }
  int reads() const { return reads_; }

 private:
  static void not_found(httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"errors":["TaskManager tm-1 does not exist."]})", "application/json");
  }

  std::shared_ptr<flink::Client> client_;
  std::mutex mutex_;
  std::string tm_log_;
  long long version_ = 0;
  bool gone_ = false;
  std::atomic<int> lists_{0};
  std::atomic<int> reads_{0};
  // Last, so it is destroyed first: its destructor joins the handlers that use the members above.
  demo::LoopbackServer server_;
};

TEST(RestLogFollow, ReadsTheFileThenOnlyWhatIsAppended) {
  FakeJobManager jm;
  jm.append("one\ntwo\n");
  LogTail tail(nullptr, quick());
  tail.set_rest_files({jm.file()});
  Collector got(tail);
  ASSERT_TRUE(got.until(2));
  jm.append("three\nfour");  // "four" is not finished yet: it must wait for its newline
  ASSERT_TRUE(got.until(3));
  jm.append(" and more\n");
  ASSERT_TRUE(got.until(4));
  EXPECT_EQ(got.texts(), (std::vector<std::string>{"one", "two", "three", "four and more"}));
  EXPECT_EQ(got.lines()[0]->origin->kind, LogSourceKind::RestFile);
  EXPECT_EQ(got.lines()[0]->origin->label, "taskmanager tm-1");
  EXPECT_FALSE(got.lines()[0]->time);
  ASSERT_TRUE(state_becomes(tail, "taskmanager tm-1", SourceState::Streaming));
  EXPECT_NE(status_of(tail, "taskmanager tm-1")
                ->message.find("reading the main log file of TaskManager tm-1 via http"),
            std::string::npos)
      << status_of(tail, "taskmanager tm-1")->message;
}

TEST(RestLogFollow, AnUnchangedListingMeansTheFileIsNotReadAgain) {
  FakeJobManager jm;
  jm.append("only\n");
  LogTail tail(nullptr, quick());
  tail.set_rest_files({jm.file()});
  Collector got(tail);
  ASSERT_TRUE(got.until(1));
  ASSERT_TRUE(eventually([&] { return jm.lists() >= 5; }));
  EXPECT_EQ(jm.reads(), 1);
}

TEST(RestLogFollow, ARotatedFileIsReadFromItsStartWithANotice) {
  FakeJobManager jm;
  jm.append("old 1\nold 2\n");
  LogTail tail(nullptr, quick());
  tail.set_rest_files({jm.file()});
  Collector got(tail);
  ASSERT_TRUE(got.until(2));
  jm.replace("new 1\n");  // shorter than what was read
  ASSERT_TRUE(got.until(4));
  jm.replace("NEW 1\nnew 2\nnew 3\n");  // longer, but what was read is not there any more
  ASSERT_TRUE(got.until(8));
  const auto texts = got.texts();
  EXPECT_EQ(texts[0], "old 1");
  EXPECT_EQ(texts[1], "old 2");
  EXPECT_TRUE(got.lines()[2]->notice);
  EXPECT_NE(texts[2].find("rotated"), std::string::npos);
  EXPECT_EQ(texts[3], "new 1");
  EXPECT_TRUE(got.lines()[4]->notice);
  EXPECT_EQ((std::vector<std::string>{texts[5], texts[6], texts[7]}),
            (std::vector<std::string>{"NEW 1", "new 2", "new 3"}));
}

TEST(RestLogFollow, TailKeepsTheLastLinesOfTheFirstRead) {
  FakeJobManager jm;
  for (int i = 0; i < 100; ++i) jm.append("line " + std::to_string(i) + "\n");
  FollowOptions options = quick();
  options.tail_lines = 3;
  LogTail tail(nullptr, options);
  tail.set_rest_files({jm.file()});
  Collector got(tail);
  ASSERT_TRUE(got.until(3));
  jm.append("line 100\n");
  ASSERT_TRUE(got.until(4));
  EXPECT_EQ(got.texts(), (std::vector<std::string>{"line 97", "line 98", "line 99", "line 100"}));
}

TEST(RestLogFollow, WithoutFollowTheFileIsReadOnceIncludingAnUnterminatedLastLine) {
  FakeJobManager jm;
  jm.append("a\nb\nno newline");
  FollowOptions options = quick();
  options.follow = false;
  LogTail tail(nullptr, options);
  tail.set_rest_files({jm.file(), {jm.client(), "", "", ""}, jm.file("taskmanager.log.1")});
  ASSERT_TRUE(eventually([&] { return tail.finished(); }));
  Collector got(tail);
  got.take();
  EXPECT_EQ(got.texts("taskmanager tm-1"), (std::vector<std::string>{"a", "b", "no newline"}));
  EXPECT_EQ(got.texts("jobmanager"), (std::vector<std::string>{"jm 1", "jm 2"}));
  EXPECT_EQ(got.texts("taskmanager tm-1/taskmanager.log.1"),
            (std::vector<std::string>{"rotated 1", "rotated 2"}));
  for (const auto& s : tail.sources()) EXPECT_EQ(s.state, SourceState::Ended) << s.key;
}

TEST(RestLogFollow, AGoneTaskManagerEndsItsSource) {
  FakeJobManager jm;
  jm.append("x\n");
  LogTail tail(nullptr, quick());
  tail.set_rest_files({jm.file()});
  Collector got(tail);
  ASSERT_TRUE(got.until(1));
  jm.disappear();
  ASSERT_TRUE(state_becomes(tail, "taskmanager tm-1", SourceState::Ended));
  EXPECT_NE(status_of(tail, "taskmanager tm-1")->message.find("is gone"), std::string::npos);

  LogTail never(nullptr, quick());
  never.set_rest_files({{jm.client(), "no-such-tm", "", ""}});
  ASSERT_TRUE(state_becomes(never, "taskmanager no-such-tm", SourceState::Failed));
  EXPECT_EQ(status_of(never, "taskmanager no-such-tm")->error, ErrorKind::NotFound);
}

TEST(RestLogFollow, FindsThePodsProcessByNameOrAddress) {
  FakeJobManager jm;
  PodLogTarget native = pod("tm-1");
  native.flink = jm.client();
  ASSERT_TRUE(find_rest_log(native));
  EXPECT_EQ(find_rest_log(native)->taskmanager_id, "tm-1");

  PodLogTarget standalone = pod("flink-taskmanager-5d8f-x");
  standalone.flink = jm.client();
  standalone.pod_ip = "10.0.0.8";
  ASSERT_TRUE(find_rest_log(standalone));
  EXPECT_EQ(find_rest_log(standalone)->taskmanager_id, "10.0.0.8:6122-abcdef");
  EXPECT_EQ(find_rest_log(standalone)->pod, "flink-taskmanager-5d8f-x");

  PodLogTarget jobmanager = pod("flink-jobmanager-0");
  jobmanager.flink = jm.client();
  jobmanager.jobmanager = true;
  EXPECT_EQ(find_rest_log(jobmanager)->taskmanager_id, "");

  standalone.pod_ip = "10.9.9.9";
  EXPECT_FALSE(find_rest_log(standalone));
  EXPECT_FALSE(find_rest_log(pod("no-cluster")));
}

}  // namespace
}  // namespace flinktop::logs
