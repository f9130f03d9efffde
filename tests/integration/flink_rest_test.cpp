// The Flink REST client against REAL Flink clusters, one per version (tests/env/flink.sh, started
// and stopped by ctest fixtures, see tests/CMakeLists.txt). Each scenario reads the cluster's URL
// with `flink.sh url --name <instance>`; it only ever dials 127.0.0.1 and every wait is bounded.
//
// Run by hand:  tests/env/flink.sh start 2.3.0 --name <prefix>2.3.0
//               integration_tests --gtest_filter='*Flink2_3_0'     (prefix: FLINKTOP_IT_NAME_PREFIX)
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "core/sync/flink_poller.hpp"
#include "integration/real_flink.hpp"
#include "support/run_command.hpp"

namespace flinktop::flink {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
namespace fs = std::filesystem;
using it::eventually;
using it::flink_sh;
using it::instance_name;
using it::kScript;
using it::local_path;
using it::versions;

class FlinkIntegration : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    name_ = instance_name(GetParam());
    url_ = flink_sh({"url", "--name", name_});
    ASSERT_EQ(url_.rfind("http://127.0.0.1:", 0), 0u)
        << "no Flink " << GetParam() << " instance '" << name_ << "' (got '" << url_
        << "'); start it with: " << kScript << " start " << GetParam() << " --name " << name_
        << "  (ctest does this)";
    client_ = std::make_unique<Client>(direct_endpoint(url_));
  }

  Client& client() { return *client_; }

  std::string job_state(const std::string& job_id) { return client().job(job_id).state; }

  // Waits for the job to be RUNNING with all its tasks running.
  void await_running(const std::string& job_id) {
    auto ok = eventually<bool>("job " + job_id + " and all its vertices RUNNING", seconds(120),
                               [&]() -> std::optional<bool> {
                                 JobDetails d = client().job(job_id);
                                 if (d.state != "RUNNING" || d.vertices.empty()) return std::nullopt;
                                 for (const auto& v : d.vertices) {
                                   if (v.status != "RUNNING") return std::nullopt;
                                 }
                                 return true;
                               });
    ASSERT_TRUE(ok);
  }

  void await_state(const std::string& job_id, const std::string& state) {
    auto ok = eventually<bool>("job " + job_id + " " + state, seconds(120), [&]() -> std::optional<bool> {
      if (job_state(job_id) == state) return true;
      return std::nullopt;
    });
    ASSERT_TRUE(ok) << "job " << job_id << " never reached " << state << " (now " << job_state(job_id) << ")";
  }

  std::string name_;
  std::string url_;
  std::unique_ptr<Client> client_;
};

TEST_P(FlinkIntegration, DetectsTheVersion) {
  DashboardConfig config = client().config();
  EXPECT_EQ(config.flink_version, GetParam());
  EXPECT_TRUE(config.features.web_submit);
  auto v = client().version();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->to_string(), GetParam());
  EXPECT_EQ(client().overview().flink_version, GetParam());
}

TEST_P(FlinkIntegration, TaskManagersAndTheirMetrics) {
  ClusterOverview overview = client().overview();
  EXPECT_GE(overview.taskmanagers, 1);
  EXPECT_EQ(overview.slots_total, 4);

  std::vector<TaskManager> tms = client().taskmanagers();
  ASSERT_EQ(tms.size(), 1u);
  const TaskManager& tm = tms[0];
  EXPECT_EQ(tm.slots_number, 4);
  EXPECT_EQ(tm.endpoint.rfind("127.0.0.1:", 0), 0u) << tm.endpoint;
  EXPECT_GT(tm.hardware.cpu_cores, 0);
  EXPECT_GT(tm.memory_configuration.total_process_memory, 0);

  // Flink fetches metrics from the TaskManager in the background, on demand: the first answers after
  // a start have zeros / no metrics at all.
  auto fetched = eventually<TaskManagerDetails>("TaskManager details with metrics", seconds(60),
                                                [&]() -> std::optional<TaskManagerDetails> {
                                                  // The id has ':' and '.' in it.
                                                  TaskManagerDetails d = client().taskmanager(tm.id);
                                                  if (d.metrics.heap_max <= 0) return std::nullopt;
                                                  return d;
                                                });
  ASSERT_TRUE(fetched);
  const TaskManagerDetails& details = *fetched;
  EXPECT_EQ(details.info.id, tm.id);
  EXPECT_GT(details.metrics.heap_used, 0);
  EXPECT_GT(details.metrics.non_heap_used, 0);
  EXPECT_GT(details.metrics.network_memory_total, 0);
  ASSERT_FALSE(details.metrics.garbage_collectors.empty());

  std::vector<std::string> names{std::string(metric::kHeapUsed), std::string(metric::kHeapMax),
                                 std::string(metric::kCpuLoad)};
  for (const auto& gc : details.metrics.garbage_collectors) {
    names.push_back(std::string(metric::kGarbageCollectorPrefix) + gc.name + ".Count");
    names.push_back(std::string(metric::kGarbageCollectorPrefix) + gc.name + ".Time");
  }
  auto metrics = eventually<MetricMap>("TaskManager metrics", seconds(60), [&]() -> std::optional<MetricMap> {
    MetricMap m = client().taskmanager_metrics(tm.id, names);
    if (!metric_number(m, metric::kHeapMax)) return std::nullopt;
    return m;
  });
  ASSERT_TRUE(metrics);
  EXPECT_GT(*metric_number(*metrics, metric::kHeapMax), 0);
  EXPECT_TRUE(metric_number(*metrics, metric::kHeapUsed));
  EXPECT_TRUE(metric_number(*metrics, metric::kCpuLoad));
  EXPECT_FALSE(garbage_collectors(*metrics).empty());
}

// What the TaskManagers view shows, as the poller asks each TaskManager: the names it asks for
// (the JVM's, managed memory's, the usual collectors') are the ones a real Flink reports.
TEST_P(FlinkIntegration, ThePollerReadsEachTaskManagersLoad) {
  sync::FlinkPoller poller(std::make_shared<Client>(direct_endpoint(url_)), "it", nullptr, milliseconds(500));
  poller.show_taskmanager_load(true);
  auto load = eventually<model::TaskManagerLoad>("a TaskManager's load", seconds(60),
                                                 [&]() -> std::optional<model::TaskManagerLoad> {
                                                   auto snap = poller.snapshot();
                                                   if (snap->taskmanager_load.empty()) return std::nullopt;
                                                   const model::TaskManagerLoad& l = snap->taskmanager_load.begin()->second;
                                                   if (!l.heap_max || !l.gc_count) return std::nullopt;
                                                   return l;
                                                 });
  ASSERT_TRUE(load);
  EXPECT_GT(*load->heap_max, 0);
  EXPECT_GT(load->heap_used.value_or(0), 0);
  EXPECT_TRUE(load->cpu_load);
  EXPECT_GT(load->managed_total.value_or(0), 0);
  EXPECT_TRUE(load->managed_used);
  EXPECT_GE(*load->gc_time_ms, 0);
  poller.show_taskmanager_load(false);
  poller.poll_now();
  EXPECT_TRUE(eventually<bool>("the load no longer asked", seconds(10), [&]() -> std::optional<bool> {
    if (!poller.snapshot()->taskmanager_load.empty()) return std::nullopt;
    return true;
  }));
}

TEST_P(FlinkIntegration, ErrorsFromARealFlink) {
  const std::string missing = "00000000000000000000000000000000";
  try {
    client().job(missing);
    ADD_FAILURE() << "no error for a missing job";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    EXPECT_EQ(std::string(e.what()), "job " + missing + " not found on " + url_);
  }
  try {
    client().cancel(missing);
    ADD_FAILURE() << "no error cancelling a missing job";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
  }
  try {
    client().delete_jar("no-such.jar");
    ADD_FAILURE() << "no error deleting a missing jar";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Invalid) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("\tat "), std::string::npos);
  }
}

TEST_P(FlinkIntegration, JobLifecycle) {
  const std::string version = GetParam();
  const bool jar_job = it::has_example_jar(version);
  const bool before_115 = it::before_flink_115(version);
  const std::string savepoints_dir = flink_sh({"dir", "--name", name_}) + "/savepoints";

  // Upload and run the example; or, where Maven Central has no example jar, the SQL job.
  std::string jar_id;
  std::string job_id;
  if (jar_job) {
    const std::string jar_path = flink_sh({"jar", version});
    ASSERT_TRUE(fs::is_regular_file(jar_path)) << jar_path;
    jar_id = client().upload_jar(jar_path);
    ASSERT_FALSE(jar_id.empty());
    JarList jars = client().jars();
    bool listed = false;
    for (const auto& f : jars.files) listed |= f.id == jar_id;
    EXPECT_TRUE(listed) << jar_id;
    job_id = client().run_jar(jar_id, RunRequest{});
  } else {
    job_id = it::submit_sql_job(name_);
  }
  ASSERT_EQ(job_id.size(), 32u) << job_id;

  // RUNNING, with vertices, a plan that has them all, and a completed checkpoint.
  ASSERT_NO_FATAL_FAILURE(await_running(job_id));
  JobDetails details = client().job(job_id);
  if (jar_job) {
    EXPECT_EQ(details.name, "CarTopSpeedWindowingExample");
    ASSERT_EQ(details.vertices.size(), 2u);
  } else {
    EXPECT_EQ(details.name, "insert-into_default_catalog.default_database.flinktop_counts");
    ASSERT_EQ(details.vertices.size(), 2u);
  }
  ASSERT_EQ(details.plan.nodes.size(), details.vertices.size());
  bool linked = false;
  for (const auto& node : details.plan.nodes) linked |= !node.inputs.empty();
  EXPECT_EQ(linked, details.vertices.size() > 1);
  bool listed_job = false;
  for (const auto& j : client().jobs()) listed_job |= j.id == job_id && j.state == "RUNNING";
  EXPECT_TRUE(listed_job);
  auto completed =
      eventually<Checkpoint>("a completed checkpoint", seconds(90), [&]() -> std::optional<Checkpoint> {
        CheckpointStats s = client().checkpoints(job_id);
        if (s.counts.completed < 1 || !s.latest.completed) return std::nullopt;
        return *s.latest.completed;
      });
  ASSERT_TRUE(completed);
  EXPECT_FALSE(completed->is_savepoint);
  EXPECT_GT(completed->state_size, 0);
  EXPECT_EQ(completed->checkpointed_size.has_value(), !before_115);

  // Views of a running job: exceptions, back pressure, vertex and job metrics.
  EXPECT_TRUE(client().exceptions(job_id, 10).entries.empty());
  const Vertex& sink = details.vertices.back();
  auto bp = eventually<BackPressure>("back pressure", seconds(30), [&]() -> std::optional<BackPressure> {
    BackPressure b = client().backpressure(job_id, sink.id);
    if (b.subtasks.empty()) return std::nullopt;
    return b;
  });
  ASSERT_TRUE(bp);
  EXPECT_FALSE(bp->level.empty());
  auto rates = eventually<MetricMap>("vertex metrics", seconds(60), [&]() -> std::optional<MetricMap> {
    MetricMap m = client().subtask_metrics(
        job_id, sink.id,
        {std::string(metric::kNumRecordsInPerSecond), std::string(metric::kBusyTimeMsPerSecond),
         std::string(metric::kBackPressuredTimeMsPerSecond), std::string(metric::kCurrentInputWatermark)});
    if (!metric_number(m, metric::kNumRecordsInPerSecond) ||
        !metric_number(m, metric::kCurrentInputWatermark)) {
      return std::nullopt;
    }
    return m;
  });
  ASSERT_TRUE(rates);
  EXPECT_TRUE(rates->at(std::string(metric::kNumRecordsInPerSecond)).sum);
  MetricMap job_metrics = client().job_metrics(job_id, {std::string(metric::kNumberOfCompletedCheckpoints)});
  EXPECT_TRUE(metric_number(job_metrics, metric::kNumberOfCompletedCheckpoints));

  // A checkpoint on demand (POST /jobs/:id/checkpoints, 1.19+); refused before anything is sent
  // on an older cluster.
  CheckpointRequest checkpoint;
  checkpoint.trigger_id = new_trigger_id();
  if (parse_flink_version(version)->at_least(1, 19)) {
    client().trigger_checkpoint(job_id, checkpoint);
    OperationStatus checkpointed =
        client().wait_for_operation(job_id, OperationKind::Checkpoint, checkpoint.trigger_id,
                                    WaitOptions{seconds(120), milliseconds(200), seconds(2)});
    EXPECT_TRUE(checkpointed.checkpoint_id);
  } else {
    try {
      client().trigger_checkpoint(job_id, checkpoint);
      ADD_FAILURE() << "a checkpoint trigger on Flink " << version;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Unsupported) << e.what();
    }
  }

  // A savepoint: written to the instance's savepoints/ directory on disk.
  SavepointRequest savepoint;
  savepoint.trigger_id = new_trigger_id();
  const Triggered triggered = client().trigger_savepoint(job_id, savepoint);
  const WaitOptions wait{seconds(120), milliseconds(200), seconds(2)};
  OperationStatus saved =
      client().wait_for_operation(job_id, OperationKind::Savepoint, triggered.trigger_id, wait);
  ASSERT_FALSE(saved.location.empty());
  EXPECT_EQ(saved.location.rfind("file:", 0), 0u) << saved.location;
  const std::string on_disk = local_path(saved.location);
  EXPECT_TRUE(fs::is_directory(on_disk)) << on_disk;
  EXPECT_TRUE(fs::exists(fs::path(on_disk) / "_metadata")) << on_disk;
  EXPECT_EQ(on_disk.rfind(savepoints_dir, 0), 0u) << on_disk << " not under " << savepoints_dir;

  if (before_115) {
    // No trigger id: Flink chose its own, and says nothing makes a retry safe. A native savepoint
    // is refused before anything is sent.
    EXPECT_FALSE(triggered.idempotent());
    EXPECT_NE(triggered.trigger_id, savepoint.trigger_id);
    EXPECT_EQ(triggered.not_idempotent_because, "Flink " + version + " takes no trigger id");
    SavepointRequest native;
    native.format = "NATIVE";
    try {
      client().trigger_savepoint(job_id, native);
      ADD_FAILURE() << "a native savepoint on Flink " << version;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Unsupported) << e.what();
    }
    std::this_thread::sleep_for(seconds(1));
    EXPECT_EQ(it::savepoints_of(savepoints_dir, job_id), 1);
  } else {
    // The same trigger id again: the same operation and result, still one savepoint.
    EXPECT_TRUE(triggered.idempotent());
    ASSERT_EQ(triggered.trigger_id, savepoint.trigger_id);
    ASSERT_EQ(client().trigger_savepoint(job_id, savepoint).trigger_id, savepoint.trigger_id);
    OperationStatus again =
        client().wait_for_operation(job_id, OperationKind::Savepoint, savepoint.trigger_id, wait);
    EXPECT_EQ(again.location, saved.location);
    std::this_thread::sleep_for(seconds(1));
    EXPECT_EQ(it::savepoints_of(savepoints_dir, job_id), 1);
  }
  // The JobManager caches checkpoint statistics for web.refresh-interval (3 s): the savepoint shows
  // in them within that, not necessarily 1 s after it completed.
  const auto after = eventually<CheckpointStats>("the savepoint in the checkpoint statistics", seconds(30),
                                                 [&]() -> std::optional<CheckpointStats> {
    CheckpointStats stats = client().checkpoints(job_id);
    if (!stats.latest.savepoint) return std::nullopt;
    return stats;
  });
  ASSERT_TRUE(after);
  EXPECT_EQ(after->latest.savepoint->external_path, saved.location);

  // Stop with a savepoint; the job finishes.
  StopRequest stop;
  stop.trigger_id = new_trigger_id();
  const Triggered stopping = client().stop_with_savepoint(job_id, stop);
  EXPECT_EQ(stopping.idempotent(), !before_115);
  OperationStatus stopped =
      client().wait_for_operation(job_id, OperationKind::StopWithSavepoint, stopping.trigger_id, wait);
  ASSERT_FALSE(stopped.location.empty());
  EXPECT_NE(stopped.location, saved.location);
  EXPECT_TRUE(fs::exists(fs::path(local_path(stopped.location)) / "_metadata"));
  ASSERT_NO_FATAL_FAILURE(await_state(job_id, "FINISHED"));
  try {
    client().cancel(job_id);  // Flink refuses to cancel a job that FINISHED (409)
    ADD_FAILURE() << "cancelling a finished job succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Conflict) << e.what();
    EXPECT_NE(std::string(e.what()).find("FINISHED"), std::string::npos) << e.what();
  }

  // Resubmit from that savepoint: the new job reports the restore.
  std::string resumed_id;
  if (jar_job) {
    RunRequest resume;
    resume.savepoint_path = stopped.location;
    resumed_id = client().run_jar(jar_id, resume);
  } else {
    resumed_id = it::submit_sql_job(name_, stopped.location);
  }
  ASSERT_EQ(resumed_id.size(), 32u) << resumed_id;
  ASSERT_NE(resumed_id, job_id);
  ASSERT_NO_FATAL_FAILURE(await_running(resumed_id));
  auto restored = eventually<RestoredCheckpoint>("the restore in the checkpoint statistics", seconds(60),
                                                 [&]() -> std::optional<RestoredCheckpoint> {
                                                   CheckpointStats s = client().checkpoints(resumed_id);
                                                   if (s.counts.restored < 1 || !s.latest.restored)
                                                     return std::nullopt;
                                                   return *s.latest.restored;
                                                 });
  ASSERT_TRUE(restored);
  EXPECT_TRUE(restored->is_savepoint);
  EXPECT_EQ(local_path(restored->external_path), local_path(stopped.location));

  // Cancel; the job ends CANCELED.
  client().cancel(resumed_id);
  ASSERT_NO_FATAL_FAILURE(await_state(resumed_id, "CANCELED"));
  EXPECT_TRUE(is_terminal_job_state(job_state(resumed_id)));
  client().cancel(resumed_id);  // a repeated cancel of a CANCELED job is accepted

  // The jar goes; the list no longer has it.
  if (jar_job) {
    client().delete_jar(jar_id);
    for (const auto& f : client().jars().files) EXPECT_NE(f.id, jar_id);
  }
}

TEST_P(FlinkIntegration, ExpiredOrUnknownOperationIsNotFound) {
  try {
    client().operation_status("00000000000000000000000000000000", OperationKind::Savepoint, new_trigger_id());
    ADD_FAILURE() << "no error for an unknown trigger id";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    EXPECT_NE(std::string(e.what()).find("rest.async.store-duration"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(FlinkRest, FlinkIntegration, ::testing::ValuesIn(versions()), it::version_test_name);

}  // namespace
}  // namespace flinktop::flink
