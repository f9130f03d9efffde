// Rescale and restore of jobs Flink runs without the operator, against a loopback Flink for what a
// real one will not do on demand (reactive mode, application mode, a run that fails after the stop).
// The real Flink runs the happy paths: tests/integration/flink_rest_test.cpp.
#include "core/actions/job_lifecycle.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>

#include "core/error.hpp"
#include "core/flink/endpoint.hpp"
#include "unit/flink/fake_flink.hpp"
#include "support/run_command.hpp"

namespace flinktop::actions {
namespace {

using flinktop::flink::fake::FakeFlink;
using flinktop::flink::fake::flink_errors;
using flinktop::flink::fake::kJob;
using flinktop::flink::fake::reply;
using nlohmann::json;

constexpr const char* kSource = "90bea66de1c231edf33913ecd54406c1";
constexpr const char* kSink = "cbc357ccb763df2852fee8c4fc7d55f2";

class JobLifecycle : public ::testing::Test {
 protected:
  // A 1.20 session cluster whose job has two vertices at `parallelism`, with `config` as its
  // JobManager configuration.
  void serve(std::vector<std::pair<std::string, std::string>> config, bool web_submit = true) {
    flink.routes().Get("/config", [web_submit](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, json{{"flink-version", "1.20.5"}, {"features", {{"web-submit", web_submit}}}}.dump());
    });
    flink.routes().Get("/jobmanager/config", [config](const httplib::Request&, httplib::Response& res) {
      json entries = json::array();
      for (const auto& [k, v] : config) entries.push_back({{"key", k}, {"value", v}});
      reply(res, 200, entries.dump());
    });
    flink.routes().Get("/jobs", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard lock(mutex);
      reply(res, 200, json{{"jobs", {{{"id", kJob}, {"status", state}}}}}.dump());
    });
    flink.routes().Get(R"(/jobs/([0-9a-f]+))", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard lock(mutex);
      json vertices = json::array();
      for (const char* id : {kSource, kSink}) {
        vertices.push_back({{"id", id}, {"name", id}, {"parallelism", parallelism}, {"maxParallelism", 128},
                            {"status", "RUNNING"}});
      }
      reply(res, 200, json{{"jid", kJob}, {"name", "orders"}, {"state", state}, {"vertices", vertices}}.dump());
    });
    flink.start();
    ctx.flink = std::make_shared<flink::Client>(flink::direct_endpoint(flink.url()));
    ctx.journal = &journal;
    job.cluster.context = "dev";
    job.cluster.namespace_ = "streaming";
    job.cluster.name = "orders";
    job.cluster.kind = model::ClusterKind::Standalone;
    job.job_id = kJob;
    job.job_name = "orders";
  }

  FakeFlink flink;
  std::mutex mutex;
  int parallelism = 1;
  std::string state = "RUNNING";
  test::TempDir dir;
  Journal journal{dir.path() + "/actions.log"};
  ActionContext ctx;
  JobRef job;
};

TEST_F(JobLifecycle, OnTheAdaptiveSchedulerEveryVertexGetsTheNewUpperBoundAndTheRescaleIsFollowed) {
  std::string put_body;
  flink.routes().Get(R"(/jobs/([0-9a-f]+)/resource-requirements)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{kSource, {{"parallelism", {{"lowerBound", 1}, {"upperBound", 1}}}}},
                         {kSink, {{"parallelism", {{"lowerBound", 2}, {"upperBound", 2}}}}}}
                        .dump());
  });
  flink.routes().Put(R"(/jobs/([0-9a-f]+)/resource-requirements)", [&](const httplib::Request& req, httplib::Response& res) {
    put_body = req.body;
    reply(res, 200, "{}");
  });
  serve({{"jobmanager.scheduler", "Adaptive"}});
  const ScalePlan plan = plan_scale(ctx, job);
  EXPECT_EQ(plan.route, ScaleRoute::Adaptive) << plan.why;

  std::vector<std::string> progress;
  ctx.progress = [&](const std::string& line) {
    progress.push_back(line);
    std::lock_guard lock(mutex);
    parallelism = 3;  // Flink rescales after the first look
  };
  ScaleRequest request = ScaleRequest::to(3);
  const ActionResult result = scale_job(ctx, job, request, plan);
  EXPECT_EQ(result.message, "orders: parallelism 1 → 3, rescaled in place by Flink's adaptive scheduler (same job, "
                            "state from its last checkpoint)");
  EXPECT_EQ(json::parse(put_body), json::parse(R"({")" + std::string(kSource) +
                                               R"(":{"parallelism":{"lowerBound":1,"upperBound":3}},")" + kSink +
                                               R"(":{"parallelism":{"lowerBound":2,"upperBound":3}}})"));
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0], "orders: rescaling 1 → 3 (RUNNING at 1; Flink waits out its cooldown first)");
}

// Lowered below a vertex's lower bound, the lower bound follows; a rescale that does not come
// within the follow time is said as it is, not as a failure.
TEST_F(JobLifecycle, ARescaleThatDoesNotHappenWithinTheFollowTimeIsSaidAsItIs) {
  flink.routes().Get(R"(/jobs/([0-9a-f]+)/resource-requirements)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{kSource, {{"parallelism", {{"lowerBound", 2}, {"upperBound", 2}}}}}}.dump());
  });
  std::string put_body;
  flink.routes().Put(R"(/jobs/([0-9a-f]+)/resource-requirements)", [&](const httplib::Request& req, httplib::Response& res) {
    put_body = req.body;
    reply(res, 200, "{}");
  });
  flink.routes().Get("/overview", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{"taskmanagers", 1}, {"slots-total", 4}, {"slots-available", 0}}.dump());
  });
  serve({{"jobmanager.scheduler", "adaptive"}});
  parallelism = 2;
  ScaleRequest request = ScaleRequest::to(1);
  request.follow = std::chrono::milliseconds(0);
  const ActionResult result = scale_job(ctx, job, request);
  EXPECT_EQ(result.message, "orders: parallelism 1 requested; after 0 s it runs at 2 (RUNNING, 0 free slots): Flink's "
                            "adaptive scheduler rescales once its cooldown has passed and the slots are there");
  EXPECT_EQ(json::parse(put_body)[kSource]["parallelism"], json::parse(R"({"lowerBound":1,"upperBound":1})"));
}

TEST_F(JobLifecycle, ReactiveModeAndApplicationClustersAreRefusedBeforeAnythingChanges) {
  serve({{"jobmanager.scheduler", "adaptive"}, {"scheduler-mode", "REACTIVE"}});
  try {
    scale_job(ctx, job, ScaleRequest::to(4));
    FAIL() << "reactive mode follows the TaskManagers";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "orders runs in reactive mode: its parallelism follows the TaskManagers; scale "
                                     "their Deployment instead");
  }
  EXPECT_EQ(flink.count("PUT", "/jobs/" + std::string(kJob) + "/resource-requirements"), 0);
  EXPECT_EQ(journal.read().back().result, "failed");
}

TEST_F(JobLifecycle, AnApplicationClusterWithoutTheAdaptiveSchedulerIsNotStopped) {
  serve({}, /*web_submit=*/false);
  const ScalePlan plan = plan_scale(ctx, job);
  EXPECT_EQ(plan.route, ScaleRoute::Refused);
  EXPECT_EQ(plan.why, "streaming/orders accepts no jar submissions (an application cluster, or web.submit.enable: "
                      "false), so a stopped job could not be run again; with jobmanager.scheduler: adaptive (Flink "
                      "1.18+) it would rescale in place");
  EXPECT_THROW(scale_job(ctx, job, ScaleRequest::to(2)), Error);
  EXPECT_EQ(flink.count("POST", "/jobs/" + std::string(kJob) + "/stop"), 0);
}

TEST_F(JobLifecycle, OnTheDefaultSchedulerTheJarIsNeededAndARunThatFailsAfterTheStopSaysWhereTheSavepointIs) {
  flink.routes().Post("/jars/upload", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"filename":"/tmp/flink-web/abc_job.jar","status":"success"})");
  });
  flink.routes().Post(R"(/jobs/([0-9a-f]+)/stop)", [](const httplib::Request& req, httplib::Response& res) {
    reply(res, 202, json{{"request-id", json::parse(req.body).value("triggerId", "")}}.dump());
  });
  flink.routes().Get(R"(/jobs/([0-9a-f]+)/savepoints/([0-9a-f]+))", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, json{{"status", {{"id", "COMPLETED"}}}, {"operation", {{"location", "file:/sp/savepoint-9"}}}}.dump());
  });
  std::string run_body;
  flink.routes().Post(R"(/jars/([^/]+)/run)", [&](const httplib::Request& req, httplib::Response& res) {
    run_body = req.body;
    reply(res, 500, flink_errors("org.apache.flink.client.program.ProgramInvocationException: boom"));
  });
  flink.routes().Delete(R"(/jars/([^/]+))", [](const httplib::Request&, httplib::Response& res) { reply(res, 200, "{}"); });
  serve({});
  EXPECT_EQ(plan_scale(ctx, job).route, ScaleRoute::Resubmit);
  try {
    scale_job(ctx, job, ScaleRequest::to(2));
    FAIL() << "without the jar there is nothing to run again";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("give its jar (--jar FILE or --jar-id ID)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(flink.count("POST", "/jobs/" + std::string(kJob) + "/stop"), 0);

  const std::string jar = dir.path() + "/job.jar";
  std::ofstream(jar) << "PK";
  ScaleRequest request = ScaleRequest::to(2);
  request.resubmit.jar_path = jar;
  try {
    scale_job(ctx, job, request);
    FAIL() << "the run failed";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("orders stopped with its savepoint at file:/sp/savepoint-9, but running it again failed: ", 0), 0u)
        << what;
    EXPECT_NE(what.find("run it with: flinktop submit JAR -p 2 --from-savepoint file:/sp/savepoint-9"), std::string::npos)
        << what;
  }
  const json run = json::parse(run_body);
  EXPECT_EQ(run["parallelism"], 2);
  EXPECT_EQ(run["savepointPath"], "file:/sp/savepoint-9");
  // Uploaded before the stop, removed after the failed run.
  const auto requests = flink.requests();
  std::vector<std::string> order;
  for (const auto& r : requests) {
    if (r.method != "GET") order.push_back(r.method + " " + r.path.substr(0, r.path.find('/', 1)));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"POST /jars", "POST /jobs", "POST /jars", "DELETE /jars"}));
  // The journal: scale started, stop started + succeeded (the savepoint kept), submit started +
  // failed, scale failed.
  std::vector<std::string> lines;
  for (const JournalEntry& e : journal.read()) lines.push_back(e.action + " " + e.result + " " + e.savepoint);
  EXPECT_EQ(lines, (std::vector<std::string>{"scale started ", "scale failed ", "scale started ", "stop started ",
                                             "stop succeeded file:/sp/savepoint-9", "submit started ",
                                             "submit failed ", "scale failed "}));
}

TEST_F(JobLifecycle, ARunningJobIsNotRestoredBesideItself) {
  serve({});
  RestoreRequest request;
  request.savepoint = "file:/sp/savepoint-9";
  request.resubmit.jar_id = "abc_job.jar";
  try {
    restore_job(ctx, job, request);
    FAIL() << "the job still runs";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "orders is RUNNING: stop it first (flinktop stop writes a savepoint); two jobs "
                                     "would write to the same sinks");
  }
  EXPECT_EQ(flink.count("POST", "/jars/abc_job.jar/run"), 0);
}

}  // namespace
}  // namespace flinktop::actions
