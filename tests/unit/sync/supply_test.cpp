// The Supply runs the feeds a Demand names and no others, and says how each is doing: a context
// whose API server refuses the connection reaches the view's data as a failed feed with its reason.
#include "core/sync/supply.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <thread>

#include "demo/flink_rest_server.hpp"
#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"
#include "support/loopback_sockets.hpp"
#include "tui/views/view.hpp"

namespace flinktop::sync {
namespace {

using namespace flinktop::test;
using namespace std::chrono_literals;
namespace r = kube::resources;

// Collects until `done` holds or 10 s pass.
bool collect_until(Supply& supply, const std::function<bool(const Supplied&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    supply.collect();
    if (done(supply.supplied())) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

std::shared_ptr<kube::ApiClient> client_for(const std::string& context, const std::string& url) {
  kube::RestConfig config;
  config.context = context;
  config.server = url;
  return std::make_shared<kube::ApiClient>(config);
}

const model::FeedStatus* feed(const Supplied& supplied, const std::string& context, const std::string& kind) {
  for (const auto& f : supplied.feeds) {
    if (f.context == context && f.kind == kind) return &f;
  }
  return nullptr;
}

TEST(Supply, ARefusedContextReachesTheViewAsAFailedFeedWithItsReason) {
  const std::string url = "http://127.0.0.1:" + std::to_string(test::unused_loopback_port());
  model::Store store;
  SupplyOptions options;
  options.targets.push_back({client_for("down", url), ""});
  Supply supply(std::move(options), store);
  supply.want(Demand{});
  ASSERT_TRUE(collect_until(supply, [](const Supplied& s) {
    const model::FeedStatus* pods = feed(s, "down", "pods");
    return pods && pods->state == model::FeedStatus::State::Failed;
  }));
  EXPECT_TRUE(supply.supplied().cluster_list().empty());

  const tui::ViewData data{supply.supplied(), std::chrono::system_clock::now()};
  const model::FeedStatus* pods = feed(data, "down", "pods");
  ASSERT_NE(pods, nullptr);
  EXPECT_NE(pods->reason.find("127.0.0.1"), std::string::npos) << pods->reason;
  EXPECT_EQ(pods->reason.find('\n'), std::string::npos) << pods->reason;
}

TEST(Supply, RunsTheFlinkPollOnlyWhileItIsDemanded) {
  demo::KubeApiServer kube;
  kube.add(r::kPods, make_pod("streaming", "orders-jm", native_labels("orders", "jobmanager")));
  kube.add(r::kServices, make_service("streaming", "orders-rest", {{"app", "orders"}}, 8081, "rest"));
  model::Store store;
  SupplyOptions options;
  options.targets.push_back({client_for("ctx", kube.url()), ""});
  options.flink_refresh = 50ms;
  Supply supply(std::move(options), store);
  ASSERT_TRUE(collect_until(supply, [](const Supplied& s) { return s.cluster_list().size() == 1; }));
  const std::string id = supply.supplied().cluster_list().front()->id;

  supply.want(Demand::flink(id));
  // The service proxy of this fake API server has no Flink behind it: the poll fails, and says so.
  ASSERT_TRUE(collect_until(supply, [](const Supplied& s) { return s.flink && !s.flink->error.empty(); }));
  const model::FeedStatus* rest = feed(supply.supplied(), "ctx", "Flink REST");
  ASSERT_NE(rest, nullptr);
  EXPECT_EQ(rest->state, model::FeedStatus::State::Failed);
  EXPECT_EQ(rest->reason, supply.supplied().flink->error);

  supply.want(Demand{});
  supply.collect();
  EXPECT_EQ(supply.supplied().flink, nullptr);
  EXPECT_EQ(feed(supply.supplied(), "ctx", "Flink REST"), nullptr);
}

TEST(Supply, ReadsTheJournalOnlyWhileSavepointsAreDemanded) {
  const auto dir = std::filesystem::temp_directory_path() / ("flinktop-supply-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  model::Store store;
  SupplyOptions options;
  options.journal = std::make_shared<actions::Journal>(dir / "journal.jsonl");
  Supply supply(std::move(options), store);
  supply.collect();
  EXPECT_EQ(supply.supplied().journal_savepoints, nullptr);
  Demand savepoints;
  savepoints.savepoints = true;
  supply.want(savepoints);
  EXPECT_TRUE(supply.collect().data);
  ASSERT_NE(supply.supplied().journal_savepoints, nullptr);
  EXPECT_TRUE(supply.supplied().journal_savepoints->empty());
  EXPECT_FALSE(supply.collect().data) << "read again although nothing changed";
  supply.want(Demand{});
  supply.collect();
  EXPECT_EQ(supply.supplied().journal_savepoints, nullptr);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace flinktop::sync
