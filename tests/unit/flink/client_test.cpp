// The Flink client against a scripted loopback Flink: reads, error mapping (one line, right kind),
// timeouts, jar upload/run/delete, cancel and the request shapes it sends.
#include "core/flink/client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.hpp"
#include "fake_flink.hpp"
#include "support/run_command.hpp"

namespace flinktop::flink {
namespace {

using nlohmann::json;
using namespace fake;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

TEST(FlinkClient, DetectsTheVersionOnceFromConfigElseOverview) {
  FakeFlink flink;
  flink.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"flink-version":"1.20.1","features":{"web-submit":false}})");
  });
  flink.start();
  Client client = client_for(flink);
  ASSERT_TRUE(client.version());
  EXPECT_EQ(client.version()->to_string(), "1.20.1");
  EXPECT_EQ(flink.count("GET", "/config"), 1);

  FakeFlink unnamed;
  unnamed.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"flink-version":"<unknown>"})");
  });
  unnamed.routes().Get("/overview", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"flink-version":"2.1.0","taskmanagers":2})");
  });
  unnamed.start();
  Client other = client_for(unnamed);
  EXPECT_EQ(other.version()->to_string(), "2.1.0");
}

TEST(FlinkClient, ServerErrorWithStackTraceIsOneLine) {
  FakeFlink flink;
  flink.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 500,
          flink_errors("org.apache.flink.runtime.rest.handler.RestHandlerException: Could not retrieve "
                       "the execution graph."));
  });
  flink.start();
  Error e = expect_error([&] { client_for(flink).jobs(); });
  EXPECT_EQ(e.kind(), ErrorKind::Server);
  EXPECT_EQ(std::string(e.what()), "list the jobs failed on " + flink.url() +
                                       " (HTTP 500): Could not retrieve the execution graph.");
}

TEST(FlinkClient, MissingJobIsNotFoundNamingJobAndEndpoint) {
  FakeFlink flink;
  flink.routes().Get(R"(/jobs/([0-9a-f]+)(/.*)?)", [](const httplib::Request& req, httplib::Response& res) {
    reply(res, 404,
          flink_errors("org.apache.flink.runtime.rest.NotFoundException: Job " + std::string(req.matches[1]) +
                       " not found"));
  });
  flink.start();
  Client client = client_for(flink);
  for (auto call : std::vector<std::function<void()>>{
           [&] { client.job(kJob); }, [&] { client.checkpoints(kJob); }, [&] { client.cancel(kJob); }}) {
    Error e = expect_error(call);
    EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    EXPECT_EQ(std::string(e.what()), std::string("job ") + kJob + " not found on " + flink.url());
  }
}

TEST(FlinkClient, SavepointWithoutDirectorySaysHowToSetOne) {
  FakeFlink flink;
  flink.routes().Post(
      R"(/jobs/[0-9a-f]+/(savepoints|stop))", [](const httplib::Request& req, httplib::Response& res) {
        std::string field = req.path.ends_with("/stop") ? "targetDirectory" : "target-directory";
        reply(res, 400,
              flink_errors("org.apache.flink.runtime.rest.handler.RestHandlerException: Config key "
                           "[execution.checkpointing.savepoint-dir] is not set. Property [" +
                           field + "] must be provided."));
      });
  flink.start();
  Client client = client_for(flink);
  for (auto call : std::vector<std::function<void()>>{[&] { client.trigger_savepoint(kJob, {}); },
                                                      [&] { client.stop_with_savepoint(kJob, {}); }}) {
    Error e = expect_error(call);
    EXPECT_EQ(e.kind(), ErrorKind::Invalid);
    std::string m = e.what();
    EXPECT_NE(m.find("--dir"), std::string::npos) << m;
    EXPECT_NE(m.find("execution.checkpointing.savepoint-dir"), std::string::npos) << m;
    EXPECT_NE(m.find("state.savepoints.dir"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos);
  }
}

// Flink before 1.15 answers a cancel of an ended job with 404 (seen on a real 1.13.6); newer
// ones accept a repeated cancel and refuse a FINISHED job with 409. The client says the same for both.
TEST(FlinkClient, CancelOfAnEndedJobOnAnOlderFlinkSaysItsState) {
  FakeFlink flink;
  std::atomic<const char*> state{"FINISHED"};  // read by the server's thread
  flink.routes().Patch(R"(/jobs/.*)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 404, flink_errors("org.apache.flink.runtime.rest.NotFoundException: Job x not found"));
  });
  flink.routes().Get(R"(/jobs/[0-9a-f]+)", [&state](const httplib::Request&, httplib::Response& res) {
    const std::string now = state.load();
    if (now.empty()) return reply(res, 404, flink_errors("org.apache.flink.runtime.rest.NotFoundException: Job x not found"));
    reply(res, 200, nlohmann::json{{"jid", kJob}, {"name", "j"}, {"state", now}}.dump());
  });
  flink.start();
  Client client = client_for(flink);
  Error finished = expect_error([&] { client.cancel(kJob); });
  EXPECT_EQ(finished.kind(), ErrorKind::Conflict);
  EXPECT_NE(std::string(finished.what()).find("terminal state FINISHED"), std::string::npos) << finished.what();
  state = "CANCELED";
  client.cancel(kJob);  // a repeated cancel, as newer versions accept it
  state = "RUNNING";    // a 404 for a running job is Flink's word: passed on
  EXPECT_EQ(expect_error([&] { client.cancel(kJob); }).kind(), ErrorKind::NotFound);
  state = "";
  Error unknown = expect_error([&] { client.cancel(kJob); });
  EXPECT_EQ(unknown.kind(), ErrorKind::NotFound);
  EXPECT_EQ(std::string(unknown.what()), std::string("job ") + kJob + " not found on " + flink.url());
}

TEST(FlinkClient, OtherStatusesMapToTheirKinds) {
  FakeFlink flink;
  flink.routes().Patch(R"(/jobs/.*)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 409,
          flink_errors("org.apache.flink.runtime.rest.handler.RestHandlerException: Job cancellation "
                       "failed because the job has already reached another terminal state (FINISHED)."));
  });
  flink.routes().Get("/jars", [](const httplib::Request&, httplib::Response& res) { reply(res, 401, "{}"); });
  flink.routes().Get("/taskmanagers", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 403, R"({"errors":["forbidden by policy"]})");
  });
  flink.routes().Delete(R"(/jars/.*)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 400,
          flink_errors("org.apache.flink.runtime.rest.handler.RestHandlerException: File x.jar does not "
                       "exist in /tmp/flink-web-upload."));
  });
  flink.start();
  Client client = client_for(flink);
  Error conflict = expect_error([&] { client.cancel(kJob); });
  EXPECT_EQ(conflict.kind(), ErrorKind::Conflict);
  EXPECT_NE(std::string(conflict.what()).find("already reached another terminal state (FINISHED)"),
            std::string::npos);
  EXPECT_EQ(expect_error([&] { client.jars(); }).kind(), ErrorKind::Unauthorized);
  EXPECT_EQ(expect_error([&] { client.taskmanagers(); }).kind(), ErrorKind::Forbidden);
  Error invalid = expect_error([&] { client.delete_jar("x.jar"); });
  EXPECT_EQ(invalid.kind(), ErrorKind::Invalid);
  EXPECT_NE(std::string(invalid.what()).find(": File x.jar does not exist"), std::string::npos);
}

TEST(FlinkClient, MalformedJsonIsADecodeError) {
  FakeFlink flink;
  flink.routes().Get("/overview", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html><body>Login</body></html>", "text/html");
  });
  flink.routes().Get("/config",
                     [](const httplib::Request&, httplib::Response& res) { reply(res, 200, "[1,2]"); });
  flink.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"jobs":[{"jid":"a")");
  });
  flink.start();
  Client client = client_for(flink);
  Error html = expect_error([&] { client.overview(); });
  EXPECT_EQ(html.kind(), ErrorKind::Decode);
  EXPECT_NE(std::string(html.what()).find("<html><body>Login"), std::string::npos) << html.what();
  EXPECT_EQ(expect_error([&] { client.config(); }).kind(), ErrorKind::Decode);
  EXPECT_EQ(expect_error([&] { client.jobs(); }).kind(), ErrorKind::Decode);
}

TEST(FlinkClient, StalledEndpointTimesOutWithinTheConfiguredTimeout) {
  FakeFlink flink;
  flink.routes().Get("/overview", [&](const httplib::Request&, httplib::Response& res) {
    flink.server().wait_for_stop(milliseconds(10'000));
    reply(res, 200, "{}");
  });
  flink.start();
  ClientOptions options;
  options.call_timeout = milliseconds(400);
  Client client = client_for(flink, options);
  auto start = Clock::now();
  Error e = expect_error([&] { client.overview(); });
  auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  EXPECT_EQ(e.kind(), ErrorKind::Timeout);
  EXPECT_GE(elapsed.count(), 350);
  EXPECT_LT(elapsed.count(), 2'000);
  flink.server().stop();
}

TEST(FlinkClient, UnreachableEndpointIsAConnectError) {
  Client client(direct_endpoint("http://127.0.0.1:" + std::to_string(demo::unused_loopback_port())));
  EXPECT_EQ(expect_error([&] { client.overview(); }).kind(), ErrorKind::Connect);
}

TEST(FlinkClient, UploadsRunsAndDeletesAJar) {
  FakeFlink flink;
  std::string received_name, received_content;
  flink.routes().Post("/jars/upload", [&](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_file("jarfile")) return reply(res, 400, R"({"errors":["no jarfile"]})");
    auto file = req.get_file_value("jarfile");
    received_name = file.filename;
    received_content = file.content;
    reply(res, 200, R"({"filename":"/tmp/flink-web-1/flink-web-upload/abc_job.jar","status":"success"})");
  });
  flink.routes().Post(R"(/jars/abc_job\.jar/run)", [](const httplib::Request&, httplib::Response& res) {
    reply(
        res, 200,
        R"({"jobid":"0c65ba2cdacab4c248355f659623291f","applicationId":"0c65ba2cdacab4c248355f659623291f"})");
  });
  flink.routes().Delete(R"(/jars/abc_job\.jar)",
                        [](const httplib::Request&, httplib::Response& res) { reply(res, 200, "{}"); });
  flink.start();
  test::TempDir dir;
  std::string jar(100'000, '\0');
  for (std::size_t i = 0; i < jar.size(); ++i) jar[i] = static_cast<char>(i * 7);
  std::string path = dir.write("job.jar", jar);

  Client client = client_for(flink);
  EXPECT_EQ(client.upload_jar(path), "abc_job.jar");
  EXPECT_EQ(received_name, "job.jar");
  EXPECT_EQ(received_content, jar);

  RunRequest run;
  run.program_args = {"--output", "/tmp/out dir"};
  run.savepoint_path = "file:/sp/savepoint-1";
  EXPECT_EQ(client.run_jar("abc_job.jar", run), "0c65ba2cdacab4c248355f659623291f");
  json body = json::parse(flink.requests().back().body);
  EXPECT_EQ(body["programArgsList"], json({"--output", "/tmp/out dir"}));
  EXPECT_EQ(body["savepointPath"], "file:/sp/savepoint-1");
  EXPECT_FALSE(body.contains("programArgs"));

  client.delete_jar("abc_job.jar");
  EXPECT_EQ(flink.count("DELETE", "/jars/abc_job.jar"), 1);
  EXPECT_EQ(expect_error([&] { client.upload_jar(dir.path() + "/missing.jar"); }).kind(), ErrorKind::Usage);
}

TEST(FlinkClient, CancelAndMetricQueriesHaveFlinksShape) {
  FakeFlink flink;
  flink.routes().Patch(R"(/jobs/[0-9a-f]+)",
                       [](const httplib::Request&, httplib::Response& res) { reply(res, 202, "{}"); });
  flink.routes().Get(R"(/jobs/[0-9a-f]+/vertices/[0-9a-f]+/subtasks/metrics)",
                     [](const httplib::Request&, httplib::Response& res) {
                       reply(res, 200, R"([{"id":"numRecordsInPerSecond","max":2.5,"sum":4.0}])");
                     });
  flink.routes().Get(R"(/taskmanagers/.+/metrics)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"([{"id":"Status.JVM.CPU.Load","value":"0.25"}])");
  });
  flink.routes().Get(R"(/jobs/[0-9a-f]+/metrics)", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, R"({"not":"a list"})");
  });
  flink.start();
  Client client = client_for(flink);
  client.cancel(kJob);
  MetricMap m = client.subtask_metrics(kJob, "cbc357ccb763df2852fee8c4fc7d55f2",
                                       {std::string(metric::kNumRecordsInPerSecond), "a.b/c"});
  EXPECT_EQ(metric_number(m, metric::kNumRecordsInPerSecond), 4.0);
  MetricMap tm = client.taskmanager_metrics("127.0.0.1:35809-305e32", {std::string(metric::kCpuLoad)});
  EXPECT_EQ(metric_number(tm, metric::kCpuLoad), 0.25);
  EXPECT_EQ(expect_error([&] { client.job_metrics(kJob, {"uptime"}); }).kind(), ErrorKind::Decode);

  auto requests = flink.requests();
  EXPECT_EQ(requests[0].method, "PATCH");
  EXPECT_EQ(requests[0].params.find("mode")->second, "cancel");
  EXPECT_EQ(requests[1].target, std::string("/jobs/") + kJob +
                                    "/vertices/cbc357ccb763df2852fee8c4fc7d55f2/subtasks/metrics"
                                    "?get=numRecordsInPerSecond,a.b%2Fc&agg=sum,max");
  EXPECT_EQ(requests[2].path, "/taskmanagers/127.0.0.1:35809-305e32/metrics");
  EXPECT_EQ(expect_error([&] { client.job(".."); }).kind(), ErrorKind::Usage);
}

}  // namespace
}  // namespace flinktop::flink
