// Cluster discovery: operator application/session clusters, native and standalone clusters (typed
// labels and plain YAML), REST services, states, and that no pod belongs to two clusters.
#include "core/model/cluster_discovery.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/kube/objects/all.hpp"
#include "tests/unit/model/cluster_objects.hpp"

namespace flinktop::model {
namespace {

using nlohmann::json;

json fixture(const std::string& name) {
  std::ifstream in(std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/kube/" + name);
  EXPECT_TRUE(in) << name;
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Builds a ContextSnapshot by decoding objects exactly as the sync workers do.
class Snapshot {
 public:
  explicit Snapshot(std::string context = "kind-dev") { snap_.context = std::move(context); }

  Snapshot& add(const json& object) {
    const std::string kind = object.value("kind", "");
    if (kind == "List" || kind == "PodList") {
      for (const auto& i : object.at("items")) add(i);
    } else if (kind == "Pod") {
      put(pods_, kube::Pod::from_json(object));
    } else if (kind == "Service") {
      put(services_, kube::Service::from_json(object));
    } else if (kind == "Deployment") {
      put(deployments_, kube::Deployment::from_json(object));
    } else if (kind == "FlinkDeployment") {
      put(fds_, kube::FlinkDeployment::from_json(object));
    } else if (kind == "FlinkSessionJob") {
      put(sjs_, kube::FlinkSessionJob::from_json(object));
    } else {
      ADD_FAILURE() << "unexpected kind " << kind;
    }
    return *this;
  }

  const ContextSnapshot& get() {
    snap_.pods = pods_;
    snap_.services = services_;
    snap_.deployments = deployments_;
    snap_.flink_deployments = fds_;
    snap_.session_jobs = sjs_;
    return snap_;
  }

 private:
  template <class T>
  static void put(std::shared_ptr<ObjectMap<T>>& map, T object) {
    if (object.meta.uid.empty()) object.meta.uid = "uid-" + object.meta.namespace_ + "-" + object.meta.name;
    const std::string uid = object.meta.uid;
    (*map)[uid] = std::make_shared<const T>(std::move(object));
  }

  ContextSnapshot snap_;
  std::shared_ptr<ObjectMap<kube::Pod>> pods_ = std::make_shared<ObjectMap<kube::Pod>>();
  std::shared_ptr<ObjectMap<kube::Service>> services_ = std::make_shared<ObjectMap<kube::Service>>();
  std::shared_ptr<ObjectMap<kube::Deployment>> deployments_ = std::make_shared<ObjectMap<kube::Deployment>>();
  std::shared_ptr<ObjectMap<kube::FlinkDeployment>> fds_ = std::make_shared<ObjectMap<kube::FlinkDeployment>>();
  std::shared_ptr<ObjectMap<kube::FlinkSessionJob>> sjs_ = std::make_shared<ObjectMap<kube::FlinkSessionJob>>();
};

const Cluster* find(const std::vector<Cluster>& clusters, const std::string& id) {
  for (const auto& c : clusters) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<std::string> pod_names(const Cluster& c) {
  std::vector<std::string> names;
  for (const auto& p : c.pods) names.push_back(p.name);
  return names;
}

TEST(ClusterDiscovery, KindNamesAreStable) {
  EXPECT_EQ(to_string(ClusterKind::OperatorApplication), "operator-application");
  EXPECT_EQ(to_string(ClusterKind::OperatorSession), "operator-session");
  EXPECT_EQ(to_string(ClusterKind::Native), "native");
  EXPECT_EQ(to_string(ClusterKind::Standalone), "standalone");
}

TEST(ClusterDiscovery, EmptySnapshotHasNoClusters) {
  ContextSnapshot empty;  // all maps null
  EXPECT_TRUE(discover_clusters(empty).empty());
}

TEST(ClusterDiscovery, NativeSessionCluster) {
  Snapshot s;
  s.add(fixture("native_session_pods.json"))
      .add(service("flink", "my-session", {{{"name", "jobmanager-rpc"}, {"port", 6123}}},
                   {{"app", "my-session"}, {"component", "jobmanager"}, {"type", "flink-native-kubernetes"}}))
      .add(service("flink", "my-session-rest", {{{"name", "rest"}, {"port", 8081}, {"targetPort", 8081}}},
                   {{"app", "my-session"}, {"component", "jobmanager"}, {"type", "flink-native-kubernetes"}}));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  const auto& c = clusters[0];
  EXPECT_EQ(c.id, "kind-dev/flink/my-session");
  EXPECT_EQ(c.context, "kind-dev");
  EXPECT_EQ(c.namespace_, "flink");
  EXPECT_EQ(c.name, "my-session");
  EXPECT_EQ(c.kind, ClusterKind::Native);
  EXPECT_EQ(c.deployment_mode, "native");
  EXPECT_EQ(c.flink_version, "1.20.0");  // from the JobManager image tag
  EXPECT_EQ(pod_names(c), (std::vector<std::string>{"my-session-6d8f7b9c5-x2k4p", "my-session-taskmanager-1-1",
                                                    "my-session-taskmanager-1-2"}));
  EXPECT_EQ(c.pods[0].role, PodRole::JobManager);
  EXPECT_EQ(c.pods[0].status, "Running");
  EXPECT_EQ(c.pods[0].node, "worker-1");
  EXPECT_EQ(c.pods[1].role, PodRole::TaskManager);
  EXPECT_EQ(c.pods[1].status, "CrashLoopBackOff");
  EXPECT_EQ(c.pods[1].restarts, 4);
  EXPECT_EQ(c.pods[2].status, "ContainerCreating");
  ASSERT_TRUE(c.rest);
  EXPECT_EQ(c.rest->name, "my-session-rest");
  EXPECT_EQ(c.rest->port, 8081);
  EXPECT_EQ(c.rest->port_name, "rest");
  EXPECT_EQ(c.rest->type, "ClusterIP");
  EXPECT_EQ(c.state, "Ready");
  EXPECT_EQ(c.jobmanagers_ready, 1);
  EXPECT_EQ(c.jobmanagers_total, 1);
  EXPECT_EQ(c.taskmanagers_ready, 0);
  EXPECT_EQ(c.taskmanagers_total, 2);
  EXPECT_FALSE(c.operator_status);
  EXPECT_FALSE(c.operator_managed());
}

TEST(ClusterDiscovery, NativeDeploymentWithoutPodsIsStarting) {
  Snapshot s;
  s.add({{"kind", "Deployment"},
         {"metadata", {{"name", "pending-cluster"}, {"namespace", "jobs"}, {"uid", "d1"},
                       {"creationTimestamp", "2026-11-20T07:00:00Z"},
                       {"labels", native_labels("pending-cluster", "jobmanager")}}},
         {"spec", {{"replicas", 1},
                   {"template", {{"metadata", {{"labels", native_labels("pending-cluster", "jobmanager")}}},
                                 {"spec", {{"containers", {{{"name", "flink-main-container"},
                                                            {"image", "registry.example.com:5000/flink:1.19.1-java17"}}}}}}}}}}});
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].id, "kind-dev/jobs/pending-cluster");
  EXPECT_EQ(clusters[0].kind, ClusterKind::Native);
  EXPECT_TRUE(clusters[0].pods.empty());
  EXPECT_EQ(clusters[0].state, "Starting");
  EXPECT_EQ(clusters[0].jobmanagers_total, 0);
  EXPECT_EQ(clusters[0].flink_version, "1.19.1");
  EXPECT_EQ(clusters[0].created, *kube::json_fields::parse_rfc3339("2026-11-20T07:00:00Z"));
}

TEST(ClusterDiscovery, OperatorApplicationCluster) {
  Snapshot s;
  s.add(fixture("flinkdeployment_application.json"))
      .add(pod("flink", "basic-example-5f7d8c9b6-abcde", native_labels("basic-example", "jobmanager")))
      .add(pod("flink", "basic-example-taskmanager-1-1", native_labels("basic-example", "taskmanager")))
      .add(service("flink", "basic-example-rest", {{{"name", "rest"}, {"port", 8081}}}));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  const auto& c = clusters[0];
  EXPECT_EQ(c.id, "kind-dev/flink/basic-example");
  EXPECT_EQ(c.kind, ClusterKind::OperatorApplication);
  EXPECT_TRUE(c.operator_managed());
  EXPECT_EQ(c.deployment_mode, "native");
  EXPECT_EQ(c.flink_version, "1.20.0");  // clusterInfo wins over spec.flinkVersion
  EXPECT_EQ(c.state, "STABLE");
  EXPECT_EQ(c.created, *kube::json_fields::parse_rfc3339("2026-11-19T10:15:30Z"));
  EXPECT_EQ(pod_names(c), (std::vector<std::string>{"basic-example-5f7d8c9b6-abcde", "basic-example-taskmanager-1-1"}));
  EXPECT_EQ(c.jobmanagers_ready, 1);
  EXPECT_EQ(c.taskmanagers_total, 1);
  ASSERT_TRUE(c.rest);
  EXPECT_EQ(c.rest->name, "basic-example-rest");
  ASSERT_TRUE(c.operator_status);
  const auto& op = *c.operator_status;
  EXPECT_EQ(op.lifecycle_state, "STABLE");
  EXPECT_EQ(op.job_state, "RUNNING");
  EXPECT_EQ(op.job_id, "8e5c0a7f1a3f4d8a9b2c3d4e5f6a7b8c");
  EXPECT_EQ(op.job_name, "State machine job");
  EXPECT_TRUE(op.job_start_time);
  EXPECT_EQ(op.reconciliation_state, "DEPLOYED");
  EXPECT_EQ(op.jm_deployment_status, "READY");
  EXPECT_EQ(op.cluster_info.at("flink-version"), "1.20.0");
  EXPECT_EQ(op.error, "");
  EXPECT_EQ(op.last_savepoint_path, "s3://flink/savepoints/savepoint-8e5c0a-4f2a1b3c9d8e");
  EXPECT_TRUE(op.last_savepoint_time);
  EXPECT_EQ(op.desired_job_state, "running");
  EXPECT_EQ(op.upgrade_mode, "savepoint");
  EXPECT_TRUE(c.session_jobs.empty());
}

TEST(ClusterDiscovery, OperatorSessionWithSessionJobs) {
  auto other_ns_job = fixture("flinksessionjob.json");
  other_ns_job["metadata"]["namespace"] = "elsewhere";
  other_ns_job["metadata"]["uid"] = "sj-elsewhere";
  auto other_cluster_job = fixture("flinksessionjob.json");
  other_cluster_job["metadata"]["name"] = "another-job";
  other_cluster_job["metadata"]["uid"] = "sj-other";
  other_cluster_job["spec"]["deploymentName"] = "another-session";
  auto second_job = fixture("flinksessionjob.json");
  second_job["metadata"]["name"] = "a-first-job";
  second_job["metadata"]["uid"] = "sj-second";
  second_job["status"].erase("error");

  Snapshot s;
  s.add(flink_deployment("flink", "basic-session-deployment-example", false,
                         {{"lifecycleState", "DEPLOYED"}, {"jobManagerDeploymentStatus", "READY"},
                          {"clusterInfo", {{"flink-version", "1.18.1"}}}}))
      .add(fixture("flinksessionjob.json"))
      .add(other_ns_job)
      .add(other_cluster_job)
      .add(second_job);
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  const auto& c = clusters[0];
  EXPECT_EQ(c.kind, ClusterKind::OperatorSession);
  EXPECT_EQ(c.state, "DEPLOYED");
  EXPECT_EQ(c.flink_version, "1.18.1");
  ASSERT_EQ(c.session_jobs.size(), 2u);
  EXPECT_EQ(c.session_jobs[0].name, "a-first-job");
  EXPECT_EQ(c.session_jobs[0].error, "");
  EXPECT_EQ(c.session_jobs[1].name, "basic-session-job-example");
  EXPECT_EQ(c.session_jobs[1].uid, "c0ffee00-1111-4222-8333-444455556666");
  EXPECT_EQ(c.session_jobs[1].lifecycle_state, "STABLE");
  EXPECT_EQ(c.session_jobs[1].job_state, "RUNNING");
  EXPECT_EQ(c.session_jobs[1].job_id, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
  EXPECT_EQ(c.session_jobs[1].job_name, "CarTopSpeedWindowingExample");
  EXPECT_EQ(c.session_jobs[1].error,
            "org.apache.flink.util.FlinkRuntimeException: java.util.concurrent.TimeoutException");
}

TEST(ClusterDiscovery, FlinkDeploymentWithZeroPods) {
  Snapshot s;
  s.add(flink_deployment("flink", "fresh", true));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  const auto& c = clusters[0];
  EXPECT_EQ(c.kind, ClusterKind::OperatorApplication);
  EXPECT_TRUE(c.pods.empty());
  EXPECT_FALSE(c.rest);
  EXPECT_EQ(c.flink_version, "1.18");  // spec.flinkVersion v1_18
  EXPECT_EQ(c.state, "Starting");      // no lifecycleState yet
  ASSERT_TRUE(c.operator_status);
  EXPECT_EQ(c.operator_status->lifecycle_state, "");
  EXPECT_EQ(c.jobmanagers_total, 0);
}

TEST(ClusterDiscovery, OperatorErrorIsUnwrapped) {
  Snapshot s;
  s.add(flink_deployment(
      "flink", "broken", true,
      {{"lifecycleState", "FAILED"},
       {"error", R"({"type":"org.apache.flink.kubernetes.operator.exception.DeploymentFailedException","message":"back-off pulling image \"flink:9.9\"","additionalMetadata":{"reason":"ImagePullBackOff"},"throwableList":[]})"}}));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].state, "FAILED");
  EXPECT_EQ(clusters[0].operator_status->error, "back-off pulling image \"flink:9.9\"");
}

TEST(ClusterDiscovery, OperatorStandaloneModeClaimsStandalonePods) {
  const json labels_jm = {{"app", "sa"}, {"component", "jobmanager"}, {"type", "flink-standalone-kubernetes"}};
  const json labels_tm = {{"app", "sa"}, {"component", "taskmanager"}, {"type", "flink-standalone-kubernetes"}};
  Snapshot s;
  s.add(flink_deployment("flink", "sa", false, {{"lifecycleState", "STABLE"}}, "standalone"))
      .add(pod("flink", "sa-7c9d-jm1", labels_jm))
      .add(pod("flink", "sa-taskmanager-55f-tm1", labels_tm));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].kind, ClusterKind::OperatorSession);
  EXPECT_EQ(clusters[0].deployment_mode, "standalone");
  EXPECT_EQ(clusters[0].pods.size(), 2u);
}

TEST(ClusterDiscovery, TypedStandaloneWithoutFlinkDeployment) {
  Snapshot s;
  s.add(pod("flink", "orphan-jm", {{"app", "orphan"}, {"component", "jobmanager"}, {"type", "flink-standalone-kubernetes"}}));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].kind, ClusterKind::Standalone);
  EXPECT_EQ(clusters[0].deployment_mode, "standalone");
}

TEST(ClusterDiscovery, PlainYamlStandaloneFromSeed) {
  Snapshot s;
  s.add(fixture("standalone_seed.json"));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  const auto& c = clusters[0];
  EXPECT_EQ(c.id, "kind-dev/lyz/flink");
  EXPECT_EQ(c.name, "flink");
  EXPECT_EQ(c.kind, ClusterKind::Standalone);
  EXPECT_EQ(c.deployment_mode, "standalone");
  EXPECT_EQ(c.flink_version, "1.14.0");
  EXPECT_EQ(c.state, "Ready");
  EXPECT_EQ(c.jobmanagers_ready, 1);
  EXPECT_EQ(c.jobmanagers_total, 1);
  EXPECT_EQ(c.taskmanagers_ready, 2);
  EXPECT_EQ(c.taskmanagers_total, 2);
  EXPECT_EQ(pod_names(c), (std::vector<std::string>{"flink-jobmanager-7d9c8b6f5-q8w2z", "flink-taskmanager-5c6d7e8f9-ab12c",
                                                    "flink-taskmanager-5c6d7e8f9-cd34e"}));
  // Two Services select the JobManager; the one with a port named "rest" wins over "webui".
  ASSERT_TRUE(c.rest);
  EXPECT_EQ(c.rest->name, "flink-jobmanager-rest");
  EXPECT_EQ(c.rest->namespace_, "lyz");
  EXPECT_EQ(c.rest->type, "NodePort");
  EXPECT_EQ(c.rest->port, 8081);
  EXPECT_EQ(c.rest->port_name, "rest");
  EXPECT_EQ(c.created, *kube::json_fields::parse_rfc3339("2021-11-04T10:00:05Z"));
}

TEST(ClusterDiscovery, PlainYamlFallsBackToWebuiPort) {
  auto seed = fixture("standalone_seed.json");
  auto& items = seed["items"];
  for (auto it = items.begin(); it != items.end();) {
    it = (*it)["metadata"]["name"] == "flink-jobmanager-rest" ? items.erase(it) : it + 1;
  }
  Snapshot s;
  s.add(seed);
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  ASSERT_TRUE(clusters[0].rest);
  EXPECT_EQ(clusters[0].rest->name, "flink-jobmanager");
  EXPECT_EQ(clusters[0].rest->port, 8081);
  EXPECT_EQ(clusters[0].rest->port_name, "webui");
}

TEST(ClusterDiscovery, PlainYamlDeploymentsWithoutPods) {
  auto seed = fixture("standalone_seed.json");
  Snapshot s;
  for (const auto& i : seed["items"]) {
    if (i["kind"] != "Pod") s.add(i);
  }
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].state, "Starting");
  ASSERT_TRUE(clusters[0].rest);  // matched through the Deployment's pod template labels
  EXPECT_EQ(clusters[0].rest->name, "flink-jobmanager-rest");
}

TEST(ClusterDiscovery, TaskManagersWithoutJobManager) {
  Snapshot s;
  s.add(pod("flink", "lost-taskmanager-1-1", native_labels("lost", "taskmanager")));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].state, "NoJobManager");
  EXPECT_EQ(clusters[0].taskmanagers_total, 1);
}

TEST(ClusterDiscovery, JobManagerStates) {
  {
    Snapshot s;
    PodOptions o;
    o.ready = false;
    o.phase = "Pending";
    o.waiting = "ContainerCreating";
    s.add(pod("flink", "a-jm", native_labels("a", "jobmanager"), o));
    EXPECT_EQ(discover_clusters(s.get()).at(0).state, "Starting");
  }
  {
    Snapshot s;
    PodOptions o;
    o.ready = false;
    o.waiting = "CrashLoopBackOff";
    s.add(pod("flink", "a-jm", native_labels("a", "jobmanager"), o));
    EXPECT_EQ(discover_clusters(s.get()).at(0).state, "NotReady");
  }
  {
    Snapshot s;
    PodOptions o;
    o.ready = false;
    o.phase = "Pending";
    o.waiting = "ImagePullBackOff";
    s.add(pod("flink", "a-jm", native_labels("a", "jobmanager"), o));
    EXPECT_EQ(discover_clusters(s.get()).at(0).state, "NotReady");
  }
}

TEST(ClusterDiscovery, TerminatingPodsAreKept) {
  PodOptions old_jm;
  old_jm.deleting = true;
  Snapshot s;
  s.add(pod("flink", "my-session-6d8f-old", native_labels("my-session", "jobmanager"), old_jm))
      .add(pod("flink", "my-session-6d8f-new", native_labels("my-session", "jobmanager")));
  auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 1u);
  ASSERT_EQ(clusters[0].pods.size(), 2u);
  EXPECT_EQ(clusters[0].pods[1].name, "my-session-6d8f-old");
  EXPECT_EQ(clusters[0].pods[1].status, "Terminating");
  EXPECT_EQ(clusters[0].jobmanagers_ready, 1);  // the leaving pod is not counted
  EXPECT_EQ(clusters[0].jobmanagers_total, 1);
  EXPECT_EQ(clusters[0].state, "Ready");

  Snapshot only_leaving;
  only_leaving.add(pod("flink", "my-session-6d8f-old", native_labels("my-session", "jobmanager"), old_jm));
  clusters = discover_clusters(only_leaving.get());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].pods.at(0).status, "Terminating");
  EXPECT_EQ(clusters[0].state, "Terminating");
}

TEST(ClusterDiscovery, IdsAreStableAndSorted) {
  auto build = [](const std::string& suffix) {
    Snapshot s("prod");
    // Different uids change the maps' iteration order; ids must not depend on it.
    auto a = pod("b-ns", "zeta-jm", native_labels("zeta", "jobmanager"));
    a["metadata"]["uid"] = "1" + suffix;
    auto b = pod("a-ns", "alpha-jm", native_labels("alpha", "jobmanager"));
    b["metadata"]["uid"] = "2" + suffix;
    auto c = pod("b-ns", "beta-jm", native_labels("beta", "jobmanager"));
    c["metadata"]["uid"] = suffix + "0";
    s.add(a).add(b).add(c);
    std::vector<std::string> ids;
    for (const auto& cl : discover_clusters(s.get())) ids.push_back(cl.id);
    return ids;
  };
  const std::vector<std::string> expected{"prod/a-ns/alpha", "prod/b-ns/beta", "prod/b-ns/zeta"};
  EXPECT_EQ(build("x"), expected);
  EXPECT_EQ(build("0"), expected);
}

TEST(ClusterDiscovery, PodsAreNotDoubleClaimed) {
  Snapshot s;
  s.add(flink_deployment("a", "shared", true, {{"lifecycleState", "STABLE"}}))
      .add(pod("a", "shared-jm", native_labels("shared", "jobmanager")))
      .add(pod("a", "shared-taskmanager-1-1", native_labels("shared", "taskmanager")))
      // Same app name in another namespace: its own native cluster.
      .add(pod("b", "shared-jm", native_labels("shared", "jobmanager")))
      // Plain-YAML pods that happen to use the same app label as the FlinkDeployment.
      .add(pod("a", "shared-plain-jm", {{"app", "shared"}, {"component", "jobmanager"}}))
      // Not Flink: no component, no type.
      .add(pod("a", "shared-web", {{"app", "shared"}}));
  const auto clusters = discover_clusters(s.get());
  ASSERT_EQ(clusters.size(), 3u);
  const auto* op = find(clusters, "kind-dev/a/shared");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->kind, ClusterKind::OperatorApplication);
  EXPECT_EQ(pod_names(*op), (std::vector<std::string>{"shared-jm", "shared-taskmanager-1-1"}));
  const auto* plain = find(clusters, "kind-dev/a/shared~plain");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->kind, ClusterKind::Standalone);
  EXPECT_EQ(pod_names(*plain), (std::vector<std::string>{"shared-plain-jm"}));
  const auto* other = find(clusters, "kind-dev/b/shared");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->kind, ClusterKind::Native);

  std::set<std::string> seen;
  std::set<std::string> ids;
  for (const auto& c : clusters) {
    EXPECT_TRUE(ids.insert(c.id).second) << c.id;
    for (const auto& p : c.pods) EXPECT_TRUE(seen.insert(p.uid).second) << p.name << " claimed twice";
  }
  EXPECT_EQ(seen.size(), 4u);
}

TEST(ClusterDiscovery, FlinkVersionFromImage) {
  EXPECT_EQ(flink_version_from_image("flink:1.20.0"), "1.20.0");
  EXPECT_EQ(flink_version_from_image("flink:1.20"), "1.20");
  EXPECT_EQ(flink_version_from_image("flink:1.20.0-scala_2.12-java11"), "1.20.0");
  EXPECT_EQ(flink_version_from_image("flink:1.18-java17"), "1.18");
  EXPECT_EQ(flink_version_from_image("docker.io/library/flink:2.2.0"), "2.2.0");
  EXPECT_EQ(flink_version_from_image("registry:5000/team/flink:1.19.1@sha256:abcd"), "1.19.1");
  EXPECT_EQ(flink_version_from_image("flink:latest"), "");
  EXPECT_EQ(flink_version_from_image("flink"), "");
  EXPECT_EQ(flink_version_from_image("registry:5000/flink"), "");
  EXPECT_EQ(flink_version_from_image("myjob:20240101"), "");
  EXPECT_EQ(flink_version_from_image("myjob:1.2.3.4"), "");
  EXPECT_EQ(flink_version_from_operator_enum("v1_20"), "1.20");
  EXPECT_EQ(flink_version_from_operator_enum("v2_0"), "2.0");
  EXPECT_EQ(flink_version_from_operator_enum("1.20"), "");
  EXPECT_EQ(flink_version_from_operator_enum(""), "");
}

}  // namespace
}  // namespace flinktop::model
