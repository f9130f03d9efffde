// flinktop's watches (core/sync: ContextWatch and its reflectors, as the terminal UI runs them)
// against a real kube-apiserver: a pod added or deleted shows up within a second; the API server
// restarted mid-watch, and restarted after an etcd compaction (so the watch's resourceVersion is
// gone: 410), ends with the Store holding exactly what the server holds — nothing lost, nothing
// twice.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "core/kube/objects/all.hpp"
#include "core/model/store.hpp"
#include "core/sync/context_watch.hpp"
#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kNamespace = "flinktop-it-watch";

class KubeWatch : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = api_client();
    ensure_namespace(*admin_, kNamespace);
    // What earlier runs left (pods are deleted at the end; a crash may have left some).
    for (const auto& pod : admin_->list(kube::resources::kPods, in_namespace(kNamespace)).items) {
      delete_pod_now(*admin_, kNamespace, pod["metadata"]["name"]);
    }
    client_ = api_client();
    watch_ = std::make_unique<sync::ContextWatch>(client_, store_, kNamespace);
    ASSERT_TRUE(wait_until(30s, [&] { return synced(); })) << "the pod reflector never listed";
  }

  void TearDown() override {
    watch_.reset();
    if (!admin_) return;  // SetUp failed before it had a client
    for (const auto& pod : admin_->list(kube::resources::kPods, in_namespace(kNamespace)).items) {
      delete_pod_now(*admin_, kNamespace, pod["metadata"]["name"]);
    }
  }

  bool synced() const {
    const auto snap = store_.snapshot(client_->context());
    const auto it = snap->status.find(kube::resources::kPods.qualified_name());
    return it != snap->status.end() && it->second.synced;
  }

  // name → uid of the pods in the Store (a name twice is a failure: duplicated).
  std::map<std::string, std::string> store_pods() const {
    std::map<std::string, std::string> out;
    // Held by name: a range-for over a member of the temporary snapshot would outlive it.
    const auto snapshot = store_.snapshot(client_->context());
    for (const auto& [uid, pod] : snapshot->objects<kube::Pod>()) {
      if (pod->meta.namespace_ != kNamespace) continue;
      EXPECT_TRUE(out.emplace(pod->meta.name, uid).second) << "pod " << pod->meta.name << " twice in the Store";
    }
    return out;
  }

  std::map<std::string, std::string> server_pods() const {
    std::map<std::string, std::string> out;
    for (const auto& pod : admin_->list(kube::resources::kPods, in_namespace(kNamespace)).items) {
      out[pod["metadata"]["name"]] = pod["metadata"]["uid"];
    }
    return out;
  }

  static bool wait_until(std::chrono::milliseconds timeout, const std::function<bool()>& done) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(5ms);
    }
    return done();
  }

  void add(const std::string& name) { admin_->create(kube::resources::kPods, kNamespace, kwok_taskmanager_pod(kNamespace, name, "watched")); }
  void remove(const std::string& name) { delete_pod_now(*admin_, kNamespace, name); }

  // Time from `act` until the Store agrees with `present`.
  std::chrono::milliseconds time_until_seen(const std::function<void()>& act, const std::string& name, bool present) {
    const auto t0 = Clock::now();
    act();
    const bool seen = wait_until(10s, [&] { return store_pods().count(name) == (present ? 1u : 0u); });
    EXPECT_TRUE(seen) << name << (present ? " never appeared" : " never went away");
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
  }

  // After a disruption: the Store converges to exactly the server's pods (uids included).
  void expect_converges(const std::string& what) {
    std::map<std::string, std::string> server;
    const bool same = wait_until(90s, [&] {
      server = server_pods();
      return store_pods() == server;
    });
    EXPECT_TRUE(same) << what << ": the Store never matched the server; server has " << server.size()
                      << " pods, the Store " << store_pods().size();
  }

  std::shared_ptr<kube::ApiClient> admin_;
  std::shared_ptr<kube::ApiClient> client_;
  model::Store store_;
  std::unique_ptr<sync::ContextWatch> watch_;
};

TEST_F(KubeWatch, PodAddedOrDeletedShowsUpWithinASecond) {
  for (int i = 0; i < 3; ++i) {
    const std::string name = "tm-fast-" + std::to_string(i);
    const auto added = time_until_seen([&] { add(name); }, name, true);
    EXPECT_LT(added, 1000ms) << name << " added";
    // kwok makes it Running; the watch brings that too.
    EXPECT_TRUE(wait_until(5s, [&] {
      const auto snapshot = store_.snapshot(client_->context());
      for (const auto& [uid, pod] : snapshot->objects<kube::Pod>()) {
        if (pod->meta.name == name) return pod->phase == "Running";
      }
      return false;
    })) << name << " never Running";
    const auto deleted = time_until_seen([&] { remove(name); }, name, false);
    EXPECT_LT(deleted, 1000ms) << name << " deleted";
  }
}

TEST_F(KubeWatch, ApiServerRestartMidWatchLosesAndDuplicatesNothing) {
  for (const char* name : {"tm-a", "tm-b", "tm-c"}) add(name);
  expect_converges("before the restart");

  kube_sh({"restart-apiserver"});
  // Changes right after the restart, while the reflector may still be reconnecting.
  remove("tm-a");
  add("tm-d");
  expect_converges("after the restart");
  EXPECT_EQ(store_pods().count("tm-a"), 0u);
  EXPECT_EQ(store_pods().count("tm-d"), 1u);

  // And the watch goes on: a new pod within a second again.
  EXPECT_LT(time_until_seen([&] { add("tm-e"); }, "tm-e", true), 1000ms);
}

TEST_F(KubeWatch, CompactionForcesGoneAndTheReflectorRelists) {
  for (const char* name : {"tm-a", "tm-b", "tm-c"}) add(name);
  expect_converges("before the compaction");
  const std::string old_version = admin_->list(kube::resources::kPods, in_namespace(kNamespace)).resource_version;

  kube_sh({"restart-apiserver", "--compact"});
  remove("tm-b");
  add("tm-f");

  // The resourceVersion the reflector held is really gone: a watch from it answers 410.
  kube::WatchOptions from_old;
  from_old.namespace_ = kNamespace;
  from_old.resource_version = old_version;
  from_old.timeout_seconds = 5;
  try {
    admin_->watch(kube::resources::kPods, from_old, [](kube::WatchEvent&&) { return false; });
    ADD_FAILURE() << "a watch from resourceVersion " << old_version << " was accepted after the compaction";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Gone) << e.what();
  }

  expect_converges("after the compaction");
  EXPECT_EQ(store_pods().count("tm-b"), 0u);
  EXPECT_EQ(store_pods().count("tm-f"), 1u);
  EXPECT_LT(time_until_seen([&] { remove("tm-c"); }, "tm-c", false), 1000ms);
}

}  // namespace
}  // namespace flinktop::it
