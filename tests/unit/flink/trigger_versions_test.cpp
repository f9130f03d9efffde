// Savepoint and stop triggers on clusters before Flink 1.15, which reject a request body with
// fields they do not know (triggerId and formatType came in 1.15): the body follows the version
// when it is known, an unknown version earns one retry with the older body, and what cannot be
// said to an older cluster (a native format) is refused before anything is sent. The fake answers
// a body with newer fields as a real 1.13.6 did (tests/unit/flink/data/1.13.6/*_new_body.txt).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "fake_flink.hpp"
#include "flink_test_data.hpp"

namespace flinktop::flink {
namespace {

using namespace fake;
using nlohmann::json;

constexpr const char* kFlinksOwnTrigger = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

// A Flink of a given version; by default as strict as 1.13/1.14 about trigger fields.
struct OlderFlink {
  explicit OlderFlink(std::string flink_version) : version_(std::move(flink_version)) {
    flink.routes().Get("/config", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      if (version_.empty()) return reply(res, 404, R"({"errors":["Not found: /config"]})");
      reply(res, 200, json{{"flink-version", version_}, {"refresh-interval", 3000}}.dump());
    });
    flink.routes().Post(R"(/jobs/[0-9a-f]+/(savepoints|stop))", [this](const httplib::Request& req,
                                                                        httplib::Response& res) {
      // What a real 1.13.6 answered (status line, then body).
      const std::string rejection = testdata::read_text(
          testdata::captured_dir("1.13.6") /
          (req.path.ends_with("/stop") ? "stop_new_body.txt" : "savepoint_trigger_new_body.txt"));
      const json body = json::parse(req.body);
      std::lock_guard lock(mutex_);
      for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known_.count(it.key())) return reply(res, 400, rejection.substr(rejection.find('\n') + 1));
      }
      if (status_for_accepted != 202) return reply(res, status_for_accepted, R"({"errors":["Gateway Timeout"]})");
      // A Flink that takes a trigger id echoes it; an older one picks its own.
      reply(res, 202, json{{"request-id", body.value("triggerId", std::string(kFlinksOwnTrigger))}}.dump());
    });
    flink.start();
  }

  // An upgrade behind the same address: the version it states, and the 1.15+ fields accepted.
  void upgrade_to(const std::string& flink_version) {
    std::lock_guard lock(mutex_);
    version_ = flink_version;
    known_.insert({"triggerId", "formatType"});
  }

  FakeFlink flink;
  std::atomic<int> status_for_accepted{202};

  std::vector<json> trigger_bodies() const {
    std::vector<json> out;
    for (const auto& r : flink.requests()) {
      if (r.method == "POST") out.push_back(json::parse(r.body));
    }
    return out;
  }

 private:
  std::mutex mutex_;     // the routes run on the server's thread
  std::string version_;  // what /config says; "" = /config answers 404 (a proxy, an old gateway)
  // The fields the trigger bodies of Flink before 1.15 have; any other one is a 400.
  std::set<std::string> known_{"target-directory", "targetDirectory", "cancel-job", "drain"};
};

TEST(FlinkTriggerVersions, AKnownOlderClusterGetsTheOlderBodyAndFlinksOwnTriggerId) {
  OlderFlink older("1.13.6");
  Client client = client_for(older.flink);
  SavepointRequest savepoint;
  savepoint.target_directory = "file:///sp";
  savepoint.trigger_id = kTrigger;
  const Triggered saved = client.trigger_savepoint(kJob, savepoint);
  EXPECT_EQ(saved.trigger_id, kFlinksOwnTrigger);
  EXPECT_FALSE(saved.idempotent());
  EXPECT_EQ(saved.not_idempotent_because, "Flink 1.13.6 takes no trigger id");

  StopRequest stop;
  stop.drain = true;
  stop.format = "canonical";  // what an older Flink writes anyway: allowed, and not sent
  const Triggered stopped = client.stop_with_savepoint(kJob, stop);
  EXPECT_EQ(stopped.trigger_id, kFlinksOwnTrigger);
  EXPECT_FALSE(stopped.idempotent());

  // One POST each: no failed attempt first.
  const std::vector<json> bodies = older.trigger_bodies();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0], (json{{"target-directory", "file:///sp"}, {"cancel-job", false}}));
  EXPECT_EQ(bodies[1], (json{{"drain", true}}));
  EXPECT_EQ(older.flink.count("GET", "/config"), 1);
}

TEST(FlinkTriggerVersions, ANativeSavepointIsRefusedBeforeAnythingIsSent) {
  OlderFlink older("1.14.0");
  Client client = client_for(older.flink);
  SavepointRequest savepoint;
  savepoint.format = "NATIVE";
  Error e = expect_error([&] { client.trigger_savepoint(kJob, savepoint); });
  EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
  EXPECT_EQ(std::string(e.what()), "a savepoint in NATIVE format needs Flink 1.15 or newer; " + older.flink.url() +
                                       " runs Flink 1.14.0: take a canonical one (drop --format)");
  StopRequest stop;
  stop.format = "NATIVE";
  EXPECT_EQ(expect_error([&] { client.stop_with_savepoint(kJob, stop); }).kind(), ErrorKind::Unsupported);
  EXPECT_TRUE(older.trigger_bodies().empty());
}

TEST(FlinkTriggerVersions, AnUnknownVersionIsRetriedOnceWithTheOlderBodyThenRemembered) {
  OlderFlink older("");  // /config answers 404: the version is unknown
  Client client = client_for(older.flink);
  SavepointRequest savepoint;
  savepoint.trigger_id = kTrigger;
  const Triggered first = client.trigger_savepoint(kJob, savepoint);
  EXPECT_EQ(first.trigger_id, kFlinksOwnTrigger);
  EXPECT_FALSE(first.idempotent());
  std::vector<json> bodies = older.trigger_bodies();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0]["triggerId"], kTrigger);
  EXPECT_EQ(bodies[1], (json{{"cancel-job", false}}));

  // The next trigger goes straight to the older body.
  const Triggered second = client.stop_with_savepoint(kJob, {});
  EXPECT_FALSE(second.idempotent());
  bodies = older.trigger_bodies();
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[2], (json{{"drain", false}}));
}

TEST(FlinkTriggerVersions, AnUnknownVersionWithANativeFormatIsRefusedAfterTheRejection) {
  OlderFlink older("");
  Client client = client_for(older.flink);
  SavepointRequest savepoint;
  savepoint.format = "NATIVE";
  Error e = expect_error([&] { client.trigger_savepoint(kJob, savepoint); });
  EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
  EXPECT_NE(std::string(e.what()).find("runs an older Flink"), std::string::npos) << e.what();
  EXPECT_EQ(older.trigger_bodies().size(), 1u);  // the 1.15+ body only: no canonical savepoint instead
}

TEST(FlinkTriggerVersions, OnlyTheBodyFormatRejectionOfAnUnknownVersionIsRetried) {
  // A known 1.20 cluster that says the body does not match: its own problem, not retried.
  OlderFlink newer("1.20.5");  // states 1.20.5, yet answers the triggerId with the older clusters' 400
  Client known = client_for(newer.flink);
  EXPECT_EQ(expect_error([&] { known.trigger_savepoint(kJob, {}); }).kind(), ErrorKind::Invalid);
  EXPECT_EQ(newer.trigger_bodies().size(), 1u);

  // An unknown version whose 400 is about something else (no savepoint directory): not retried.
  FakeFlink flink;
  flink.routes().Post(R"(/jobs/[0-9a-f]+/savepoints)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 400,
          flink_errors("org.apache.flink.runtime.rest.handler.RestHandlerException: Config key "
                       "[state.savepoints.dir] is not set. Property [target-directory] must be provided."));
  });
  flink.start();
  Client unknown = client_for(flink);
  Error e = expect_error([&] { unknown.trigger_savepoint(kJob, {}); });
  EXPECT_EQ(e.kind(), ErrorKind::Invalid);
  EXPECT_NE(std::string(e.what()).find("--dir"), std::string::npos) << e.what();
  EXPECT_EQ(flink.count("POST", std::string("/jobs/") + kJob + "/savepoints"), 1);
}

TEST(FlinkTriggerVersions, ALostAnswerFromAnOlderClusterSaysTheSavepointMayHaveStarted) {
  OlderFlink older("1.13.6");
  older.status_for_accepted = 504;  // a proxy gave up waiting: Flink may have started it
  Client client = client_for(older.flink);
  Error e = expect_error([&] { client.trigger_savepoint(kJob, {}); });
  EXPECT_EQ(e.kind(), ErrorKind::Server);
  const std::string what = e.what();
  EXPECT_NE(what.find("Flink 1.13.6 takes no trigger id, so the savepoint may have started anyway"),
            std::string::npos)
      << what;
  EXPECT_EQ(what.find('\n'), std::string::npos);
  EXPECT_EQ(what.find("retry"), std::string::npos) << what;  // no advice that contradicts the warning
}

TEST(FlinkTriggerVersions, AStatedNewerVersionWinsOverAnEarlierRejection) {
  OlderFlink cluster("");  // an older cluster that does not say its version
  Client client = client_for(cluster.flink);
  EXPECT_FALSE(client.trigger_savepoint(kJob, {}).idempotent());  // rejected, retried, remembered
  cluster.upgrade_to("1.20.5");
  ASSERT_EQ(client.config().flink_version, "1.20.5");  // as a poller would read it
  SavepointRequest savepoint;
  savepoint.trigger_id = kTrigger;
  savepoint.format = "canonical";
  const Triggered now = client.trigger_savepoint(kJob, savepoint);
  EXPECT_TRUE(now.idempotent());
  EXPECT_EQ(now.trigger_id, kTrigger);
  const json last = cluster.trigger_bodies().back();
  EXPECT_EQ(last["triggerId"], kTrigger);
  EXPECT_EQ(last["formatType"], "CANONICAL");  // Flink's enum spelling, whatever the caller's case
}

TEST(FlinkTriggerVersions, AFlinkChosenTriggerIdMustBeOneTheStatusUrlTakes) {
  FakeFlink flink;
  flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"flink-version":"1.13.6"})");
  });
  flink.routes().Post(R"(/jobs/[0-9a-f]+/savepoints)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 202, R"({"request-id":"../../jobs"})");
  });
  flink.start();
  Error e = expect_error([&] { client_for(flink).trigger_savepoint(kJob, {}); });
  EXPECT_EQ(e.kind(), ErrorKind::Decode);
  EXPECT_NE(std::string(e.what()).find("is no trigger id"), std::string::npos) << e.what();
}

TEST(FlinkTriggerVersions, TheVersionAPollerReadIsKeptWithoutAnotherCall) {
  OlderFlink older("1.13.6");
  Client client = client_for(older.flink);
  EXPECT_THROW(client.overview(), Error);  // no route: a 404, nothing learned
  ASSERT_EQ(client.config().flink_version, "1.13.6");
  client.trigger_savepoint(kJob, {});
  EXPECT_EQ(older.flink.count("GET", "/config"), 1);  // the trigger asked nothing more
}

}  // namespace
}  // namespace flinktop::flink
