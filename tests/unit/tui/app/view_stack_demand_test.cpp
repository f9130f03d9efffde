// The screen's demand: the top view's, with the logs of the topmost log view under it, so that a
// view opened over a log view does not stop (and later restart) its tail.
#include <gtest/gtest.h>

#include "tui/app/view_stack.hpp"
#include "tui/views/clusters_view.hpp"
#include "tui/views/job_view.hpp"
#include "tui/views/logs_view.hpp"
#include "tui/views/pods_view.hpp"
#include "tui/views/taskmanagers_view.hpp"

namespace flinktop::tui {
namespace {

TEST(ViewStackDemand, IsTheTopViewsWithTheLogsOfTheTopmostLogView) {
  ViewStack stack(std::make_unique<ClustersView>(false, ""));
  EXPECT_EQ(stack.demand(), sync::Demand{}) << "a list of Kubernetes clusters needs no extra feed";

  stack.push(std::make_unique<JobView>("c1", "orders", "job-1", "enrichment"));
  sync::Demand job = sync::Demand::flink("c1");
  job.job = "job-1";
  EXPECT_EQ(stack.demand(), job);

  stack.push(std::make_unique<LogsView>(LogsTarget{LogRequest::of_job("c1", "job-1", "enrichment"), "job enrichment"}, 100));
  const std::optional<LogRequest> request = stack.top().demand().logs;
  ASSERT_TRUE(request);
  EXPECT_EQ(request->job_id, "job-1");
  sync::Demand logs = sync::Demand::flink("c1");
  logs.logs = request;
  EXPECT_EQ(stack.demand(), logs);

  stack.push(std::make_unique<TaskManagersView>("c1", "orders"));
  sync::Demand taskmanagers = sync::Demand::flink("c1");
  taskmanagers.taskmanager_load = true;
  taskmanagers.logs = request;
  EXPECT_EQ(stack.demand(), taskmanagers) << "the tail goes on under the TaskManagers view";

  stack.back();
  stack.back();
  EXPECT_EQ(stack.demand(), job) << "no log view left: no logs demanded";
}

TEST(ViewStackDemand, TheClusterKnownByItsUrlIsPolledFromTheList) {
  ViewStack stack(std::make_unique<ClustersView>(false, "http://127.0.0.1:8081"));
  EXPECT_EQ(stack.demand(), sync::Demand::flink("http://127.0.0.1:8081"));
  stack.push(std::make_unique<PodsView>());
  sync::Demand pods;
  pods.pod_usage = true;
  EXPECT_EQ(stack.demand(), pods);
}

}  // namespace
}  // namespace flinktop::tui
