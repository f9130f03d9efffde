// plan_logs, the one decision of what to tail for the log view and `flinktop logs`: every scope on
// native / operator clusters (TaskManager ids are pod names) and standalone ones (ids carry the
// pod's IP), with and without Kubernetes, previous containers, and a job whose TaskManagers are not
// known yet, could not be looked up, or match no pod. Exact lists and exact lines.
#include "core/logs/log_plan.hpp"

#include <gtest/gtest.h>

#include "core/flink/client.hpp"
#include "core/flink/endpoint.hpp"

namespace flinktop::logs {
namespace {

model::ClusterPod pod(const std::string& ns, const std::string& name, model::PodRole role) {
  model::ClusterPod p;
  p.uid = "uid-" + name;
  p.name = name;
  p.namespace_ = ns;
  p.role = role;
  p.phase = "Running";
  return p;
}

// A native (or operator) cluster: TaskManager ids are its pods' names.
model::Cluster native_cluster(model::ClusterKind kind = model::ClusterKind::Native) {
  model::Cluster c;
  c.id = "ctx/flink/orders";
  c.context = "ctx";
  c.namespace_ = "flink";
  c.name = "orders";
  c.kind = kind;
  c.pods = {pod("flink", "orders-jobmanager-6d9f", model::PodRole::JobManager),
            pod("flink", "orders-taskmanager-1-1", model::PodRole::TaskManager),
            pod("flink", "orders-taskmanager-1-2", model::PodRole::TaskManager),
            pod("flink", "orders-savepoint-cleaner", model::PodRole::Other)};
  return c;
}

// A standalone cluster: TaskManager ids are "<pod IP>:<port>-<hex>", matched to pods by IP.
model::Cluster standalone_cluster() {
  model::Cluster c;
  c.id = "ctx/flink/session";
  c.context = "ctx";
  c.namespace_ = "flink";
  c.name = "session";
  c.kind = model::ClusterKind::Standalone;
  c.deployment_mode = "standalone";
  c.pods = {pod("flink", "session-jobmanager-7c9", model::PodRole::JobManager),
            pod("flink", "session-taskmanager-5d8-abcde", model::PodRole::TaskManager),
            pod("flink", "session-taskmanager-5d8-fghij", model::PodRole::TaskManager)};
  return c;
}

const PodIps kStandaloneIps{{"session-jobmanager-7c9", "10.0.0.5"},
                            {"session-taskmanager-5d8-abcde", "10.0.0.7"},
                            {"session-taskmanager-5d8-fghij", "10.0.0.8"}};

// --flink-url: no namespace, no pods; the name is the URL's host:port.
model::Cluster flink_url_cluster() {
  model::Cluster c;
  c.id = "http://127.0.0.1:8081";
  c.name = "127.0.0.1:8081";
  c.kind = model::ClusterKind::Standalone;
  return c;
}

std::shared_ptr<flink::Client> some_flink() {
  // Never called by plan_logs: only carried into the targets.
  return std::make_shared<flink::Client>(flink::direct_endpoint("http://127.0.0.1:9"));
}

std::vector<std::string> pod_names(const LogPlan& plan) {
  std::vector<std::string> names;
  for (const auto& p : plan.pods) names.push_back(p.name);
  return names;
}

std::vector<std::string> file_ids(const LogPlan& plan) {
  std::vector<std::string> ids;
  for (const auto& f : plan.files) ids.push_back(f.taskmanager_id);
  return ids;
}

using Names = std::vector<std::string>;

class LogPlanTest : public ::testing::Test {
 protected:
  LogPlanInput input(LogScope scope) const {
    LogPlanInput in;
    in.scope = scope;
    in.flink = flink;
    return in;
  }
  LogPlanInput job(LogScope scope = LogScope::Job) const {
    LogPlanInput in = input(scope);
    in.job_id = "abcd1234ef567890abcd1234ef567890";
    in.job_name = "orders-enrichment";
    return in;
  }

  std::shared_ptr<flink::Client> flink = some_flink();
};

// --- the whole cluster -------------------------------------------------------------------------

TEST_F(LogPlanTest, AClusterIsItsJobManagerAndTaskManagerPodsAndNoOtherPod) {
  const LogPlan plan = plan_logs(native_cluster(), input(LogScope::Cluster));
  EXPECT_EQ(pod_names(plan), (Names{"orders-jobmanager-6d9f", "orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.subject, "the JobManager and TaskManagers of flink/orders");
  EXPECT_EQ(plan.description,
            "the JobManager and TaskManagers of flink/orders: orders-jobmanager-6d9f, orders-taskmanager-1-1, "
            "orders-taskmanager-1-2");
  EXPECT_EQ(plan.problem, "");
  EXPECT_FALSE(plan.keep_pods);
  EXPECT_FALSE(plan.waiting_for_job);
  // What the REST fallback needs travels with each pod.
  ASSERT_EQ(plan.pods.size(), 3u);
  EXPECT_TRUE(plan.pods[0].jobmanager);
  EXPECT_FALSE(plan.pods[1].jobmanager);
  for (const auto& p : plan.pods) {
    EXPECT_EQ(p.flink, flink);
    EXPECT_EQ(p.namespace_, "flink");
    EXPECT_EQ(p.uid, "uid-" + p.name);
    EXPECT_EQ(p.container, "") << "the default container";
  }
}

TEST_F(LogPlanTest, AnOperatorClusterIsPlannedLikeANativeOne) {
  const LogPlan plan = plan_logs(native_cluster(model::ClusterKind::OperatorApplication), input(LogScope::Cluster));
  EXPECT_EQ(pod_names(plan), (Names{"orders-jobmanager-6d9f", "orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
}

TEST_F(LogPlanTest, TheContainerAskedForIsEveryPodsContainer) {
  LogPlanInput in = input(LogScope::Cluster);
  in.container = "log-shipper";
  const LogPlan plan = plan_logs(native_cluster(), in);
  ASSERT_EQ(plan.pods.size(), 3u);
  for (const auto& p : plan.pods) EXPECT_EQ(p.container, "log-shipper") << p.name;
}

TEST_F(LogPlanTest, ManyPodsAreListedAsTheFirstFourAndHowManyMore) {
  model::Cluster c = native_cluster();
  for (int i = 3; i <= 6; ++i)
    c.pods.push_back(pod("flink", "orders-taskmanager-1-" + std::to_string(i), model::PodRole::TaskManager));
  const LogPlan plan = plan_logs(c, input(LogScope::Cluster));
  EXPECT_EQ(plan.pods.size(), 7u);
  EXPECT_EQ(plan.description,
            "the JobManager and TaskManagers of flink/orders: orders-jobmanager-6d9f, orders-taskmanager-1-1, "
            "orders-taskmanager-1-2, orders-taskmanager-1-3 and 3 more");
}

TEST_F(LogPlanTest, AClusterWithoutPodsYetSaysSo) {
  model::Cluster c = native_cluster();
  c.pods = {pod("flink", "orders-savepoint-cleaner", model::PodRole::Other)};
  const LogPlan plan = plan_logs(c, input(LogScope::Cluster));
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_EQ(plan.description, "the JobManager and TaskManagers of flink/orders");
  EXPECT_EQ(plan.problem, "no JobManager or TaskManager pod of flink/orders yet");
}

TEST_F(LogPlanTest, PreviousContainersOfAClusterAreKubernetesPods) {
  LogPlanInput in = input(LogScope::Cluster);
  in.previous = true;
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"orders-jobmanager-6d9f", "orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, EveryTaskManagerIsTheTaskManagerPodsOnly) {
  const LogPlan plan = plan_logs(native_cluster(), input(LogScope::EveryTaskManager));
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
  EXPECT_EQ(plan.subject, "the TaskManagers of flink/orders");
  EXPECT_EQ(plan.description, "the TaskManagers of flink/orders: orders-taskmanager-1-1, orders-taskmanager-1-2");
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, TheJobManagerIsItsPod) {
  const LogPlan plan = plan_logs(native_cluster(), input(LogScope::JobManager));
  EXPECT_EQ(pod_names(plan), (Names{"orders-jobmanager-6d9f"}));
  EXPECT_EQ(plan.description, "the JobManager of flink/orders: orders-jobmanager-6d9f");
}

// --- without Kubernetes: the Flink REST log files ----------------------------------------------

TEST_F(LogPlanTest, WithoutKubernetesAClusterIsTheRestLogFilesOfTheProcessesFlinkKnows) {
  LogPlanInput in = input(LogScope::Cluster);
  in.kubernetes = false;
  in.taskmanagers = TaskManagerEndpoints{{"tm-b", "10.0.0.2:6122"}, {"tm-a", "10.0.0.1:6122"}};
  model::Cluster c = flink_url_cluster();
  c.pods = native_cluster().pods;  // even were pods known, they cannot be followed
  const LogPlan plan = plan_logs(c, in);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_EQ(file_ids(plan), (Names{"", "tm-a", "tm-b"}));
  for (const auto& f : plan.files) {
    EXPECT_EQ(f.flink, flink);
    EXPECT_EQ(f.file, "");
  }
  EXPECT_EQ(plan.subject, "the JobManager and TaskManagers of 127.0.0.1:8081");
  EXPECT_EQ(plan.description,
            "the JobManager and 2 TaskManagers of 127.0.0.1:8081 (Flink REST log files: no Kubernetes)");
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, WithoutKubernetesTheTaskManagersNotYetKnownAreNone) {
  LogPlanInput in = input(LogScope::Cluster);
  in.kubernetes = false;
  const LogPlan plan = plan_logs(flink_url_cluster(), in);
  EXPECT_EQ(file_ids(plan), (Names{""}));
  EXPECT_EQ(plan.description,
            "the JobManager and 0 TaskManagers of 127.0.0.1:8081 (Flink REST log files: no Kubernetes)");
}

TEST_F(LogPlanTest, WithoutKubernetesPreviousContainersOrNoRestApiLeaveNothing) {
  LogPlanInput in = input(LogScope::Cluster);
  in.kubernetes = false;
  in.taskmanagers = TaskManagerEndpoints{{"tm-a", ""}};
  in.previous = true;
  LogPlan plan = plan_logs(flink_url_cluster(), in);
  EXPECT_TRUE(plan.files.empty());
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_EQ(plan.problem, "Flink's REST API has no previous containers' logs (P shows the running ones)");

  in.previous = false;
  in.flink = nullptr;
  plan = plan_logs(flink_url_cluster(), in);
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.problem, "no Flink REST API to read log files from");
}

TEST_F(LogPlanTest, WithoutKubernetesEveryTaskManagerAndTheJobManagerAreRestLogFiles) {
  LogPlanInput in = input(LogScope::EveryTaskManager);
  in.kubernetes = false;
  in.taskmanagers = TaskManagerEndpoints{{"tm-a", ""}, {"tm-b", ""}};
  LogPlan plan = plan_logs(flink_url_cluster(), in);
  EXPECT_EQ(file_ids(plan), (Names{"tm-a", "tm-b"}));
  EXPECT_EQ(plan.description, "the 2 TaskManagers of 127.0.0.1:8081 (Flink REST log files: no Kubernetes)");
  EXPECT_EQ(plan.problem, "");

  in.taskmanagers = TaskManagerEndpoints{};
  plan = plan_logs(flink_url_cluster(), in);
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.problem, "Flink knows no TaskManager of 127.0.0.1:8081 yet");

  in.scope = LogScope::JobManager;
  plan = plan_logs(flink_url_cluster(), in);
  EXPECT_EQ(file_ids(plan), (Names{""}));
  EXPECT_EQ(plan.description, "the JobManager of 127.0.0.1:8081 (Flink REST log file: no Kubernetes)");
}

// --- one pod -----------------------------------------------------------------------------------

TEST_F(LogPlanTest, APodIsThatPodWhateverItsRole) {
  LogPlanInput in = input(LogScope::Pod);
  in.pod = "orders-savepoint-cleaner";
  in.container = "cleaner";
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"orders-savepoint-cleaner"}));
  EXPECT_EQ(plan.pods[0].container, "cleaner");
  EXPECT_EQ(plan.description, "pod flink/orders-savepoint-cleaner");
  EXPECT_FALSE(plan.keep_pods);
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, APodGoneFromTheClusterKeepsItsFollower) {
  LogPlanInput in = input(LogScope::Pod);
  in.pod = "orders-taskmanager-1-9";
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_TRUE(plan.keep_pods);
  EXPECT_EQ(plan.description, "pod flink/orders-taskmanager-1-9");
  EXPECT_EQ(plan.problem, "the pod is gone from the cluster");
}

// --- one TaskManager ---------------------------------------------------------------------------

TEST_F(LogPlanTest, ANativeTaskManagerIdIsItsPodsName) {
  LogPlanInput in = input(LogScope::TaskManager);
  in.taskmanager_id = "orders-taskmanager-1-2";
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-2"}));
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.subject, "TaskManager orders-taskmanager-1-2");
  EXPECT_EQ(plan.description, "TaskManager pod orders-taskmanager-1-2");
}

TEST_F(LogPlanTest, AStandaloneTaskManagerIsThePodWithItsIp) {
  LogPlanInput in = input(LogScope::TaskManager);
  in.taskmanager_id = "10.0.0.8:6122-3f2a1b";
  in.pod_ips = kStandaloneIps;
  const LogPlan plan = plan_logs(standalone_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"session-taskmanager-5d8-fghij"}));
  EXPECT_EQ(plan.pods[0].pod_ip, "10.0.0.8");
  EXPECT_EQ(plan.description, "TaskManager 10.0.0.8:6122-3f2a1b (pod session-taskmanager-5d8-fghij)");
}

TEST_F(LogPlanTest, ATaskManagerWhoseIdNamesNoAddressIsFoundByItsEndpoint) {
  LogPlanInput in = input(LogScope::TaskManager);
  in.taskmanager_id = "session-tm-3f2a1b";
  in.pod_ips = kStandaloneIps;
  in.taskmanagers = TaskManagerEndpoints{{"session-tm-3f2a1b", "10.0.0.7:6122"}};
  const LogPlan plan = plan_logs(standalone_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"session-taskmanager-5d8-abcde"}));
}

TEST_F(LogPlanTest, ATaskManagerNoPodMatchesIsItsRestLogFile) {
  LogPlanInput in = input(LogScope::TaskManager);
  in.taskmanager_id = "10.0.0.99:6122-3f2a1b";
  in.pod_ips = kStandaloneIps;
  const LogPlan plan = plan_logs(standalone_cluster(), in);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_EQ(file_ids(plan), (Names{"10.0.0.99:6122-3f2a1b"}));
  EXPECT_EQ(plan.description, "TaskManager 10.0.0.99:6122-3f2a1b (Flink REST log file: no pod matches it)");
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, ATaskManagerNoPodMatchesHasNoPreviousLogAndNoRestApiNoFile) {
  LogPlanInput in = input(LogScope::TaskManager);
  in.taskmanager_id = "10.0.0.99:6122-3f2a1b";
  in.pod_ips = kStandaloneIps;
  in.previous = true;
  LogPlan plan = plan_logs(standalone_cluster(), in);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.description, "TaskManager 10.0.0.99:6122-3f2a1b");
  EXPECT_EQ(plan.problem, "no pod matches it: Flink's REST API has no previous container's log");

  in.previous = false;
  in.flink = nullptr;
  plan = plan_logs(standalone_cluster(), in);
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.problem, "no pod matches it and the cluster has no Flink REST API");
}

TEST_F(LogPlanTest, WithoutKubernetesATaskManagerIsItsRestLogFile) {
  LogPlanInput in = input(LogScope::TaskManager);
  in.kubernetes = false;
  in.taskmanager_id = "orders-taskmanager-1-1";
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_EQ(file_ids(plan), (Names{"orders-taskmanager-1-1"}));
  EXPECT_EQ(plan.description, "TaskManager orders-taskmanager-1-1 (Flink REST log files: no Kubernetes)");
}

// --- a job -------------------------------------------------------------------------------------

TEST_F(LogPlanTest, AJobWhoseTaskManagersAreNotKnownYetWaits) {
  const LogPlan plan = plan_logs(native_cluster(), job());
  EXPECT_TRUE(plan.waiting_for_job);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.subject, "the TaskManagers running job orders-enrichment (abcd1234)");
  EXPECT_EQ(plan.description, "asking Flink which TaskManagers run job orders-enrichment (abcd1234)…");
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, ANativeJobIsThePodsOfItsTaskManagers) {
  LogPlanInput in = job();
  in.job_taskmanagers = TaskManagerEndpoints{{"orders-taskmanager-1-2", "10.0.0.2:6122"}};
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_FALSE(plan.waiting_for_job);
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-2"}));
  EXPECT_EQ(plan.description, "the TaskManagers running job orders-enrichment (abcd1234): orders-taskmanager-1-2");
  EXPECT_EQ(plan.problem, "");
}

TEST_F(LogPlanTest, AStandaloneJobIsThePodsAtItsTaskManagersAddressesEachOnce) {
  LogPlanInput in = job();
  in.pod_ips = kStandaloneIps;
  // Two TaskManager processes one after the other in the same pod: the pod once.
  in.job_taskmanagers = TaskManagerEndpoints{{"10.0.0.7:6122-3f2a1b", "10.0.0.7:6122"},
                                             {"10.0.0.7:6122-99aa00", "10.0.0.7:6122"},
                                             {"10.0.0.8:6122-c0ffee", "10.0.0.8:6122"}};
  const LogPlan plan = plan_logs(standalone_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"session-taskmanager-5d8-abcde", "session-taskmanager-5d8-fghij"}));
  EXPECT_EQ(plan.description,
            "the TaskManagers running job orders-enrichment (abcd1234): session-taskmanager-5d8-abcde, "
            "session-taskmanager-5d8-fghij");
}

TEST_F(LogPlanTest, AFailedLookKeepsWhatTheLastOneFoundAndSaysSo) {
  LogPlanInput in = job();
  in.job_taskmanagers = TaskManagerEndpoints{{"orders-taskmanager-1-1", ""}};
  in.job_taskmanagers_error = "connection refused";
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-1"}));
  EXPECT_EQ(plan.problem, "the TaskManagers may have changed: connection refused");
}

TEST_F(LogPlanTest, AJobWhoseLookFailedIsEveryTaskManagerWithAProblemLine) {
  LogPlanInput in = job();
  in.job_taskmanagers = TaskManagerEndpoints{};
  in.job_taskmanagers_error = "connection refused";
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
  EXPECT_EQ(plan.subject, "the TaskManagers running job orders-enrichment (abcd1234)");
  EXPECT_EQ(plan.description, "every TaskManager of flink/orders");
  EXPECT_EQ(plan.problem,
            "job orders-enrichment (abcd1234) runs on no TaskManager flinktop can match to a pod "
            "(connection refused): following every TaskManager");
}

TEST_F(LogPlanTest, AJobOnNoMatchableTaskManagerIsEveryTaskManagerAndSaysWhichDidNotMatch) {
  LogPlanInput in = job();
  in.pod_ips = kStandaloneIps;
  in.job_taskmanagers = TaskManagerEndpoints{{"10.0.0.99:6122-3f2a1b", "10.0.0.99:6122"}};
  const LogPlan plan = plan_logs(standalone_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"session-taskmanager-5d8-abcde", "session-taskmanager-5d8-fghij"}));
  EXPECT_EQ(plan.description, "every TaskManager of flink/session");
  EXPECT_EQ(plan.problem,
            "job orders-enrichment (abcd1234) runs on no TaskManager flinktop can match to a pod "
            "(no pod matches its TaskManager 10.0.0.99:6122-3f2a1b): following every TaskManager");
}

TEST_F(LogPlanTest, AJobRunningNoTasksSaysItsState) {
  LogPlanInput in = job();
  in.job_taskmanagers = TaskManagerEndpoints{};
  in.job_state = "FINISHED";
  LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
  EXPECT_EQ(plan.problem,
            "job orders-enrichment (abcd1234) runs on no TaskManager flinktop can match to a pod "
            "(it runs no tasks now, state FINISHED): following every TaskManager");

  in.job_state = "";
  plan = plan_logs(native_cluster(), in);
  EXPECT_EQ(plan.problem,
            "job orders-enrichment (abcd1234) runs on no TaskManager flinktop can match to a pod "
            "(it runs no tasks now): following every TaskManager");
}

TEST_F(LogPlanTest, AJobOfAClusterWithoutRestApiIsEveryTaskManagerAtOnce) {
  LogPlanInput in = job();
  in.flink = nullptr;
  const LogPlan plan = plan_logs(native_cluster(), in);
  EXPECT_FALSE(plan.waiting_for_job);
  EXPECT_EQ(pod_names(plan), (Names{"orders-taskmanager-1-1", "orders-taskmanager-1-2"}));
  for (const auto& p : plan.pods) EXPECT_EQ(p.flink, nullptr);
  EXPECT_EQ(plan.problem,
            "job orders-enrichment (abcd1234) runs on no TaskManager flinktop can match to a pod "
            "(the cluster has no Flink REST API): following every TaskManager");
}

TEST_F(LogPlanTest, AJobNamedByItsShortIdIsNotNamedTwice) {
  LogPlanInput in = job();
  in.job_name = "abcd1234";
  EXPECT_EQ(plan_logs(native_cluster(), in).description, "asking Flink which TaskManagers run job abcd1234…");
  in.job_name = "";
  EXPECT_EQ(plan_logs(native_cluster(), in).description, "asking Flink which TaskManagers run job abcd1234…");
}

TEST_F(LogPlanTest, WithoutKubernetesAJobIsItsTaskManagersRestLogFiles) {
  LogPlanInput in = job();
  in.kubernetes = false;
  in.taskmanagers = TaskManagerEndpoints{{"tm-a", ""}, {"tm-b", ""}, {"tm-c", ""}};
  in.job_taskmanagers = TaskManagerEndpoints{{"tm-a", ""}, {"tm-c", ""}};
  LogPlan plan = plan_logs(flink_url_cluster(), in);
  EXPECT_TRUE(plan.pods.empty());
  EXPECT_EQ(file_ids(plan), (Names{"tm-a", "tm-c"}));
  EXPECT_EQ(plan.description,
            "the 2 TaskManagers running job orders-enrichment (abcd1234) (Flink REST log files: no Kubernetes)");
  EXPECT_EQ(plan.problem, "");

  // On none: every TaskManager Flink knows.
  in.job_taskmanagers = TaskManagerEndpoints{};
  plan = plan_logs(flink_url_cluster(), in);
  EXPECT_EQ(file_ids(plan), (Names{"tm-a", "tm-b", "tm-c"}));
  EXPECT_EQ(plan.description, "every TaskManager of 127.0.0.1:8081 (Flink REST log files: no Kubernetes)");
  EXPECT_EQ(plan.problem,
            "job orders-enrichment (abcd1234) runs on no TaskManager flinktop can match (it runs no tasks now): "
            "following every TaskManager");
}

TEST_F(LogPlanTest, WithoutKubernetesAJobsPreviousContainersAreNothingAtOnce) {
  LogPlanInput in = job();
  in.kubernetes = false;
  in.previous = true;
  const LogPlan plan = plan_logs(flink_url_cluster(), in);
  EXPECT_FALSE(plan.waiting_for_job) << "no answer from Flink would change it";
  EXPECT_TRUE(plan.files.empty());
  EXPECT_EQ(plan.description,
            "the TaskManagers running job orders-enrichment (abcd1234) (Flink REST log files: no Kubernetes)");
  EXPECT_EQ(plan.problem, "Flink's REST API has no previous containers' logs (P shows the running ones)");
}

}  // namespace
}  // namespace flinktop::logs
