// The demo's Kubernetes side through flinktop's own clients: its kubeconfig, list + watch with
// bookmarks, cluster discovery of the three kinds, the simulated operator reacting to a suspend
// and to a FlinkStateSnapshot, followed pod logs, and the pod count at scale.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "demo/environment.hpp"
#include "demo/kube_api_server.hpp"
#include "demo/simulation.hpp"
#include "core/http/cancel_token.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/sync/context_loader.hpp"
#include "demo_test_support.hpp"

namespace flinktop::demo {
namespace {

using nlohmann::json;
using test_support::client_for;
using test_support::eventually;
namespace r = kube::resources;

json get_status(kube::ApiClient& api, const kube::ResourceType& type, const std::string& name) {
  return api.get(type, "flink-demo", name).value("status", json::object());
}

TEST(DemoKube, KubeconfigIsPrivateAndGoesAwayWithTheEnvironment) {
  std::filesystem::path path;
  {
    Environment env(test_support::standing_still());
    path = env.kubeconfig();
    ASSERT_TRUE(std::filesystem::exists(path));
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(client_for(env)->context(), Environment::kContext);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path.parent_path()));
}

TEST(DemoKube, DiscoveryFindsTheThreeKindsWithTheirPods) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  EXPECT_TRUE(api->serves(r::kFlinkDeployments));
  EXPECT_TRUE(api->serves(r::kFlinkSessionJobs));
  EXPECT_TRUE(api->serves(r::kFlinkStateSnapshots));

  kube::ListOptions paged;
  paged.page_size = 2;  // several pages: the continue tokens work
  EXPECT_EQ(api->list(r::kPods, paged).items.size(), 11u);  // 1+2, 1+3, 1+3
  EXPECT_EQ(api->list(r::kFlinkSessionJobs, {}).items.size(), 2u);

  const auto clusters = model::discover_clusters(sync::load_context(*api, ""));
  ASSERT_EQ(clusters.size(), 3u);
  std::map<std::string, const model::Cluster*> by_name;
  for (const auto& c : clusters) by_name[c.name] = &c;
  ASSERT_TRUE(by_name.count("orders-app") && by_name.count("analytics-session") && by_name.count("flink"));
  EXPECT_EQ(by_name["orders-app"]->kind, model::ClusterKind::OperatorApplication);
  EXPECT_EQ(by_name["analytics-session"]->kind, model::ClusterKind::OperatorSession);
  EXPECT_EQ(by_name["flink"]->kind, model::ClusterKind::Standalone);
  EXPECT_EQ(by_name["analytics-session"]->session_jobs.size(), 2u);
  for (const auto& c : clusters) {
    EXPECT_EQ(c.jobmanagers_ready, 1) << c.name;
    EXPECT_GE(c.taskmanagers_ready, 2) << c.name;
    EXPECT_TRUE(c.rest.has_value()) << c.name;
  }
  EXPECT_EQ(by_name["flink"]->rest->name, "flink-jobmanager");
}

TEST(DemoKube, WatchSeesTheOperatorAnswerASnapshotAndBookmarks) {
  Environment env;
  auto api = client_for(env);
  const auto listed = api->list(r::kFlinkStateSnapshots, {});
  EXPECT_TRUE(listed.items.empty());

  std::vector<std::string> states;
  bool bookmark = false;
  http::CancelToken cancel;
  std::thread watcher([&] {
    kube::WatchOptions options;
    options.namespace_ = "flink-demo";
    options.resource_version = listed.resource_version;
    options.timeout_seconds = 20;
    try {
      api->watch(r::kFlinkStateSnapshots, options, [&](kube::WatchEvent&& event) {
        if (event.type == kube::WatchEventType::Bookmark) {
          bookmark = true;
        } else {
          const json& status = event.object["status"];  // none yet when just created
          states.push_back(status.is_object() ? status.value("state", "") : "");
        }
        return !(bookmark && !states.empty() && states.back() == "COMPLETED");
      }, &cancel);
    } catch (const Error&) {
    }
  });
  json snapshot{{"metadata", {{"name", "orders-app-savepoint-test"}}},
                {"spec", {{"backoffLimit", 1},
                          {"jobReference", {{"kind", "FlinkDeployment"}, {"name", "orders-app"}}},
                          {"savepoint", {{"formatType", "CANONICAL"}, {"disposeOnDelete", true}}}}}};
  api->create(r::kFlinkStateSnapshots, "flink-demo", snapshot);
  env.kube().bookmark();
  EXPECT_TRUE(eventually([&] {
    return get_status(*api, r::kFlinkStateSnapshots, "orders-app-savepoint-test").value("state", "") == "COMPLETED";
  }));
  const json status = get_status(*api, r::kFlinkStateSnapshots, "orders-app-savepoint-test");
  EXPECT_EQ(status.value("path", "").rfind("s3://flink-demo/savepoints/flink-demo/orders-app/savepoint-", 0), 0u)
      << status.dump();
  // The FlinkDeployment shows it too, as the operator's savepointInfo does.
  const json info = get_status(*api, r::kFlinkDeployments, "orders-app")["jobStatus"]["savepointInfo"];
  EXPECT_EQ(info["lastSavepoint"].value("location", ""), status.value("path", ""));

  std::atomic<bool> ended{false};
  std::thread watchdog([&] {
    for (int i = 0; i < 100 && !ended; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.cancel();  // the watch should have ended by itself long before
  });
  watcher.join();
  ended = true;
  watchdog.join();
  EXPECT_TRUE(bookmark);
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states.back(), "COMPLETED");
}

TEST(DemoKube, SuspendingAnApplicationMovesItsLifecycleAndResumeRestoresIt) {
  Environment env;
  auto api = client_for(env);
  api->patch(r::kFlinkDeployments, "flink-demo", "orders-app", {{"spec", {{"job", {{"state", "suspended"}}}}}},
             kube::PatchType::Merge);
  EXPECT_TRUE(eventually([&] {
    return get_status(*api, r::kFlinkDeployments, "orders-app").value("lifecycleState", "") == "SUSPENDED";
  }));
  json status = get_status(*api, r::kFlinkDeployments, "orders-app");
  EXPECT_EQ(status["jobStatus"].value("state", ""), "FINISHED");  // upgradeMode savepoint: stopped with one
  EXPECT_EQ(status.value("jobManagerDeploymentStatus", ""), "MISSING");
  EXPECT_FALSE(status["jobStatus"].value("upgradeSavepointPath", "").empty());
  kube::ListOptions pods;
  pods.label_selector = "app=orders-app";
  EXPECT_TRUE(eventually([&] { return api->list(r::kPods, pods).items.empty(); }));

  api->patch(r::kFlinkDeployments, "flink-demo", "orders-app", {{"spec", {{"job", {{"state", "running"}}}}}},
             kube::PatchType::Merge);
  EXPECT_TRUE(eventually([&] {
    const json s = get_status(*api, r::kFlinkDeployments, "orders-app");
    return s.value("lifecycleState", "") == "STABLE" && s["jobStatus"].value("state", "") == "RUNNING";
  }));
  EXPECT_EQ(api->list(r::kPods, pods).items.size(), 3u);
}

TEST(DemoKube, FollowedTaskManagerLogDeliversNewLines) {
  Environment env;
  auto api = client_for(env);
  kube::LogOptions options;
  options.follow = true;
  options.tail_lines = 2;
  std::vector<std::string> lines;
  http::CancelToken cancel;
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    for (int i = 0; i < 300 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.cancel();
  });
  try {
    api->pod_logs("flink-demo", "orders-app-taskmanager-1-1", options, [&](std::string_view line) {
      lines.emplace_back(line);
      return lines.size() < 5;  // two from the tail, then three written while we follow
    }, &cancel);
  } catch (const Error&) {
  }
  done = true;
  watchdog.join();
  ASSERT_EQ(lines.size(), 5u);
  for (const auto& line : lines) EXPECT_FALSE(line.empty());
  // Flink's log4j console layout: "2026-11-21 10:00:00,123 INFO  org.apache.flink...".
  EXPECT_NE(lines.back().find(" - "), std::string::npos) << lines.back();
}

TEST(DemoKube, ScaleGivesThatManyPodsAndAFifthAsManyJobs) {
  Environment env(test_support::standing_still(600));
  auto api = client_for(env);
  EXPECT_EQ(api->list(r::kPods, {}).items.size(), 600u);
  EXPECT_EQ(env.simulation().job_count(), 120);
  EXPECT_EQ(env.listeners(), 2);  // the API server and one shared Flink REST listener
  // A cluster behind the shared listener answers through the service proxy like any other.
  const auto clusters = env.simulation().clusters();
  auto flink = test_support::flink_client(api, clusters.back().ns, clusters.back().service);
  EXPECT_EQ(flink.jobs().size(), 1u);
}

}  // namespace
}  // namespace flinktop::demo
