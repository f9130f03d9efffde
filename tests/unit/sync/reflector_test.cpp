// Reflectors against a loopback fake: the Store follows the server through events, cut streams
// (reconnect without relisting) and compaction (410 → relist), with nothing lost or duplicated.
#include "core/sync/reflector.hpp"

#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <functional>
#include <set>
#include <thread>

#include "core/kube/objects/all.hpp"
#include "demo/kube_api_server.hpp"
#include "support/kube_objects.hpp"

namespace flinktop::sync {
namespace {

using flinktop::demo::KubeApiServer;
using flinktop::test::make_pod;
using namespace std::chrono_literals;

struct Fixture {
  KubeApiServer server;
  model::Store store;
  std::shared_ptr<kube::ApiClient> client;
  std::unique_ptr<Reflector> reflector;

  explicit Fixture(ReflectorOptions options = {}) {
    kube::RestConfig config;
    config.context = "ctx";
    config.server = server.url();
    client = std::make_shared<kube::ApiClient>(config);
    options.backoff_initial = 20ms;
    options.backoff_max = 100ms;
    options.denied_retry = 100ms;
    reflector = std::make_unique<KindReflector<kube::Pod>>(client, store, kube::resources::kPods,
                                                           &model::ContextSnapshot::pods, options);
  }

  std::set<std::string> pod_names() const {
    std::set<std::string> names;
    // Held for the loop: the map belongs to the snapshot, which a publisher may replace meanwhile.
    const auto snapshot = store.snapshot("ctx");
    for (const auto& [uid, pod] : snapshot->objects<kube::Pod>()) names.insert(pod->meta.name);
    return names;
  }

  // Polls the Store (never sleeps longer than needed) until `done` holds or 5 s pass.
  bool eventually(const std::function<bool()>& done) const {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return done();
  }
};

TEST(Reflector, ListsThenFollowsAddModifyDelete) {
  Fixture f;
  f.server.add(kube::resources::kPods, make_pod("flink", "jm", {}));
  f.reflector->start();
  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"jm"}; }));
  EXPECT_TRUE(f.store.snapshot("ctx")->status.at("pods").synced);

  f.server.add(kube::resources::kPods, make_pod("flink", "tm-1", {}));
  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"jm", "tm-1"}; }));

  f.server.modify(kube::resources::kPods, make_pod("flink", "tm-1", {}, /*ready=*/true, /*restarts=*/3));
  ASSERT_TRUE(f.eventually([&] {
    const auto snapshot = f.store.snapshot("ctx");  // held: it owns the map the loop walks
    for (const auto& [uid, pod] : snapshot->objects<kube::Pod>()) {
      if (pod->meta.name == "tm-1" && !pod->container_statuses.empty()) {
        return pod->container_statuses[0].restart_count == 3;
      }
    }
    return false;
  }));

  f.server.remove(kube::resources::kPods, "flink", "jm");
  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"tm-1"}; }));
  EXPECT_EQ(f.server.list_requests("pods"), 1);
}

TEST(Reflector, ACutStreamReconnectsFromItsResourceVersionWithoutRelisting) {
  Fixture f;
  f.reflector->start();
  ASSERT_TRUE(f.eventually([&] { return f.server.watch_requests("pods") == 1; }));
  f.server.cut_watches();
  ASSERT_TRUE(f.eventually([&] { return f.server.watch_requests("pods") >= 2; }));
  f.server.add(kube::resources::kPods, make_pod("flink", "after-cut", {}));
  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"after-cut"}; }));
  EXPECT_EQ(f.server.list_requests("pods"), 1);
}

TEST(Reflector, GoneRelistsAndLosesNothing) {
  Fixture f;
  f.server.add(kube::resources::kPods, make_pod("flink", "a", {}));
  f.reflector->start();
  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"a"}; }));
  ASSERT_TRUE(f.eventually([&] { return f.server.watch_requests("pods") == 1; }));

  // While the watch is down, the server changes and forgets its history: the reflector's
  // resourceVersion is too old when it comes back, so only a relist can bring it up to date.
  f.server.stall_watches(true);
  f.server.cut_watches();
  f.server.add(kube::resources::kPods, make_pod("flink", "b", {}));
  f.server.remove(kube::resources::kPods, "flink", "a");
  f.server.compact();
  f.server.stall_watches(false);

  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"b"}; }));
  EXPECT_EQ(f.server.list_requests("pods"), 2);
  f.server.add(kube::resources::kPods, make_pod("flink", "c", {}));
  ASSERT_TRUE(f.eventually([&] { return f.pod_names() == std::set<std::string>{"b", "c"}; }));
  EXPECT_EQ(f.store.snapshot("ctx")->objects<kube::Pod>().size(), 2u);
}

TEST(Reflector, ForbiddenIsRecordedAndRetriedLater) {
  Fixture f;
  f.server.forbid("pods");
  f.reflector->start();
  ASSERT_TRUE(f.eventually([&] {
    auto snap = f.store.snapshot("ctx");
    auto it = snap->status.find("pods");
    return it != snap->status.end() && it->second.forbidden;
  }));
  const std::string error = f.store.snapshot("ctx")->status.at("pods").error;
  EXPECT_NE(error.find("not allowed to list pods"), std::string::npos) << error;
  ASSERT_TRUE(f.eventually([&] { return f.server.list_requests("pods") >= 2; }));  // it keeps asking, slowly
}

TEST(Reflector, EveryUpdateWakesTheReader) {
  Fixture f;
  pollfd wake{f.store.wake_fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&wake, 1, 0), 0);
  f.reflector->start();
  EXPECT_EQ(::poll(&wake, 1, 5000), 1);
  f.store.clear_wake();
  wake.revents = 0;
  EXPECT_EQ(::poll(&wake, 1, 0), 0);
  f.server.add(kube::resources::kPods, make_pod("flink", "x", {}));
  EXPECT_EQ(::poll(&wake, 1, 5000), 1);
}

TEST(Reflector, StopsPromptlyWhileAWatchIsOpen) {
  Fixture f;
  f.reflector->start();
  ASSERT_TRUE(f.eventually([&] { return f.server.watch_requests("pods") == 1; }));
  const auto start = std::chrono::steady_clock::now();
  f.reflector->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

}  // namespace
}  // namespace flinktop::sync
