// The pods view makes its rows again only when they may differ (a cluster's pods, new usage
// figures, an age that reads differently): whatever it skips, it shows what a view made from
// scratch shows.
#include "tui/views/pods_view.hpp"

#include <gtest/gtest.h>

#include "core/text/age.hpp"
#include "tests/unit/tui/app/ui_fixture.hpp"

namespace flinktop::tui {
namespace {

using namespace testing;
using namespace std::chrono_literals;

std::vector<std::pair<std::string, std::vector<std::string>>> shown(PodsView& view) {
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  for (const model::Row& row : view.table()->data().rows) rows.emplace_back(row.id, row.cells);
  return rows;
}

const std::vector<std::string>* row_of(PodsView& view, const std::string& pod_uid) {
  for (const model::Row& row : view.table()->data().rows) {
    if (row.id == std::string(kContext) + "/" + pod_uid) return &row.cells;
  }
  return nullptr;
}

// A snapshot as the Store publishes the next one: the pods map replaced by a changed copy.
std::shared_ptr<const model::ContextSnapshot> with_pod(const model::ContextSnapshot& before, const json& pod_json) {
  auto next = std::make_shared<model::ContextSnapshot>(before);
  auto pods = std::make_shared<model::ObjectMap<kube::Pod>>(*before.pods);
  auto pod = std::make_shared<const kube::Pod>(kube::Pod::from_json(pod_json));
  (*pods)[pod->meta.uid] = pod;
  next->pods = std::move(pods);
  return next;
}

// The view, with the question refresh() asks it in the open.
class FollowedPodsView : public PodsView {
 public:
  using PodsView::rows_unchanged;
};

class PodsViewRows : public ::testing::Test {
 protected:
  // Refreshes the followed view and a fresh one from the same data; they must agree. `skips`:
  // whether the followed view may know its rows unchanged without making them.
  void show(std::shared_ptr<const model::ContextSnapshot> snapshot, std::chrono::system_clock::time_point now,
            bool skips = false) {
    ViewData data;
    data.clusters = discovery_.run(*snapshot);
    data.contexts = {snapshot};
    data.now = now;
    EXPECT_EQ(followed_.rows_unchanged(data), skips);
    followed_.refresh(data, kFrameNow);
    PodsView fresh;
    fresh.refresh(data, kFrameNow);
    EXPECT_EQ(shown(followed_), shown(fresh));
    snapshot_ = std::move(snapshot);
  }

  model::ClusterDiscovery discovery_;
  FollowedPodsView followed_;
  std::shared_ptr<const model::ContextSnapshot> snapshot_ = context_snapshot();
};

TEST_F(PodsViewRows, ShowWhatAFreshViewShowsWhateverTheyKept) {
  show(snapshot_, kWallNow);
  ASSERT_NE(row_of(followed_, "uid-p2"), nullptr);
  EXPECT_EQ(row_of(followed_, "uid-p2")->at(6), "2");

  // Nothing changed; then the orders cluster's operator status changed, not its pods: no rows to make.
  show(snapshot_, kWallNow, true);
  auto upgrading = std::make_shared<model::ContextSnapshot>(*snapshot_);
  json orders = flink_deployment("flink", "orders", "uid-orders", true);
  orders["status"]["lifecycleState"] = "UPGRADING";
  auto deployments = std::make_shared<model::ObjectMap<kube::FlinkDeployment>>(*snapshot_->flink_deployments);
  (*deployments)["uid-orders"] = std::make_shared<const kube::FlinkDeployment>(kube::FlinkDeployment::from_json(orders));
  upgrading->flink_deployments = std::move(deployments);
  show(upgrading, kWallNow, true);

  // A TaskManager of orders restarts: the rows are made again.
  show(with_pod(*snapshot_, pod("flink", "orders-taskmanager-1-1", "uid-p2", native_labels("orders", "taskmanager"), 3,
                                false)),
       kWallNow);
  EXPECT_EQ(row_of(followed_, "uid-p2")->at(6), "3");
  EXPECT_EQ(row_of(followed_, "uid-p2")->at(5), "CrashLoopBackOff");

  // New usage figures: every CPU cell is read again.
  auto usage = std::make_shared<model::ContextSnapshot>(*snapshot_);
  usage->pod_usage = std::make_shared<const model::PodUsageMap>(
      model::PodUsageMap{{"flink/orders-taskmanager-1-1", {0.9, 1e9}}, {"flink/analytics-7c6b5d4f8-abcde", {0.25, 5e8}}});
  show(usage, kWallNow);
  EXPECT_EQ(row_of(followed_, "uid-p2")->at(9), "900m");
  EXPECT_EQ(row_of(followed_, "uid-p4")->at(9), "250m");

  // A young pod's age ticks every second; the view shows it, and so do older clusters' rows.
  json young = pod("adhoc", "adhoc-6f5e4d3c2-qwert", "uid-p5", native_labels("adhoc", "jobmanager"), 1);
  young["metadata"]["creationTimestamp"] = text::rfc3339(kWallNow - 30s);
  show(with_pod(*snapshot_, young), kWallNow);
  EXPECT_EQ(row_of(followed_, "uid-p5")->at(8), "30s");
  show(snapshot_, kWallNow + 500ms, true);
  show(snapshot_, kWallNow + 1s, true);  // asked, but an age is due: refresh() makes the rows
  EXPECT_EQ(row_of(followed_, "uid-p5")->at(8), "31s");
  EXPECT_TRUE(followed_.clock_due(kWallNow + 2s));

  // A pod goes, with its cluster: its rows go.
  auto gone = std::make_shared<model::ContextSnapshot>(*snapshot_);
  auto pods = std::make_shared<model::ObjectMap<kube::Pod>>(*snapshot_->pods);
  pods->erase("uid-p5");
  gone->pods = std::move(pods);
  show(gone, kWallNow + 2s);
  EXPECT_EQ(row_of(followed_, "uid-p5"), nullptr);
  EXPECT_NE(row_of(followed_, "uid-p1"), nullptr);
}

}  // namespace
}  // namespace flinktop::tui
