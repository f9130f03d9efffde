// Which pod a new port-forward connection goes to: a cluster's Running and Ready JobManager (the
// replacement once the old one goes), a Service's ready pod, a named pod only while it runs — and
// a one-line reason when none can serve.
#include "core/model/serving_pod.hpp"

#include <gtest/gtest.h>

#include "core/kube/objects/all.hpp"
#include "tests/unit/model/cluster_objects.hpp"

namespace flinktop::model {
namespace {

using model::native_labels;
using model::PodOptions;
using nlohmann::json;

ContextSnapshot snapshot_of(const std::vector<json>& objects) {
  model::ObjectMap<kube::Pod> pods;
  model::ObjectMap<kube::Service> services;
  for (const json& object : objects) {
    if (object["kind"] == "Pod") {
      auto pod = std::make_shared<const kube::Pod>(kube::Pod::from_json(object));
      pods[pod->meta.uid] = pod;
    } else {
      auto service = std::make_shared<const kube::Service>(kube::Service::from_json(object));
      services[service->meta.uid] = service;
    }
  }
  ContextSnapshot snapshot;
  snapshot.context = "dev";
  snapshot.pods = std::make_shared<const model::ObjectMap<kube::Pod>>(std::move(pods));
  snapshot.services = std::make_shared<const model::ObjectMap<kube::Service>>(std::move(services));
  return snapshot;
}

json jobmanager(const std::string& name, const PodOptions& options = {}) {
  return model::pod("flink", name, native_labels("wordcount", "jobmanager"), options);
}

json taskmanager(const std::string& name) { return model::pod("flink", name, native_labels("wordcount", "taskmanager")); }

const ForwardTarget kCluster{ForwardTarget::Kind::Cluster, "flink", "wordcount"};

TEST(ServingPod, AClusterIsServedByItsReadyJobManagerNeverATaskManager) {
  ServingPodFinder finder(kCluster);
  const kube::ServingPod serving = finder.find(snapshot_of({taskmanager("wordcount-taskmanager-1-1"), jobmanager("wordcount-7d9f-abc")}));
  EXPECT_EQ(serving.namespace_, "flink");
  EXPECT_EQ(serving.name, "wordcount-7d9f-abc");
}

TEST(ServingPod, AReplacedJobManagerIsFollowedToItsSuccessor) {
  ServingPodFinder finder(kCluster);
  EXPECT_EQ(finder.find(snapshot_of({jobmanager("wordcount-old")})).name, "wordcount-old");
  // The Deployment replaced the pod: the old one terminates while the new one becomes ready.
  PodOptions deleting;
  deleting.deleting = true;
  EXPECT_EQ(finder.find(snapshot_of({jobmanager("wordcount-old", deleting), jobmanager("wordcount-new")})).name,
            "wordcount-new");
  EXPECT_EQ(finder.find(snapshot_of({jobmanager("wordcount-new")})).name, "wordcount-new");
}

TEST(ServingPod, NoReadyJobManagerSaysWhatEachOneIs) {
  ServingPodFinder finder(kCluster);
  PodOptions pending;
  pending.phase = "Pending";
  pending.ready = false;
  PodOptions unready;
  unready.ready = false;
  const kube::ServingPod serving = finder.find(snapshot_of({jobmanager("wordcount-a", pending), jobmanager("wordcount-b", unready)}));
  EXPECT_EQ(serving.name, "");
  EXPECT_EQ(serving.why_not,
            "no pod of cluster flink/wordcount's JobManager is Running and Ready (wordcount-a is Pending, wordcount-b is "
            "Running but not Ready)");
  EXPECT_EQ(finder.find(snapshot_of({})).why_not, "cluster flink/wordcount is gone");
}

TEST(ServingPod, APodTargetStaysOnThatPod) {
  ServingPodFinder finder({ForwardTarget::Kind::Pod, "flink", "wordcount-taskmanager-1-1"});
  EXPECT_EQ(finder.find(snapshot_of({taskmanager("wordcount-taskmanager-1-1")})).name, "wordcount-taskmanager-1-1");
  EXPECT_EQ(finder.find(snapshot_of({taskmanager("wordcount-taskmanager-1-2")})).why_not,
            "pod flink/wordcount-taskmanager-1-1 is gone");
  PodOptions pending;
  pending.phase = "Pending";
  EXPECT_EQ(finder.find(snapshot_of({model::pod("flink", "wordcount-taskmanager-1-1", json::object(), pending)})).why_not,
            "pod flink/wordcount-taskmanager-1-1 is Pending, not Running");
}

TEST(ServingPod, AServiceIsServedByAReadyPodItSelects) {
  const json rest = model::service("flink", "wordcount-rest", json::array({{{"name", "rest"}, {"port", 8081}}}),
                                   {{"app", "wordcount"}, {"component", "jobmanager"}});
  ServingPodFinder finder({ForwardTarget::Kind::Service, "flink", "wordcount-rest"});
  PodOptions unready;
  unready.ready = false;
  EXPECT_EQ(finder.find(snapshot_of({rest, taskmanager("tm"), jobmanager("jm-a", unready), jobmanager("jm-b")})).name, "jm-b");
  EXPECT_EQ(finder.find(snapshot_of({rest, taskmanager("tm")})).why_not, "svc flink/wordcount-rest has no pod");
  EXPECT_EQ(finder.find(snapshot_of({taskmanager("tm")})).why_not, "svc flink/wordcount-rest is gone");
}

}  // namespace
}  // namespace flinktop::model
