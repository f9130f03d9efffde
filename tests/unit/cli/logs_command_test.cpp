// `flinktop logs` against the built-in demo (in this process): TARGET as a pod, a cluster, a job, a
// standalone TaskManager id; raw and JSON output; --grep, --timestamps, --all-taskmanagers,
// --previous, -c; and --flink-url, where the lines come from the Flink REST log files.
#include "cli/logs_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/log_targets.hpp"
#include "demo/environment.hpp"
#include "demo/kube_api_server.hpp"
#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "core/flink/endpoint.hpp"
#include "core/kube/resource_type.hpp"
#include "support/expect_error.hpp"

namespace flinktop::cli {
namespace {

// `call` throws an Error of `kind` whose message contains `part`.
template <class F>
void expect_error(ErrorKind kind, F&& call, const std::string& part) {
  const std::string message = flinktop::test::error_of(std::forward<F>(call), kind);
  EXPECT_NE(message.find(part), std::string::npos) << message;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class LogsCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo = new demo::Environment(); }
  static void TearDownTestSuite() {
    delete demo;
    demo = nullptr;
  }

  static GlobalOptions global() {
    GlobalOptions g;
    g.kubeconfig = demo->kubeconfig().string();
    g.all_namespaces = true;
    return g;
  }

  static Outcome run(const LogsOptions& options, const GlobalOptions& g = global()) {
    std::ostringstream out, err;
    Outcome r;
    r.code = run_logs(g, options, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  static LogsOptions target(const std::string& what, std::int64_t tail = 2) {
    LogsOptions o;
    o.target = what;
    o.tail = tail;
    return o;
  }

  static std::string flink_url(const std::string& cluster) {
    for (const auto& e : demo->flink_endpoints()) {
      if (e.cluster == cluster) return e.url;
    }
    return "";
  }

  // The sources (first word) of prefixed lines.
  static std::set<std::string> prefixes(const std::string& out) {
    std::set<std::string> sources;
    for (const auto& line : lines_of(out)) sources.insert(line.substr(0, line.find(' ')));
    return sources;
  }

  static demo::Environment* demo;
};

demo::Environment* LogsCommand::demo = nullptr;

TEST_F(LogsCommand, AClusterMergesItsJobManagerAndTaskManagersWithAPrefix) {
  const Outcome r = run(target("orders-app"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out).size(), 6u) << r.out;
  const auto sources = prefixes(r.out);
  EXPECT_EQ(sources.size(), 3u) << r.out;
  EXPECT_TRUE(sources.count("orders-app-taskmanager-1-1"));
  EXPECT_TRUE(sources.count("orders-app-taskmanager-1-2"));
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when not on a terminal";
}

TEST_F(LogsCommand, APodAloneHasNoPrefix) {
  const Outcome r = run(target("orders-app-taskmanager-1-1", 3));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  for (const auto& line : lines) EXPECT_EQ(line.rfind("orders-app", 0), std::string::npos) << line;
}

TEST_F(LogsCommand, JsonLinesCarryTheSourceAndTheLevel) {
  LogsOptions o = target("flink-demo/orders-app", 1);
  o.output = "json";
  const Outcome r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& line : lines) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["via"], "pods/log");
    EXPECT_EQ(j["namespace"], "flink-demo");
    EXPECT_EQ(j["container"], "flink-main-container");
    EXPECT_EQ(j["source"], j["pod"]);
    EXPECT_TRUE(j["time"].is_string());
    EXPECT_TRUE(j["message"].is_string());
    EXPECT_TRUE(j["continuation"].is_boolean());
  }
}

TEST_F(LogsCommand, TimestampsComeFirstWhenAskedFor) {
  LogsOptions o = target("orders-app-taskmanager-1-2", 2);
  o.timestamps = true;
  const Outcome r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const auto& line : lines_of(r.out)) {
    ASSERT_GT(line.size(), 31u);
    EXPECT_EQ(line[4], '-') << line;
    EXPECT_EQ(line[10], 'T') << line;
    EXPECT_EQ(line[29], 'Z') << line;
  }
}

TEST_F(LogsCommand, GrepKeepsMatchingLinesAndRefusesABadRegex) {
  LogsOptions o = target("analytics-session", 300);
  o.grep = "WARN";
  const Outcome r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = lines_of(r.out);
  EXPECT_FALSE(lines.empty());
  for (const auto& line : lines) EXPECT_NE(line.find("WARN"), std::string::npos) << line;

  o.grep = "!INFO";
  for (const auto& line : lines_of(run(o).out)) EXPECT_EQ(line.find(" INFO "), std::string::npos) << line;

  o.grep = "Task(";
  expect_error(
      ErrorKind::Usage, [&] { run(o); }, "--grep: invalid regex /Task(/");
}

TEST_F(LogsCommand, AJobMeansTheTaskManagersRunningItsTasks) {
  const Outcome r = run(target("orders-enrichment", 1));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto sources = prefixes(r.out);
  ASSERT_FALSE(sources.empty()) << r.out << r.err;
  for (const auto& s : sources) EXPECT_EQ(s.rfind("orders-app-taskmanager-", 0), 0u) << s;

  LogsOptions all = target("fraud-scoring", 1);
  all.all_taskmanagers = true;
  const Outcome everyone = run(all);
  ASSERT_EQ(everyone.code, 0) << everyone.err;
  const auto session = prefixes(everyone.out);
  EXPECT_EQ(session.size(), 3u) << everyone.out;
  for (const auto& s : session) EXPECT_EQ(s.rfind("analytics-session-taskmanager-", 0), 0u) << s;
}

TEST_F(LogsCommand, AStandaloneTaskManagerIdMeansItsPod) {
  flink::Client client(flink::direct_endpoint(flink_url("flink-demo/flink")));
  const auto tms = client.taskmanagers();
  ASSERT_FALSE(tms.empty());
  ASSERT_NE(tms.front().id.find(':'), std::string::npos) << tms.front().id;
  LogsOptions o = target(tms.front().id, 2);
  o.output = "json";
  const Outcome r = run(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u);
  const auto j = nlohmann::json::parse(lines.front());
  EXPECT_EQ(j["via"], "pods/log");
  EXPECT_EQ(j["pod"].get<std::string>().rfind("flink-taskmanager-", 0), 0u) << j.dump();
}

TEST_F(LogsCommand, PreviousAndContainerProblemsEndWithTheirExitCodes) {
  LogsOptions previous = target("orders-app-taskmanager-1-1");
  previous.previous = true;
  const Outcome p = run(previous);
  EXPECT_EQ(p.code, 6) << p.err;
  EXPECT_NE(p.err.find("previous terminated container"), std::string::npos) << p.err;

  LogsOptions sidecar = target("orders-app-taskmanager-1-1");
  sidecar.container = "sidecar";
  const Outcome c = run(sidecar);
  EXPECT_EQ(c.code, 1) << c.err;
  EXPECT_NE(c.err.find("container sidecar is not valid"), std::string::npos) << c.err;
}

TEST_F(LogsCommand, NothingByThatNameIsNotFound) {
  expect_error(
      ErrorKind::NotFound, [&] { run(target("no-such-thing")); },
      "no Flink pod, cluster or TaskManager \"no-such-thing\", and no job \"no-such-thing\"");
  expect_error(
      ErrorKind::Usage, [&] { run(target("")); }, "logs needs a TARGET");
}

TEST_F(LogsCommand, WithFlinkUrlTheRestLogFilesAreShownAndSaidSo) {
  GlobalOptions g;
  g.flink.url = flink_url("flink-demo/orders-app");
  LogsOptions o = target("", 2);
  o.output = "json";
  const Outcome r = run(o, g);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("showing the Flink REST log files of the JobManager and TaskManagers"),
            std::string::npos)
      << r.err;
  const auto lines = lines_of(r.out);
  EXPECT_EQ(lines.size(), 6u) << r.out;
  std::set<std::string> sources;
  for (const auto& line : lines) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["via"], "flink-rest");
    sources.insert(j["source"].get<std::string>());
  }
  EXPECT_TRUE(sources.count("jobmanager")) << r.out;
  EXPECT_TRUE(sources.count("taskmanager orders-app-taskmanager-1-1")) << r.out;

  LogsOptions jm = target("jobmanager", 1);
  const Outcome j = run(jm, g);
  ASSERT_EQ(j.code, 0) << j.err;
  EXPECT_EQ(lines_of(j.out).size(), 1u);

  LogsOptions previous = target("");
  previous.previous = true;
  expect_error(
      ErrorKind::Usage, [&] { run(previous, g); }, "--previous needs Kubernetes");
}

TEST(LogTargetResolverRefresh, SeesTaskManagersJoinAndLeave) {
  demo::EnvironmentOptions still;
  still.tick = false;
  demo::Environment env(still);
  GlobalOptions g;
  g.kubeconfig = env.kubeconfig().string();
  g.all_namespaces = true;
  std::ostringstream err;
  LogTargetResolver resolver(g, {"orders-app", "", false, "", false}, err);
  const LogTargets first = resolver.resolve();
  EXPECT_TRUE(resolver.changes());
  ASSERT_EQ(first.pods.size(), 3u);
  const nlohmann::json labels{
      {"type", "flink-native-kubernetes"}, {"app", "orders-app"}, {"component", "taskmanager"}};
  env.kube().add(kube::resources::kPods,
                 {{"metadata",
                   {{"name", "orders-app-taskmanager-1-3"}, {"namespace", "flink-demo"}, {"labels", labels}}},
                  {"spec", {{"containers", {{{"name", "flink-main-container"}}}}}},
                  {"status", {{"phase", "Running"}}}});
  const LogTargets joined = resolver.refresh();
  ASSERT_EQ(joined.pods.size(), 4u);
  EXPECT_TRUE(std::any_of(joined.pods.begin(), joined.pods.end(), [](const logs::PodLogTarget& p) {
    return p.name == "orders-app-taskmanager-1-3";
  }));
  env.kube().remove(kube::resources::kPods, "flink-demo", "orders-app-taskmanager-1-3");
  env.kube().remove(kube::resources::kPods, "flink-demo", "orders-app-taskmanager-1-2");
  const LogTargets left = resolver.refresh();
  ASSERT_EQ(left.pods.size(), 2u);
  for (const auto& p : left.pods) EXPECT_NE(p.name, "orders-app-taskmanager-1-2");
}

TEST(LogsSince, DurationsAsKubectlTakesThem) {
  EXPECT_EQ(parse_since("90s"), 90);
  EXPECT_EQ(parse_since("10m"), 600);
  EXPECT_EQ(parse_since("1h30m"), 5400);
  EXPECT_EQ(parse_since("2d"), 172800);
  for (const char* bad : {"", "10", "5x", "m", "0s", "-5m"}) {
    expect_error(
        ErrorKind::Usage, [&] { parse_since(bad); }, "is not a duration");
  }
}

}  // namespace
}  // namespace flinktop::cli
