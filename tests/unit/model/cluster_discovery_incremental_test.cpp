// ClusterDiscovery follows one context's snapshots: after any history of changes it answers what
// a fresh discovery of the last snapshot answers, and a change rebuilds only the clusters it
// touches (the others are the same shared objects, which is what lets views keep their rows).
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "core/kube/objects/all.hpp"
#include "core/model/cluster_discovery.hpp"
#include "tests/unit/model/cluster_objects.hpp"

namespace flinktop::model {
namespace {

// Publishes snapshots the way the Store does: a changed kind gets a new map that shares every
// unchanged object with the previous one; a published map is never written again.
class Publisher {
 public:
  explicit Publisher(std::string context = "kind-dev") { snapshot_.context = std::move(context); }

  Publisher& put(const json& object) {
    const std::string kind = object.at("kind");
    if (kind == "Pod") put_into(snapshot_.pods, kube::Pod::from_json(object));
    if (kind == "Service") put_into(snapshot_.services, kube::Service::from_json(object));
    if (kind == "Deployment") put_into(snapshot_.deployments, kube::Deployment::from_json(object));
    if (kind == "FlinkDeployment") put_into(snapshot_.flink_deployments, kube::FlinkDeployment::from_json(object));
    if (kind == "FlinkSessionJob") put_into(snapshot_.session_jobs, kube::FlinkSessionJob::from_json(object));
    return *this;
  }

  // Removes the object `uid` of the kind of `object` (if there is one).
  Publisher& remove(const std::string& kind, const std::string& uid) {
    if (kind == "Pod") erase_from(snapshot_.pods, uid);
    if (kind == "Service") erase_from(snapshot_.services, uid);
    if (kind == "Deployment") erase_from(snapshot_.deployments, uid);
    if (kind == "FlinkDeployment") erase_from(snapshot_.flink_deployments, uid);
    if (kind == "FlinkSessionJob") erase_from(snapshot_.session_jobs, uid);
    return *this;
  }

  // A new pods map holding the very same objects (a watch that republished without a change).
  void republish_pods() {
    if (snapshot_.pods) snapshot_.pods = std::make_shared<const ObjectMap<kube::Pod>>(*snapshot_.pods);
  }

  ContextSnapshot& snapshot() { return snapshot_; }

 private:
  template <class T>
  static void put_into(SharedObjects<T>& map, T object) {
    auto next = map ? std::make_shared<ObjectMap<T>>(*map) : std::make_shared<ObjectMap<T>>();
    const std::string uid = object.meta.uid;
    (*next)[uid] = std::make_shared<const T>(std::move(object));
    map = std::move(next);
  }

  template <class T>
  static void erase_from(SharedObjects<T>& map, const std::string& uid) {
    if (!map || map->count(uid) == 0) return;
    auto next = std::make_shared<ObjectMap<T>>(*map);
    next->erase(uid);
    map = std::move(next);
  }

  ContextSnapshot snapshot_;
};

std::vector<Cluster> values(const ClusterList& clusters) {
  std::vector<Cluster> out;
  for (const auto& c : clusters) out.push_back(*c);
  return out;
}

// Enough of a cluster list to see where two differ.
std::string describe(const std::vector<Cluster>& clusters) {
  std::ostringstream out;
  for (const Cluster& c : clusters) {
    out << c.id << " " << to_string(c.kind) << " " << c.state << " jm " << c.jobmanagers_ready << "/"
        << c.jobmanagers_total << " tm " << c.taskmanagers_ready << "/" << c.taskmanagers_total << " rest "
        << (c.rest ? c.rest->name : "-") << " v" << c.flink_version << " sj " << c.session_jobs.size() << " pods";
    for (const auto& p : c.pods) out << " " << p.name << ":" << p.status;
    out << "\n";
  }
  return out.str();
}

const Cluster* find(const ClusterList& clusters, const std::string& id) {
  for (const auto& c : clusters) {
    if (c->id == id) return c.get();
  }
  return nullptr;
}

TEST(ClusterDiscoveryIncremental, TheSameListWhileNothingItReadsChanges) {
  Publisher p;
  p.put(pod("a", "x-jm", native_labels("x", "jobmanager")))
      .put(pod("a", "x-tm", native_labels("x", "taskmanager")))
      .put(pod("a", "y-jm", native_labels("y", "jobmanager")));
  ClusterDiscovery discovery;
  const auto first = discovery.run(p.snapshot());
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(discovery.run(p.snapshot()), first);

  // Events, the pods' usage, a kind's sync status: no cluster reads them.
  p.snapshot().events = std::make_shared<ObjectMap<kube::Event>>();
  p.snapshot().pod_usage = std::make_shared<PodUsageMap>();
  p.snapshot().status["pods"].synced = true;
  EXPECT_EQ(discovery.run(p.snapshot()), first);
  // A new map of the same objects.
  p.republish_pods();
  EXPECT_EQ(discovery.run(p.snapshot()), first);

  // One TaskManager stops being ready: its cluster is rebuilt, the other is the same object.
  PodOptions not_ready;
  not_ready.ready = false;
  p.put(pod("a", "x-tm", native_labels("x", "taskmanager"), not_ready));
  const auto second = discovery.run(p.snapshot());
  ASSERT_NE(second, first);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ(find(*second, "kind-dev/a/y"), find(*first, "kind-dev/a/y"));
  const Cluster* x = find(*second, "kind-dev/a/x");
  ASSERT_NE(x, nullptr);
  EXPECT_NE(x, find(*first, "kind-dev/a/x"));
  EXPECT_EQ(x->taskmanagers_ready, 0);
  EXPECT_EQ(x->taskmanagers_total, 1);
}

TEST(ClusterDiscoveryIncremental, APlainAppsIdFollowsTheTypedClusterOfItsName) {
  Publisher p;
  p.put(pod("a", "x-plain-jm", {{"app", "x"}, {"component", "jobmanager"}}));
  ClusterDiscovery discovery;
  EXPECT_NE(find(*discovery.run(p.snapshot()), "kind-dev/a/x"), nullptr);

  // A FlinkDeployment named x arrives: it is x, the plain app becomes x~plain.
  p.put(flink_deployment("a", "x", true, {{"lifecycleState", "STABLE"}}));
  auto clusters = discovery.run(p.snapshot());
  ASSERT_EQ(clusters->size(), 2u);
  EXPECT_EQ(find(*clusters, "kind-dev/a/x")->kind, ClusterKind::OperatorApplication);
  EXPECT_EQ(find(*clusters, "kind-dev/a/x~plain")->pods.size(), 1u);

  // It goes: the plain app is x again.
  p.remove("FlinkDeployment", "fd-a-x");
  clusters = discovery.run(p.snapshot());
  ASSERT_EQ(clusters->size(), 1u);
  EXPECT_EQ(clusters->front()->id, "kind-dev/a/x");
  EXPECT_EQ(clusters->front()->kind, ClusterKind::Standalone);
}

TEST(ClusterDiscoveryIncremental, AnotherContextStartsOver) {
  Publisher p;
  p.put(pod("a", "x-jm", native_labels("x", "jobmanager")));
  ClusterDiscovery discovery;
  discovery.run(p.snapshot());
  p.snapshot().context = "prod";
  const auto clusters = discovery.run(p.snapshot());
  ASSERT_EQ(clusters->size(), 1u);
  EXPECT_EQ(clusters->front()->id, "prod/a/x");
  EXPECT_EQ(clusters->front()->context, "prod");
}

// Random histories of pods, Deployments, FlinkDeployments, session jobs and Services coming,
// changing and going, in two namespaces and three app names (so names clash and objects move
// between clusters): after every step the followed answer equals a fresh discovery's.
class RandomHistory {
 public:
  explicit RandomHistory(unsigned seed) : rng_(seed) {}

  void step(Publisher& p) {
    const int ops = pick(3) + 1;
    for (int i = 0; i < ops; ++i) {
      switch (pick(12)) {
        case 0: case 1: case 2: case 3: p.put(random_pod()); break;
        case 4: p.remove("Pod", "pod-" + std::to_string(pick(kPool))); break;
        case 5: p.put(random_flink_deployment()); break;
        case 6: p.remove("FlinkDeployment", "fd-" + one_of(kNamespaces) + "-" + one_of(kApps)); break;
        case 7: pick(3) == 0 ? p.remove("FlinkSessionJob", "sj-" + std::to_string(pick(4))) : p.put(random_session_job()); break;
        case 8: pick(3) == 0 ? p.remove("Service", "svc-" + std::to_string(pick(6))) : p.put(random_service()); break;
        case 9: pick(3) == 0 ? p.remove("Deployment", "dep-" + std::to_string(pick(4))) : p.put(random_deployment()); break;
        case 10: p.republish_pods(); break;
        case 11: if (pick(20) == 0) p.snapshot().context = pick(2) == 0 ? "kind-dev" : "prod"; break;
      }
    }
  }

 private:
  static constexpr int kPool = 14;
  inline static const std::vector<std::string> kNamespaces{"a", "b"};
  inline static const std::vector<std::string> kApps{"x", "y", "z"};

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::string one_of(const std::vector<std::string>& options) { return options[pick(static_cast<int>(options.size()))]; }

  // Typed native or standalone, plain YAML, not Flink at all, or a type that is not Flink's.
  json random_labels(const std::string& app) {
    json labels = {{"app", app}};
    const int component = pick(3);
    if (component == 0) labels["component"] = "jobmanager";
    if (component == 1) labels["component"] = "taskmanager";
    switch (pick(4)) {
      case 0: labels["type"] = "flink-native-kubernetes"; break;
      case 1: labels["type"] = "flink-standalone-kubernetes"; break;
      case 2: if (pick(4) == 0) labels["type"] = "something-else"; break;
      default: break;
    }
    return labels;
  }

  json random_pod() {
    const std::string uid = "pod-" + std::to_string(pick(kPool));
    const std::string app = one_of(kApps);
    PodOptions o;
    o.ready = pick(3) != 0;
    o.phase = std::vector<std::string>{"Running", "Running", "Pending", "Failed", "Succeeded"}[pick(5)];
    if (o.phase == "Pending" && pick(2) == 0) o.waiting = "ContainerCreating";
    o.deleting = pick(6) == 0;
    o.image = one_of({"flink:1.20.0", "flink:1.19-java11", "flink:latest"});
    o.created = "2026-11-20T08:0" + std::to_string(pick(10)) + ":00Z";
    json object = pod(one_of(kNamespaces), app + "-" + uid, random_labels(app), o);
    object["metadata"]["uid"] = uid;
    return object;
  }

  json random_flink_deployment() {
    json status = {{"lifecycleState", one_of({"STABLE", "DEPLOYED", "SUSPENDED"})},
                   {"jobStatus", {{"state", one_of({"RUNNING", "FAILED"})}}}};
    return flink_deployment(one_of(kNamespaces), one_of(kApps), pick(2) == 0, status,
                            pick(3) == 0 ? "standalone" : "native");
  }

  json random_session_job() {
    const std::string uid = "sj-" + std::to_string(pick(4));
    return {{"kind", "FlinkSessionJob"},
            {"metadata", {{"name", "job-" + uid}, {"namespace", one_of(kNamespaces)}, {"uid", uid}}},
            {"spec", {{"deploymentName", one_of(kApps)}}},
            {"status", {{"lifecycleState", one_of({"STABLE", "UPGRADING"})}}}};
  }

  json random_service() {
    const std::string app = one_of(kApps);
    json ports = pick(2) == 0 ? json::array({{{"name", "rest"}, {"port", 8081}}})
                              : json::array({{{"name", "web"}, {"port", 80}}, {{"name", "rpc"}, {"port", 6123}}});
    json selector = pick(2) == 0 ? json{{"app", app}, {"component", "jobmanager"}} : json::object();
    json object = service(one_of(kNamespaces), app + (pick(2) == 0 ? "-rest" : "-ui"), ports, selector);
    object["metadata"]["uid"] = "svc-" + std::to_string(pick(6));
    return object;
  }

  json random_deployment() {
    const std::string app = one_of(kApps);
    const json labels = random_labels(app);
    const bool on_template = pick(2) == 0;
    const json container = {{"name", "flink-main-container"}, {"image", "flink:1.18.1"}};
    const json pod_template = {{"metadata", {{"labels", labels}}}, {"spec", {{"containers", json::array({container})}}}};
    const json metadata = {{"name", app + "-d"},
                           {"namespace", one_of(kNamespaces)},
                           {"uid", "dep-" + std::to_string(pick(4))},
                           {"creationTimestamp", "2026-11-20T07:00:00Z"},
                           {"labels", on_template ? json::object() : labels}};
    return {{"kind", "Deployment"}, {"metadata", metadata}, {"spec", {{"template", pod_template}}}};
  }

  std::mt19937 rng_;
};

TEST(ClusterDiscoveryIncremental, AnyHistoryEndsWhereAFreshDiscoveryWould) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    Publisher p;
    RandomHistory history(seed);
    ClusterDiscovery followed;
    for (int step = 0; step < 250; ++step) {
      history.step(p);
      const auto incremental = values(*followed.run(p.snapshot()));
      const auto fresh = discover_clusters(p.snapshot());
      ASSERT_TRUE(incremental == fresh) << "seed " << seed << ", step " << step << "\nfollowed:\n"
                                        << describe(incremental) << "fresh:\n"
                                        << describe(fresh);
    }
  }
}

}  // namespace
}  // namespace flinktop::model
