// Each job subcommand of the flinktop binary once against a REAL Flink per version (--flink-url:
// no Kubernetes), as a script would use them: submit, get jobs/taskmanagers/savepoints, savepoint
// (waiting and not), stop with savepoint, resubmit from it, cancel — plus the refusals and errors
// a script must be able to tell apart by exit code. Jobs are named by id (prefix): other tests run
// the same example on the same cluster concurrently, so names are ambiguous here by design. The journal goes to a temporary state dir.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/flink/client.hpp"
#include "integration/real_flink.hpp"
#include "support/run_command.hpp"

namespace flinktop::it {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class CliAgainstFlink : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = flink_sh({"url", "--name", instance_name(GetParam())});
    ASSERT_EQ(url_.rfind("http://127.0.0.1:", 0), 0u) << "no Flink " << GetParam() << " instance (ctest starts it)";
    if (has_example_jar(GetParam())) jar_ = flink_sh({"jar", GetParam()});
  }

  test::CommandResult flinktop(std::vector<std::string> args) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--flink-url", url_});
    return test::run_command(args, {"XDG_STATE_HOME=" + state_.path(), "KUBECONFIG=/nonexistent"});
  }

  json flinktop_json(std::vector<std::string> args) {
    test::CommandResult r = flinktop(std::move(args));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const json::exception& e) {
      ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
      return json::object();
    }
  }

  json job(const std::string& id) {
    const json doc = flinktop_json({"get", "jobs", "-o", "json"});
    for (const json& item : doc["items"]) {
      if (item["id"] == id) return item;
    }
    return json::object();
  }

  std::string await_state(const std::string& id, const std::string& state) {
    auto seen = eventually<std::string>("job " + id + " " + state, seconds(120), [&]() -> std::optional<std::string> {
      const json j = job(id);
      if (j.value("state", "") == state) return state;
      return std::nullopt;
    });
    return seen.value_or(job(id).value("state", "(gone)"));
  }

  // `flinktop submit` of the example jar; where there is none (before 1.19 here), the SQL job
  // through the distribution's SQL client.
  std::string submit(std::vector<std::string> extra = {}, const std::string& from_savepoint = "") {
    if (jar_.empty()) return submit_sql_job(instance_name(GetParam()), from_savepoint);
    std::vector<std::string> args{"submit", jar_, "-o", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    if (!from_savepoint.empty()) args.insert(args.end(), {"--from-savepoint", from_savepoint});
    const json result = flinktop_json(args);
    return result.value("job", "");
  }

  // Every vertex's parallelism, as the JobManager reports it.
  std::vector<std::int64_t> parallelism(const std::string& id) {
    std::vector<std::int64_t> out;
    for (const flink::Vertex& v : client().job(id).vertices) out.push_back(v.parallelism);
    return out;
  }

  flink::Client& client() {
    if (!client_) client_ = std::make_unique<flink::Client>(flink::direct_endpoint(url_));
    return *client_;
  }

  void await_all_tasks_running(const std::string& id) {
    ASSERT_TRUE(eventually<bool>("all tasks of " + id + " running", seconds(90), [&]() -> std::optional<bool> {
      const json j = job(id);
      const int total = j["tasks"].value("total", 0);
      if (total > 0 && j["tasks"]["byState"].value("RUNNING", 0) == total) return true;
      return std::nullopt;
    }));
  }

  test::TempDir state_;
  std::string url_;
  std::string jar_;
  std::unique_ptr<flink::Client> client_;
};

TEST_P(CliAgainstFlink, EverySubcommandOnARealCluster) {
  // submit: uploads, runs with a parallelism, deletes the uploaded jar again.
  const std::string id = submit({"--parallelism", "1"});
  ASSERT_EQ(id.size(), 32u);
  ASSERT_EQ(await_state(id, "RUNNING"), "RUNNING");
  const json listed = job(id);
  const int tasks = jar_.empty() ? listed["tasks"].value("total", 0) : 2;
  if (jar_.empty()) {
    EXPECT_EQ(listed["name"].get<std::string>().rfind("insert-into", 0), 0u) << listed.dump();
    EXPECT_GE(tasks, 1);
  } else {
    EXPECT_EQ(listed["name"], "CarTopSpeedWindowingExample");
  }
  EXPECT_EQ(listed["source"], "rest");
  EXPECT_EQ(listed["tasks"]["total"], tasks);

  // get clusters: the one cluster as its JobManager describes itself.
  const json clusters = flinktop_json({"get", "clusters", "-o", "json"});
  ASSERT_EQ(clusters["items"].size(), 1u);
  EXPECT_EQ(clusters["items"][0]["flinkVersion"], GetParam());
  EXPECT_EQ(clusters["items"][0]["slots"]["total"], 4);
  EXPECT_GE(clusters["items"][0]["jobs"]["running"], 1);

  // get taskmanagers: the instance's one TaskManager with its 4 slots.
  const json tms = flinktop_json({"get", "taskmanagers", "-o", "json"});
  ASSERT_EQ(tms["items"].size(), 1u);
  EXPECT_EQ(tms["items"][0]["slots"]["total"], 4);
  EXPECT_EQ(tms["kind"], "TaskManagerList");
  test::CommandResult table = flinktop({"get", "tm"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("SLOTS"), std::string::npos) << table.out;

  // Tasks deploy for a moment after RUNNING; a savepoint needs them all running.
  ASSERT_TRUE(eventually<bool>("all tasks running", seconds(90), [&]() -> std::optional<bool> {
    const json j = job(id);
    if (j["tasks"]["byState"].value("RUNNING", 0) == tasks) return true;
    return std::nullopt;
  }));

  // savepoint --wait by id prefix: the location is printed and exists on disk.
  const json saved = flinktop_json({"savepoint", id.substr(0, 10), "--wait", "-o", "json"});
  ASSERT_TRUE(saved["savepoint"].is_string()) << saved.dump();
  EXPECT_TRUE(fs::exists(fs::path(local_path(saved["savepoint"])) / "_metadata")) << saved.dump();
  EXPECT_EQ(saved["route"], "rest");
  // Before 1.15 the trigger carried no trigger id: the result (and the journal) says a retry was not safe.
  const bool before_115 = before_flink_115(GetParam());
  EXPECT_EQ(saved.contains("note"), before_115) << saved.dump();
  if (before_115) {
    EXPECT_NE(saved.value("note", "").find("Flink " + GetParam() + " takes no trigger id"), std::string::npos)
        << saved.dump();
  }

  // savepoint without --wait: triggered, the trigger id said.
  test::CommandResult triggered = flinktop({"savepoint", id});
  EXPECT_EQ(triggered.exit_code, 0) << triggered.err;
  EXPECT_NE(triggered.out.find("trigger id"), std::string::npos) << triggered.out;
  EXPECT_EQ(triggered.err.find("flinktop: note: "), before_115 ? 0u : std::string::npos) << triggered.err;

  // get savepoints: Flink's checkpoint history and flinktop's journal agree on the first one.
  // (The JobManager caches checkpoint statistics for web.refresh-interval: allow it a moment.)
  const auto both_sources = eventually<json>("the savepoint from Flink and the journal", seconds(30),
                                             [&]() -> std::optional<json> {
    const json doc = flinktop_json({"get", "savepoints", "--job", id, "-o", "json"});
    for (const json& s : doc["items"]) {
      if (s["path"] != saved["savepoint"]) continue;
      const std::vector<std::string> sources = s["sources"];
      const bool flink = std::find(sources.begin(), sources.end(), "flink") != sources.end();
      const bool journal = std::find(sources.begin(), sources.end(), "journal") != sources.end();
      if (flink && journal) return s;
    }
    return std::nullopt;
  });
  ASSERT_TRUE(both_sources);
  EXPECT_EQ((*both_sources)["job"], id);
  EXPECT_EQ((*both_sources)["state"], "COMPLETED");

  // --readonly refuses before touching anything: exit 2, the job still runs.
  test::CommandResult refused = flinktop({"--readonly", "cancel", id});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--readonly"), std::string::npos) << refused.err;
  EXPECT_EQ(job(id)["state"], "RUNNING");

  // stop --drain: FINISHED, its savepoint on disk.
  const json stopped = flinktop_json({"stop", id, "--drain", "--yes", "-o", "json"});
  ASSERT_TRUE(stopped["savepoint"].is_string()) << stopped.dump();
  const std::string stop_path = stopped["savepoint"];
  EXPECT_TRUE(fs::exists(fs::path(local_path(stop_path)) / "_metadata"));
  EXPECT_EQ(await_state(id, "FINISHED"), "FINISHED");

  // Resubmit from it: the new job says it was restored from that savepoint.
  const std::string resumed = submit({}, stop_path);
  ASSERT_EQ(resumed.size(), 32u);
  ASSERT_EQ(await_state(resumed, "RUNNING"), "RUNNING");
  ASSERT_TRUE(eventually<bool>("the restore in get savepoints", seconds(60), [&]() -> std::optional<bool> {
    const json doc = flinktop_json({"get", "savepoints", "--job", resumed, "-o", "json"});
    for (const json& s : doc["items"]) {
      if (local_path(s.value("path", "")) == local_path(stop_path)) return true;
    }
    return std::nullopt;
  }));

  // cancel (by id: other tests may run the same example on this cluster at the same time).
  test::CommandResult cancelled = flinktop({"cancel", resumed, "--yes"});
  EXPECT_EQ(cancelled.exit_code, 0) << cancelled.err;
  EXPECT_EQ(await_state(resumed, "CANCELED"), "CANCELED");

  // Errors a script can tell apart: unknown job 6, suspend of a job no operator manages 1.
  test::CommandResult unknown = flinktop({"cancel", "no-such-job"});
  EXPECT_EQ(unknown.exit_code, 6) << unknown.err;
  test::CommandResult suspend = flinktop({"suspend", id});
  EXPECT_EQ(suspend.exit_code, 1) << suspend.err;
  EXPECT_NE(suspend.err.find("not managed by the Flink operator"), std::string::npos) << suspend.err;

  // The journal has every mutation with its outcome.
  std::ifstream file(state_.path() + "/flinktop/actions.log");
  const std::string log((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const char* action : {"submit", "savepoint", "stop", "cancel"}) {
    if (jar_.empty() && std::string(action) == "submit") continue;  // the SQL client submitted it
    EXPECT_NE(log.find(std::string("\"action\":\"") + action + "\",\"result\":\"succeeded\""), std::string::npos) << action << "\n" << log;
  }
  if (before_115) {
    EXPECT_NE(log.find("takes no trigger id"), std::string::npos) << log;
  }
}

// On Flink's default scheduler a rescale is a stop with a savepoint and a resubmission of the jar
// from it; restore runs the jar again from the newest savepoint flinktop knows of the job.
TEST_P(CliAgainstFlink, ScaleByStopAndResubmitThenRestoreFromTheLatestSavepoint) {
  if (jar_.empty()) GTEST_SKIP() << "no example jar for Flink " << GetParam() << " here (scale resubmits a jar)";
  const std::string id = submit({"--parallelism", "1"});
  ASSERT_EQ(id.size(), 32u);
  ASSERT_EQ(await_state(id, "RUNNING"), "RUNNING");
  await_all_tasks_running(id);

  // No terminal to ask on (stdin is not one here): refused until --yes, nothing changed.
  test::CommandResult asked = flinktop({"scale", id, "-p", "2", "--jar", jar_});
  EXPECT_EQ(asked.exit_code, 2) << asked.err;
  EXPECT_NE(asked.err.find("scale asks before it changes anything and there is no terminal to ask on: add --yes"),
            std::string::npos)
      << asked.err;
  // Without the jar there is nothing to run again: refused before the job is stopped.
  test::CommandResult no_jar = flinktop({"scale", id, "-p", "2", "--yes"});
  EXPECT_EQ(no_jar.exit_code, 2) << no_jar.err;
  EXPECT_NE(no_jar.err.find("runs on Flink's default scheduler"), std::string::npos) << no_jar.err;
  EXPECT_EQ(job(id)["state"], "RUNNING");

  const json scaled = flinktop_json({"scale", id, "-p", "2", "--jar", jar_, "--yes", "-o", "json"});
  ASSERT_TRUE(scaled["savepoint"].is_string()) << scaled.dump();
  ASSERT_TRUE(scaled["newJob"].is_string()) << scaled.dump();
  const std::string stop_path = scaled["savepoint"];
  const std::string rescaled = scaled["newJob"];
  EXPECT_EQ(scaled["message"], "CarTopSpeedWindowingExample: stopped with a savepoint at " + stop_path +
                                   ", then submitted again as job " + rescaled + " with parallelism 2");
  EXPECT_EQ(await_state(id, "FINISHED"), "FINISHED");
  ASSERT_EQ(await_state(rescaled, "RUNNING"), "RUNNING");
  // (The source of the 1.x example is not parallel: it stays at 1.)
  EXPECT_EQ(parallelism(rescaled).back(), 2);
  EXPECT_EQ(parallelism(id).back(), 1);
  await_all_tasks_running(rescaled);

  // restore --from latest: stop the rescaled job; its stop savepoint is the newest one known.
  const json stopped = flinktop_json({"stop", rescaled, "--yes", "-o", "json"});
  ASSERT_TRUE(stopped["savepoint"].is_string()) << stopped.dump();
  EXPECT_EQ(await_state(rescaled, "FINISHED"), "FINISHED");
  const json restored = flinktop_json({"restore", rescaled, "--from", "latest", "--jar", jar_, "--yes", "-o", "json"});
  ASSERT_TRUE(restored["newJob"].is_string()) << restored.dump();
  const std::string again = restored["newJob"];
  ASSERT_EQ(await_state(again, "RUNNING"), "RUNNING");
  const auto from = eventually<std::string>("the restored checkpoint of " + again, seconds(60),
                                            [&]() -> std::optional<std::string> {
    const flink::CheckpointStats stats = client().checkpoints(again);
    if (stats.counts.restored < 1 || !stats.latest.restored) return std::nullopt;
    return stats.latest.restored->external_path;
  });
  ASSERT_TRUE(from);
  EXPECT_EQ(local_path(*from), local_path(stopped["savepoint"]));
  // Restoring beside a running job is refused.
  test::CommandResult twice = flinktop({"restore", again, "--from", "latest", "--jar", jar_, "--yes"});
  EXPECT_EQ(twice.exit_code, 2) << twice.err;
  EXPECT_NE(twice.err.find("is RUNNING: stop it first"), std::string::npos) << twice.err;
  EXPECT_EQ(flinktop({"cancel", again, "--yes"}).exit_code, 0);

  // The journal: the scale with its savepoint, its stop and submit steps, the restore.
  std::ifstream file(state_.path() + "/flinktop/actions.log");
  const std::string log((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const char* action : {"scale", "stop", "submit", "restore"}) {
    EXPECT_NE(log.find(std::string("\"action\":\"") + action + "\",\"result\":\"succeeded\""), std::string::npos)
        << action << "\n" << log;
  }
  EXPECT_NE(log.find("\"action\":\"scale\",\"result\":\"succeeded\",\"savepoint\":\"" + stop_path), std::string::npos)
      << log;
}

INSTANTIATE_TEST_SUITE_P(Cli, CliAgainstFlink, ::testing::ValuesIn(versions()), version_test_name);

}  // namespace
}  // namespace flinktop::it
