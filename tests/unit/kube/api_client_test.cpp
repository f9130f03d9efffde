// The Kubernetes API client against a loopback fake: paging, watch semantics (events, bookmarks,
// 410, cut stream, stall), writes and dry-run, and the wording of its errors.
#include "core/kube/api_client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "demo/kube_api_server.hpp"
#include "demo/loopback_server.hpp"
#include "support/kube_objects.hpp"

namespace flinktop::kube {
namespace {

using flinktop::test::expect_error;
using flinktop::demo::KubeApiServer;
using flinktop::test::make_pod;
using flinktop::test::native_labels;
using nlohmann::json;

// A page reader that finds the page unreadable, as a reader finding it truncated would.
ApiClient::ListPage read_broken(const std::string& body) {
  [[maybe_unused]] const json half = json::parse(body.substr(0, body.size() / 2));
  return {};
}

RestConfig config_for(const KubeApiServer& server, std::shared_ptr<Credentials> credentials = nullptr) {
  RestConfig config;
  config.context = "test-ctx";
  config.server = server.url();
  config.default_namespace = "default";
  config.credentials = std::move(credentials);
  config.http.idle_timeout = std::chrono::milliseconds(400);
  return config;
}

TEST(ApiClientList, FollowsContinueTokensAcrossPages) {
  KubeApiServer server;
  for (int i = 0; i < 5; ++i) server.add(resources::kPods, make_pod("flink", "tm-" + std::to_string(i), {}));
  server.add(resources::kPods, make_pod("other", "elsewhere", {}));
  ApiClient client(config_for(server));

  ListOptions options;
  options.namespace_ = "flink";
  options.page_size = 2;
  ListResult result = client.list(resources::kPods, options);
  ASSERT_EQ(result.items.size(), 5u);
  EXPECT_EQ(result.items[4]["metadata"]["name"], "tm-4");
  EXPECT_FALSE(result.resource_version.empty());
  EXPECT_EQ(server.list_requests("pods"), 3);

  options.namespace_.clear();
  EXPECT_EQ(client.list(resources::kPods, options).items.size(), 6u);
}

TEST(ApiClientList, PagesAsBytesAndAnUnreadablePageIsADecodeError) {
  KubeApiServer server;
  for (int i = 0; i < 5; ++i) server.add(resources::kPods, make_pod("flink", "tm-" + std::to_string(i), {}));
  ApiClient client(config_for(server));
  ListOptions options;
  options.page_size = 2;
  int pages = 0;
  const auto read = [&](std::string&& body) {
    ++pages;
    const json page = json::parse(body);
    return ApiClient::ListPage{page["metadata"].value("continue", ""), page["metadata"].value("resourceVersion", "")};
  };
  EXPECT_FALSE(client.list_pages(resources::kPods, options, read, [] {}).empty());
  EXPECT_EQ(pages, 3);

  Error error = expect_error([&] {
    client.list_pages(resources::kPods, options, [](std::string&& body) { return read_broken(body); }, [] {});
  });
  EXPECT_EQ(error.kind(), ErrorKind::Decode);
  EXPECT_NE(std::string(error.what()).find("context \"test-ctx\": list pods: malformed JSON"), std::string::npos)
      << error.what();
}

// Runs `use` with a client of a loopback API server that answers every pod list with `body`.
template <class F>
void with_pod_lists_answered_by(const std::string& body, F&& use) {
  demo::LoopbackServer server;
  server.routes().Get("/api/v1/pods", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  });
  server.start();
  RestConfig config;
  config.context = "test-ctx";
  config.server = server.url();
  ApiClient client(config);
  use(client);
}

TEST(ApiClientList, AnAnswerThatIsNoObjectIsADecodeErrorNotAnEmptyList) {
  for (const std::string body : {"[]", " null", "\"pods\""}) {
    with_pod_lists_answered_by(body, [&](ApiClient& client) {
      int pages = 0;
      Error error = expect_error([&] {
        client.list_pages(resources::kPods, {}, [&](std::string&&) { return ++pages, ApiClient::ListPage{}; }, [] {});
      });
      EXPECT_EQ(error.kind(), ErrorKind::Decode) << body;
      EXPECT_NE(std::string(error.what()).find("context \"test-ctx\": list pods: the server answered with a non-object"),
                std::string::npos)
          << error.what();
      EXPECT_EQ(pages, 0) << body;
      EXPECT_EQ(expect_error([&] { client.list(resources::kPods, {}); }).kind(), ErrorKind::Decode) << body;
    });
  }
}

// The list's own metadata is the server's to get right (unlike what a caller makes of an item): a
// wrong type there is a malformed answer, not a JSON library exception escaping the client.
TEST(ApiClientList, AListWhoseMetadataIsMalformedIsADecodeError) {
  for (const std::string body : {R"({"items": [], "metadata": {"continue": 5}})",
                                 R"({"items": [], "metadata": {"resourceVersion": {}}})",
                                 R"({"items": [], "metadata": []})"}) {
    with_pod_lists_answered_by(body, [&](ApiClient& client) {
      Error error = expect_error([&] { client.list(resources::kPods, {}); });
      EXPECT_EQ(error.kind(), ErrorKind::Decode) << body;
      EXPECT_NE(std::string(error.what()).find("context \"test-ctx\": list pods: malformed list metadata"),
                std::string::npos)
          << error.what();
    });
  }
  with_pod_lists_answered_by(R"({"items": [], "metadata": {"continue": null, "resourceVersion": "7"}})",
                             [&](ApiClient& client) { EXPECT_EQ(client.list(resources::kPods, {}).resource_version, "7"); });
}

TEST(ApiClientErrors, ForbiddenNamesVerbResourceNamespaceAndContext) {
  KubeApiServer server;
  server.forbid("pods", "flink");
  ApiClient client(config_for(server));
  ListOptions options;
  options.namespace_ = "flink";
  Error error = expect_error([&] { client.list(resources::kPods, options); });
  EXPECT_EQ(error.kind(), ErrorKind::Forbidden);
  const std::string message = error.what();
  EXPECT_NE(message.find("context \"test-ctx\""), std::string::npos) << message;
  EXPECT_NE(message.find("list pods in namespace \"flink\""), std::string::npos) << message;
  EXPECT_NE(message.find("403"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(ApiClientErrors, UnauthorizedNamesTheCredentialButNeverItsValue) {
  KubeApiServer server;
  server.require_token("the-right-token");
  ApiClient client(config_for(server, make_static_token("wrong-s3cret-token", "bearer token of user \"alice\"")));
  Error error = expect_error([&] { client.get(resources::kPods, "flink", "x"); });
  EXPECT_EQ(error.kind(), ErrorKind::Unauthorized);
  const std::string message = error.what();
  EXPECT_NE(message.find("bearer token of user \"alice\""), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
  EXPECT_EQ(message.find("the-right-token"), std::string::npos) << message;
}

// A credential whose cached token is stale until a 401 makes it refresh (as an exec plugin does).
class RefreshingToken : public Credentials {
 public:
  std::optional<std::string> authorization() override { return "Bearer " + token_; }
  bool invalidate() override {
    ++invalidations;
    token_ = "fresh";
    return true;
  }
  std::string describe() const override { return "test token"; }
  int invalidations = 0;

 private:
  std::string token_ = "stale";
};

TEST(ApiClientErrors, RetriesOnceAfterA401WhenTheCredentialRefreshes) {
  KubeApiServer server;
  server.require_token("fresh");
  server.add(resources::kPods, make_pod("flink", "jm", {}));
  auto token = std::make_shared<RefreshingToken>();
  ApiClient client(config_for(server, token));
  EXPECT_EQ(client.get(resources::kPods, "flink", "jm")["metadata"]["name"], "jm");
  EXPECT_EQ(token->invalidations, 1);
  EXPECT_EQ(client.get(resources::kPods, "flink", "jm")["metadata"]["name"], "jm");
  EXPECT_EQ(token->invalidations, 1);  // the fresh token is kept
}

TEST(ApiClientErrors, NotFoundAndUnreachable) {
  KubeApiServer server;
  ApiClient client(config_for(server));
  Error missing = expect_error([&] { client.get(resources::kPods, "flink", "nope"); });
  EXPECT_EQ(missing.kind(), ErrorKind::NotFound);
  EXPECT_NE(std::string(missing.what()).find("get pods \"nope\" in namespace \"flink\""), std::string::npos)
      << missing.what();

  RestConfig closed = config_for(server);
  closed.server = "http://127.0.0.1:1";
  ApiClient unreachable(closed);
  Error refused = expect_error([&] { unreachable.server_version(); });
  EXPECT_EQ(refused.kind(), ErrorKind::Connect);
  EXPECT_NE(std::string(refused.what()).find("127.0.0.1:1"), std::string::npos) << refused.what();
}

TEST(ApiClientDiscovery, KnowsWhetherTheFlinkOperatorIsInstalled) {
  KubeApiServer server;
  ApiClient client(config_for(server));
  EXPECT_EQ(client.server_version(), "v1.31.0-flinktop-demo");
  EXPECT_TRUE(client.serves(resources::kPods));
  EXPECT_TRUE(client.serves(resources::kDeployments));
  EXPECT_TRUE(client.serves(resources::kFlinkDeployments));
  bool listed = false;
  for (const ApiGroup& group : client.api_groups()) {
    if (group.name == "flink.apache.org") listed = group.versions == std::vector<std::string>{"v1beta1"};
  }
  EXPECT_TRUE(listed);
  server.set_resource_served("flinkstatesnapshots", false);  // operator < 1.10
  EXPECT_FALSE(client.serves(resources::kFlinkStateSnapshots));
  EXPECT_TRUE(client.serves(resources::kFlinkSessionJobs));
  server.set_operator_installed(false);
  EXPECT_FALSE(client.serves(resources::kFlinkDeployments));
  Error error = expect_error([&] { client.list(resources::kFlinkDeployments, {}); });
  EXPECT_EQ(error.kind(), ErrorKind::NotFound);
}

TEST(ApiClientWrite, CreatePatchDeleteAndServerSideDryRun) {
  KubeApiServer server;
  ApiClient client(config_for(server));
  json fd = flinktop::test::make_flink_deployment("flink", "orders", "local:///job.jar");

  client.create(resources::kFlinkDeployments, "flink", fd, /*dry_run=*/true);
  EXPECT_TRUE(server.objects(resources::kFlinkDeployments).empty());
  client.create(resources::kFlinkDeployments, "flink", fd);
  ASSERT_EQ(server.objects(resources::kFlinkDeployments).size(), 1u);

  Error exists = expect_error([&] { client.create(resources::kFlinkDeployments, "flink", fd); });
  EXPECT_EQ(exists.kind(), ErrorKind::Conflict);
  Error invalid = expect_error([&] { client.create(resources::kFlinkDeployments, "flink", json{{"spec", {}}}, true); });
  EXPECT_EQ(invalid.kind(), ErrorKind::Invalid);
  EXPECT_NE(std::string(invalid.what()).find("name is required"), std::string::npos) << invalid.what();

  json suspended = client.patch(resources::kFlinkDeployments, "flink", "orders",
                                json{{"spec", {{"job", {{"state", "suspended"}}}}}}, PatchType::Merge);
  EXPECT_EQ(suspended["spec"]["job"]["state"], "suspended");
  EXPECT_EQ(suspended["spec"]["job"]["upgradeMode"], "savepoint");
  json nonce = client.patch(resources::kFlinkDeployments, "flink", "orders",
                            json::array({{{"op", "add"}, {"path", "/spec/restartNonce"}, {"value", 7}}}),
                            PatchType::Json);
  EXPECT_EQ(nonce["spec"]["restartNonce"], 7);

  client.remove(resources::kFlinkDeployments, "flink", "orders", /*dry_run=*/true);
  EXPECT_EQ(server.objects(resources::kFlinkDeployments).size(), 1u);
  client.remove(resources::kFlinkDeployments, "flink", "orders");
  EXPECT_TRUE(server.objects(resources::kFlinkDeployments).empty());
}

TEST(ApiClientWatch, DeliversEventsAndBookmarksInOrder) {
  KubeApiServer server;
  server.add(resources::kPods, make_pod("flink", "jm", native_labels("c", "jobmanager")));
  ApiClient client(config_for(server));
  ListResult listed = client.list(resources::kPods, {});

  std::vector<std::string> seen;
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.add(resources::kPods, make_pod("flink", "tm-1", native_labels("c", "taskmanager")));
    server.modify(resources::kPods, make_pod("flink", "tm-1", native_labels("c", "taskmanager"), false));
    server.bookmark();
    server.remove(resources::kPods, "flink", "tm-1");
  });
  WatchOptions options;
  options.resource_version = listed.resource_version;
  client.watch(resources::kPods, options, [&](WatchEvent&& event) {
    static const char* names[] = {"ADDED", "MODIFIED", "DELETED", "BOOKMARK"};
    seen.push_back(std::string(names[static_cast<int>(event.type)]) + " " +
                   event.object["metadata"].value("name", ""));
    return seen.size() < 4;
  });
  writer.join();
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED tm-1", "MODIFIED tm-1", "BOOKMARK ", "DELETED tm-1"}));
}

TEST(ApiClientWatch, TooOldResourceVersionIsGone) {
  KubeApiServer server;
  ApiClient client(config_for(server));
  const std::string old_version = client.list(resources::kPods, {}).resource_version;
  server.add(resources::kPods, make_pod("flink", "a", {}));
  server.compact();
  WatchOptions options;
  options.resource_version = old_version;
  Error error = expect_error([&] { client.watch(resources::kPods, options, [](WatchEvent&&) { return true; }); });
  EXPECT_EQ(error.kind(), ErrorKind::Gone);
}

TEST(ApiClientWatch, AStreamCutMidEventIsAnErrorNotASilentEnd) {
  KubeApiServer server;
  ApiClient client(config_for(server));
  WatchOptions options;
  options.resource_version = client.list(resources::kPods, {}).resource_version;
  int events = 0;
  std::thread cutter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.add(resources::kPods, make_pod("flink", "a", {}));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.cut_watches();
  });
  Error error = expect_error([&] {
    client.watch(resources::kPods, options, [&](WatchEvent&&) {
      ++events;
      return true;
    });
  });
  cutter.join();
  EXPECT_EQ(events, 1);  // the complete event before the cut was delivered
  EXPECT_EQ(error.kind(), ErrorKind::Connect);
}

TEST(ApiClientWatch, AStalledServerTimesOutInsteadOfHanging) {
  KubeApiServer server;
  server.stall_watches(true);
  ApiClient client(config_for(server));  // idle timeout 400 ms
  WatchOptions options;
  options.timeout_seconds = 0;  // no server-side end: the session's idle timeout applies
  const auto start = std::chrono::steady_clock::now();
  Error error = expect_error([&] { client.watch(resources::kPods, options, [](WatchEvent&&) { return true; }); });
  EXPECT_EQ(error.kind(), ErrorKind::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(ApiClientWatch, CancelFromAnotherThreadEndsAQuietWatch) {
  KubeApiServer server;
  ApiClient client(config_for(server));
  http::CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.cancel();
  });
  WatchOptions options;
  Error error = expect_error([&] { client.watch(resources::kPods, options, [](WatchEvent&&) { return true; }, &cancel); });
  canceller.join();
  EXPECT_EQ(error.kind(), ErrorKind::Cancelled);
}

}  // namespace
}  // namespace flinktop::kube
