// The standalone cluster of the control plane is backed by a real Flink (tests/env/kube.sh):
// its TaskManager pod's log, followed through kube-apiserver → kwok (core/kube's pod_logs, as the
// log view will use it), is the real TaskManager's log as it grows; its JobManager pod's port
// 8081, port-forwarded through kube-apiserver → kwok by `flinktop port-forward` (its own WebSocket,
// no kubectl), is the real REST API — flinktop submits a job and takes a savepoint through it.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/http/cancel_token.hpp"
#include "integration/background_process.hpp"
#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

// Follows a pod's log on a worker thread until destroyed.
class LogFollower {
 public:
  LogFollower(std::shared_ptr<kube::ApiClient> client, std::string ns, std::string pod) : client_(std::move(client)) {
    thread_ = std::thread([this, ns = std::move(ns), pod = std::move(pod)] {
      kube::LogOptions options;
      options.follow = true;
      try {
        client_->pod_logs(ns, pod, options, [this](std::string_view line) {
          std::lock_guard lock(mutex_);
          lines_.emplace_back(line);
          return true;
        }, &cancel_);
      } catch (const Error& e) {
        std::lock_guard lock(mutex_);
        if (e.kind() != ErrorKind::Cancelled) error_ = e.what();
      }
      ended_ = true;
    });
  }
  ~LogFollower() {
    cancel_.cancel();
    thread_.join();
  }

  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  std::string error() const {
    std::lock_guard lock(mutex_);
    return error_;
  }
  bool ended() const { return ended_; }

 private:
  std::shared_ptr<kube::ApiClient> client_;
  http::CancelToken cancel_;
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
  std::string error_;
  std::atomic<bool> ended_{false};
  std::thread thread_;
};

std::vector<std::string> first_lines(const std::string& path, size_t n) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; out.size() < n && std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(KubeRealFlink, FollowsTheTaskManagerLogAndTakesASavepointThroughPortForward) {
  const std::string tm_pod = kube_fact("STANDALONE_TASKMANAGER_POD");
  const std::string jm_pod = kube_fact("STANDALONE_JOBMANAGER_POD");
  ASSERT_FALSE(tm_pod.empty());

  // The log: from its first line, exactly what the real TaskManager wrote.
  LogFollower follower(api_client(), "lyz", tm_pod);
  const std::vector<std::string> expected = first_lines(kube_fact("FLINK_TM_LOG"), 5);
  ASSERT_EQ(expected.size(), 5u) << "the real TaskManager log is nearly empty";
  ASSERT_TRUE(eventually<bool>("the first lines of the TaskManager pod's log", seconds(30), [&]() -> std::optional<bool> {
    if (follower.lines().size() >= expected.size()) return true;
    if (follower.ended()) throw Error(ErrorKind::Server, "the log stream ended: " + follower.error());
    return std::nullopt;
  }));
  const std::vector<std::string> got = follower.lines();
  EXPECT_EQ(std::vector<std::string>(got.begin(), got.begin() + static_cast<long>(expected.size())), expected);

  // `flinktop logs` on the pod: its newest lines, each one the real TaskManager wrote. (The seed's
  // container is named taskmanager, not flink-main-container.)
  test::TempDir cli_state;
  const test::CommandResult tail = flinktop_kube(
      admin_kubeconfig(), {"logs", "-n", "lyz", tm_pod, "-c", "taskmanager", "--tail", "3"}, cli_state.path());
  ASSERT_EQ(tail.exit_code, 0) << tail.err;
  std::ifstream real_log(kube_fact("FLINK_TM_LOG"));
  const std::string real((std::istreambuf_iterator<char>(real_log)), std::istreambuf_iterator<char>());
  std::stringstream tail_lines(tail.out);
  int n = 0;
  for (std::string line; std::getline(tail_lines, line); ++n) {
    EXPECT_NE(real.find(line + "\n"), std::string::npos) << "not in the real TaskManager log: " << line;
  }
  EXPECT_EQ(n, 3) << tail.out;

  // The JobManager pod's 8081 through the API server and kwok (flinktop port-forward): the real REST API.
  BackgroundProcess forward({FLINKTOP_BINARY, "--kubeconfig", admin_kubeconfig(), "port-forward", "-n", "lyz",
                             "pod/" + jm_pod, ":8081"});
  const auto forwarded = forward.wait_for_line(std::regex(R"(^(http://127\.0\.0\.1:\d+)$)"), 30s);
  ASSERT_TRUE(forwarded) << "flinktop port-forward did not start:\n" << forward.output();
  forward.drain_in_background();
  const std::string url = *forwarded;

  test::TempDir state;
  auto flinktop = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--flink-url", url});
    return test::run_command(args, {"XDG_STATE_HOME=" + state.path(), "KUBECONFIG=/nonexistent"});
  };
  const json tms = parse_json_or_fail(flinktop({"get", "taskmanagers", "-o", "json"}));
  ASSERT_EQ(tms["items"].size(), 1u) << tms.dump(2);

  const json submitted = parse_json_or_fail(flinktop({"submit", flink_sh({"jar", kube_fact("FLINK_VERSION")}), "-o", "json"}));
  const std::string id = submitted.value("job", "");
  ASSERT_EQ(id.size(), 32u) << submitted.dump();
  // Other tests share this Flink's four slots: the job goes however this test ends.
  struct CancelAtEnd {
    std::function<void()> cancel;
    ~CancelAtEnd() { cancel(); }
  } cancel_at_end{[&] { flinktop({"cancel", id, "--yes"}); }};
  auto job = [&]() {
    const json doc = parse_json_or_fail(flinktop({"get", "jobs", "-o", "json"}));
    for (const json& j : doc["items"]) {
      if (j["id"] == id) return j;
    }
    return json::object();
  };
  ASSERT_TRUE(eventually<bool>("all tasks of " + id + " running", seconds(120), [&]() -> std::optional<bool> {
    const json j = job();
    if (j.value("state", "") == "RUNNING" && j["tasks"]["byState"].value("RUNNING", 0) == j["tasks"].value("total", -1)) return true;
    return std::nullopt;
  }));

  const json saved = parse_json_or_fail(flinktop({"savepoint", id, "--wait", "-o", "json"}));
  ASSERT_TRUE(saved["savepoint"].is_string()) << saved.dump();
  EXPECT_TRUE(fs::exists(fs::path(local_path(saved["savepoint"])) / "_metadata")) << saved.dump();

  // The TaskManager logged the job's deployment; the followed stream brought those lines.
  EXPECT_TRUE(eventually<bool>("the job id in the followed TaskManager log", seconds(60), [&]() -> std::optional<bool> {
    for (const std::string& line : follower.lines()) {
      if (line.find(id) != std::string::npos) return true;
    }
    return std::nullopt;
  }));

  EXPECT_TRUE(follower.error().empty()) << follower.error();
}

}  // namespace
}  // namespace flinktop::it
