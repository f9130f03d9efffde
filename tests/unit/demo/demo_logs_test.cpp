// The demo's logs as `kubectl logs` and the Flink REST API see them: tailLines, sinceTime /
// sinceSeconds, timestamps (each line's own time), previous and container answered like Kubernetes,
// and the JobManager/TaskManager log files served by the simulated Flink REST API.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/logs/log_timestamp.hpp"
#include "support/expect_error.hpp"
#include "unit/demo/demo_test_support.hpp"

namespace flinktop::demo {
namespace {

using test_support::client_for;

constexpr const char* kNs = "flink-demo";
constexpr const char* kTaskManager = "orders-app-taskmanager-1-1";

std::vector<std::string> read_log(kube::ApiClient& api, const kube::LogOptions& options,
                                  const std::string& pod = kTaskManager) {
  std::vector<std::string> lines;
  api.pod_logs(kNs, pod, options, [&](std::string_view line) {
    lines.emplace_back(line);
    return true;
  });
  return lines;
}

TEST(DemoLogs, TailAndTimestampsAreEachLinesOwnTime) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  kube::LogOptions options;
  options.tail_lines = 5;
  options.timestamps = true;
  const auto lines = read_log(*api, options);
  ASSERT_EQ(lines.size(), 5u);
  std::int64_t previous = 0;
  for (const auto& line : lines) {
    const auto split = logs::split_timestamp(line);
    ASSERT_TRUE(split.ns) << line;
    EXPECT_GE(*split.ns, previous) << line;
    previous = *split.ns;
    EXPECT_NE(split.text.find(" - "), std::string::npos) << line;
  }
  // The same lines without timestamps are the text after them (a line or two may have been
  // written in between: the fourth is still among the last five).
  options.timestamps = false;
  const auto plain = read_log(*api, options);
  ASSERT_EQ(plain.size(), 5u);
  EXPECT_NE(std::find(plain.begin(), plain.end(), std::string(logs::split_timestamp(lines[3]).text)),
            plain.end());
}

TEST(DemoLogs, SinceTimeStartsAtThatSecondAndSinceSecondsIsRecent) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  kube::LogOptions all;
  all.timestamps = true;
  const auto lines = read_log(*api, all);
  ASSERT_GT(lines.size(), 30u);
  const std::int64_t middle = *logs::split_timestamp(lines[lines.size() / 2]).ns;
  kube::LogOptions since;
  since.timestamps = true;
  since.since_time = logs::format_rfc3339_seconds(middle);
  const auto later = read_log(*api, since);
  ASSERT_FALSE(later.empty());
  EXPECT_LT(later.size(), lines.size());
  const std::int64_t second = middle / 1'000'000'000 * 1'000'000'000;
  for (const auto& line : later) EXPECT_GE(*logs::split_timestamp(line).ns, second) << line;
  EXPECT_NE(std::find(later.begin(), later.end(), lines.back()), later.end());

  kube::LogOptions recent;
  recent.since_seconds = 5;
  EXPECT_LT(read_log(*api, recent).size(), 15u);  // a line every 0.7–1.6 s
}

TEST(DemoLogs, PreviousAndContainerAreCheckedLikeKubernetes) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  kube::LogOptions previous;
  previous.previous = true;
  const std::string no_previous = test::error_of([&] { read_log(*api, previous); }, ErrorKind::Invalid);
  EXPECT_NE(no_previous.find("previous terminated container"), std::string::npos) << no_previous;

  kube::LogOptions sidecar;
  sidecar.container = "sidecar";
  const std::string bad = test::error_of([&] { read_log(*api, sidecar); }, ErrorKind::Invalid);
  EXPECT_NE(bad.find("container sidecar is not valid"), std::string::npos) << bad;

  kube::LogOptions main;
  main.container = "flink-main-container";
  main.tail_lines = 1;
  EXPECT_EQ(read_log(*api, main).size(), 1u);
}

TEST(DemoLogs, FlinkRestServesTheLogFilesOfEveryProcess) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  auto flink = test_support::flink_client(api, kNs, "orders-app-rest");
  kube::LogOptions last;
  last.tail_lines = 1;
  const auto tail = read_log(*api, last);
  ASSERT_EQ(tail.size(), 1u);
  const auto files = flink.log_files(kTaskManager);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].name, "taskmanager.log");
  EXPECT_GT(files[0].size, 0);
  std::string body;
  flink.read_log_file(kTaskManager, "", [&](std::string_view chunk) {
    body += chunk;
    return true;
  });
  EXPECT_GE(static_cast<std::int64_t>(body.size()), files[0].size);  // it may have grown since
  // The file holds the container's log: the pod log's last line (read before) is in it.
  EXPECT_NE(body.find(tail.front() + "\n"), std::string::npos);

  std::string by_name;
  flink.read_log_file(kTaskManager, "taskmanager.log", [&](std::string_view chunk) {
    by_name += chunk;
    return true;
  });
  EXPECT_EQ(by_name.substr(0, body.size()), body);
  std::string jobmanager;
  flink.read_log_file("", "", [&](std::string_view chunk) {
    jobmanager += chunk;
    return true;
  });
  EXPECT_NE(jobmanager.find("StandaloneSessionClusterEntrypoint"), std::string::npos);
  EXPECT_EQ(flink.log_files("").front().name, "jobmanager.log");
  test::error_of(
      [&] { flink.read_log_file(kTaskManager, "nope.log", [](std::string_view) { return true; }); },
      ErrorKind::NotFound);
  test::error_of([&] { flink.log_files("no-such-taskmanager"); }, ErrorKind::NotFound);
}

TEST(DemoLogs, AVertexSaysWhichTaskManagersRunIt) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  auto flink = test_support::flink_client(api, kNs, "orders-app-rest");
  const auto jobs = flink.jobs();
  ASSERT_FALSE(jobs.empty());
  const auto job = flink.job(jobs.front().id);
  ASSERT_FALSE(job.vertices.empty());
  const auto tms = flink.vertex_taskmanagers(job.id, job.vertices.front().id);
  ASSERT_FALSE(tms.empty());
  for (const auto& tm : tms) {
    EXPECT_EQ(tm.taskmanager_id.rfind("orders-app-taskmanager-1-", 0), 0u) << tm.taskmanager_id;
    EXPECT_FALSE(tm.endpoint.empty());
  }
}

}  // namespace
}  // namespace flinktop::demo
