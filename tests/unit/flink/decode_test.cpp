// Decoding the shapes of Flink 1.20 and 2.x: responses captured from real 1.20.5 / 2.3.0 clusters,
// and hand-made JSON for the renamed and removed fields (backpressure-level, host/endpoint,
// root-exception/exceptionHistory), unknown fields, nulls and wrong types.
#include <gtest/gtest.h>

#include "core/flink/types/backpressure.hpp"
#include "core/flink/types/checkpoints.hpp"
#include "core/flink/types/cluster.hpp"
#include "core/flink/types/exceptions.hpp"
#include "core/flink/types/jar.hpp"
#include "core/flink/types/job.hpp"
#include "core/flink/types/metrics.hpp"
#include "core/flink/types/operation.hpp"
#include "core/flink/types/taskmanager.hpp"
#include "flink_test_data.hpp"

namespace flinktop::flink {
namespace {

using nlohmann::json;
using testdata::captured;

class FlinkDecodeCaptured : public ::testing::TestWithParam<std::string> {};

TEST_P(FlinkDecodeCaptured, ConfigAndOverviewNameTheVersion) {
  DashboardConfig config = decode_config(captured(GetParam(), "config"));
  EXPECT_EQ(config.flink_version, GetParam());
  ASSERT_TRUE(config.version());
  EXPECT_EQ(config.version()->to_string(), GetParam());
  EXPECT_TRUE(config.features.web_submit);
  EXPECT_TRUE(config.features.web_cancel);
  EXPECT_FALSE(config.features.web_rescale);
  EXPECT_EQ(config.timezone_name, "Coordinated Universal Time");
  EXPECT_EQ(config.refresh_interval_ms, 3000);

  ClusterOverview o = decode_overview(captured(GetParam(), "overview"));
  EXPECT_EQ(o.flink_version, GetParam());
  EXPECT_EQ(o.taskmanagers, 1);
  EXPECT_EQ(o.slots_total, 4);
  EXPECT_EQ(o.slots_available, 4);
  EXPECT_FALSE(o.flink_commit.empty());
}

TEST_P(FlinkDecodeCaptured, JobsAndJobDetails) {
  auto jobs = decode_jobs_overview(captured(GetParam(), "jobs_overview"));
  ASSERT_FALSE(jobs.empty());
  const JobOverview& last = jobs.back();
  EXPECT_EQ(last.name, "CarTopSpeedWindowingExample");
  EXPECT_EQ(last.id.size(), 32u);
  EXPECT_EQ(last.tasks.total, 2);
  EXPECT_GT(last.start_time, 0);

  JobDetails d = decode_job_details(captured(GetParam(), "job"));
  EXPECT_EQ(d.state, "RUNNING");
  EXPECT_EQ(d.job_type, "STREAMING");
  EXPECT_GT(d.now, d.start_time);
  EXPECT_GT(d.timestamps.at("RUNNING"), 0);
  ASSERT_EQ(d.vertices.size(), 2u);
  EXPECT_EQ(d.vertices[0].name, "Source: Car data generator source -> Timestamps/Watermarks");
  EXPECT_EQ(d.vertices[0].max_parallelism, 128);
  EXPECT_EQ(d.vertices[0].tasks.of("RUNNING"), 1);
  EXPECT_EQ(d.vertices[0].tasks.total, 1);
  // The graph: the window/sink reads the source through a HASH exchange.
  ASSERT_EQ(d.plan.nodes.size(), 2u);
  const PlanNode& sink = d.plan.nodes[0];
  EXPECT_EQ(sink.id, d.vertices[1].id);
  ASSERT_EQ(sink.inputs.size(), 1u);
  EXPECT_EQ(sink.inputs[0].id, d.vertices[0].id);
  EXPECT_EQ(sink.inputs[0].ship_strategy, "HASH");
}

TEST_P(FlinkDecodeCaptured, Checkpoints) {
  CheckpointStats s = decode_checkpoint_stats(captured(GetParam(), "checkpoints"));
  EXPECT_GT(s.counts.completed, 0);
  EXPECT_EQ(s.counts.total, s.counts.completed + s.counts.failed + s.counts.in_progress);
  EXPECT_GT(s.summary.state_size.max, 0);
  EXPECT_GT(s.summary.checkpointed_size.p99, 0);
  EXPECT_GT(s.summary.end_to_end_duration.avg, 0);
  ASSERT_TRUE(s.latest.completed);
  EXPECT_EQ(s.latest.completed->status, "COMPLETED");
  EXPECT_FALSE(s.latest.completed->is_savepoint);
  EXPECT_EQ(s.latest.completed->checkpoint_type, "CHECKPOINT");
  EXPECT_EQ(s.latest.completed->savepoint_format, "");  // null
  EXPECT_TRUE(s.latest.completed->external_path.starts_with("file:/"));
  EXPECT_FALSE(s.history.empty());
  EXPECT_EQ(s.history.front().id, s.latest.completed->id);
}

TEST_P(FlinkDecodeCaptured, TaskManagers) {
  auto tms = decode_taskmanagers(captured(GetParam(), "taskmanagers"));
  ASSERT_EQ(tms.size(), 1u);
  const TaskManager& tm = tms[0];
  EXPECT_EQ(tm.slots_number, 4);
  EXPECT_EQ(tm.free_slots, 4);
  EXPECT_EQ(tm.hardware.cpu_cores, 2);
  EXPECT_GT(tm.hardware.physical_memory, 0);
  EXPECT_EQ(tm.total_resource.cpu_cores, 4.0);
  EXPECT_EQ(tm.total_resource.managed_mb, 332);
  EXPECT_EQ(tm.memory_configuration.total_process_memory, 1342177280);
  // Neither 1.20 nor 2.3 sends host/endpoint for a TaskManager: it comes from the RPC path.
  EXPECT_TRUE(tm.endpoint.starts_with("127.0.0.1:")) << tm.endpoint;

  TaskManagerDetails d = decode_taskmanager_details(captured(GetParam(), "taskmanager"));
  EXPECT_EQ(d.info.id, tm.id);
  EXPECT_GT(d.metrics.heap_used, 0);
  EXPECT_GE(d.metrics.heap_max, d.metrics.heap_used);
  EXPECT_GT(d.metrics.non_heap_used, 0);
  EXPECT_GT(d.metrics.direct_used, 0);
  EXPECT_GT(d.metrics.network_memory_total, 0);
  EXPECT_GT(d.metrics.network_segments_total, 0);
  ASSERT_FALSE(d.metrics.garbage_collectors.empty());
  EXPECT_FALSE(d.metrics.garbage_collectors[0].name.empty());
  // 1.20 was captured with the job running, 2.3 after it was cancelled.
  EXPECT_EQ(d.allocated_slot_jobs.size(), GetParam() == "1.20.5" ? 1u : 0u);
}

TEST_P(FlinkDecodeCaptured, ExceptionsWithoutFailures) {
  JobExceptions e = decode_job_exceptions(captured(GetParam(), "exceptions"));
  EXPECT_TRUE(e.entries.empty());
  EXPECT_FALSE(e.truncated);
  EXPECT_FALSE(e.legacy);  // 1.20 sends both shapes; exceptionHistory wins
}

INSTANTIATE_TEST_SUITE_P(FlinkVersions, FlinkDecodeCaptured, ::testing::Values("1.20.5", "2.3.0"),
                         [](const auto& info) {
                           std::string name = "Flink" + info.param;
                           for (char& c : name) c = c == '.' ? '_' : c;
                           return name;
                         });

TEST(FlinkDecode, Captured120BackPressureSubtaskMetricsAndFailedSavepoint) {
  BackPressure bp = decode_backpressure(captured("1.20.5", "backpressure"));
  EXPECT_EQ(bp.status, "ok");
  EXPECT_EQ(bp.level, "ok");
  ASSERT_EQ(bp.subtasks.size(), 1u);
  EXPECT_EQ(bp.subtasks[0].idle_ratio, 1.0);

  MetricMap m = decode_metrics(captured("1.20.5", "subtask_metrics"));
  EXPECT_NEAR(*metric_number(m, metric::kNumRecordsInPerSecond), 0.9166, 1e-3);
  EXPECT_EQ(m.at("currentInputWatermark").max, 1.795287494955E12);
  EXPECT_FALSE(is_no_watermark(*metric_number(m, metric::kCurrentInputWatermark)));
  EXPECT_TRUE(is_no_watermark(-9223372036854775808.0));

  OperationStatus s = decode_operation_status(captured("1.20.5", "savepoint_failed"));
  EXPECT_TRUE(s.completed);
  EXPECT_TRUE(s.failed());
  EXPECT_EQ(s.location, "");
  EXPECT_EQ(s.failure, "An Exception occurred while triggering the checkpoint. IO-problem detected.");
}

TEST(FlinkDecode, Captured23RestoredCheckpointJarsAndTaskManagerMetrics) {
  CheckpointStats s = decode_checkpoint_stats(captured("2.3.0", "checkpoints"));
  EXPECT_EQ(s.counts.restored, 1);
  ASSERT_TRUE(s.latest.restored);
  EXPECT_TRUE(s.latest.restored->is_savepoint);
  EXPECT_GT(s.latest.restored->restore_timestamp, 0);
  EXPECT_NE(s.latest.restored->external_path.find("/savepoints/savepoint-"), std::string::npos);

  JarList jars = decode_jar_list(captured("2.3.0", "jars"));
  EXPECT_EQ(jars.address, "http://127.0.0.1:44807");
  ASSERT_EQ(jars.files.size(), 1u);
  EXPECT_EQ(jars.files[0].name, "TopSpeedWindowing.jar");
  EXPECT_TRUE(jars.files[0].id.ends_with("_TopSpeedWindowing.jar"));
  ASSERT_EQ(jars.files[0].entry.size(), 1u);
  EXPECT_EQ(jars.files[0].entry[0].name, "org.apache.flink.streaming.examples.windowing.TopSpeedWindowing");
  EXPECT_EQ(jars.files[0].entry[0].description, "");  // null

  MetricMap m = decode_metrics(captured("2.3.0", "tm_metrics"));
  EXPECT_EQ(metric_number(m, metric::kHeapMax), 301989888.0);
  EXPECT_NEAR(*metric_number(m, metric::kCpuLoad), 0.0196, 1e-4);
  auto gcs = garbage_collectors(m);
  ASSERT_EQ(gcs.size(), 1u);
  EXPECT_EQ(gcs[0].name, "G1_Young_Generation");
  EXPECT_EQ(gcs[0].count, 7);
}

TEST(FlinkDecode, BackPressureLevelOldAndNewNames) {
  // Before 1.17: only the hyphenated name.
  BackPressure old = decode_backpressure(json::parse(R"({"status":"ok","backpressure-level":"high",
      "end-timestamp":5,"subtasks":[{"subtask":0,"backpressure-level":"high","ratio":0.9}]})"));
  EXPECT_EQ(old.level, "high");
  EXPECT_EQ(old.subtasks[0].level, "high");
  EXPECT_EQ(old.subtasks[0].ratio, 0.9);
  // 2.x: camel case only, with busy/idle ratios.
  BackPressure now = decode_backpressure(json::parse(R"({"status":"ok","backpressureLevel":"low",
      "subtasks":[{"subtask":1,"attempt-number":2,"backpressureLevel":"low","ratio":0.2,"busyRatio":0.7,"idleRatio":0.1}]})"));
  EXPECT_EQ(now.level, "low");
  EXPECT_EQ(now.subtasks[0].subtask, 1);
  EXPECT_EQ(now.subtasks[0].attempt_number, 2);
  EXPECT_EQ(now.subtasks[0].busy_ratio, 0.7);
  // A sample in progress: status "deprecated", no subtasks yet.
  BackPressure pending = decode_backpressure(json::parse(R"({"status":"deprecated"})"));
  EXPECT_EQ(pending.status, "deprecated");
  EXPECT_TRUE(pending.subtasks.empty());
}

TEST(FlinkDecode, TaskManagerEndpointOrHost) {
  EXPECT_EQ(decode_taskmanager(json::parse(R"({"id":"tm-1","endpoint":"10.0.0.7:6122"})")).endpoint,
            "10.0.0.7:6122");
  EXPECT_EQ(decode_taskmanager(json::parse(R"({"id":"tm-1","host":"10.0.0.8"})")).endpoint, "10.0.0.8");
  EXPECT_EQ(
      decode_taskmanager(json::parse(R"({"path":"akka.tcp://flink@10.1.2.3:6122/user/rpc/taskmanager_0"})"))
          .endpoint,
      "10.1.2.3:6122");
  EXPECT_EQ(decode_taskmanager(json::parse(R"({"id":"x"})")).endpoint, "");
  // 1.x-only network segment names are the fallback.
  auto d = decode_taskmanager_details(
      json::parse(R"({"metrics":{"memorySegmentsTotal":10,"memorySegmentsAvailable":4}})"));
  EXPECT_EQ(d.metrics.network_segments_total, 10);
  EXPECT_EQ(d.metrics.network_segments_available, 4);
}

TEST(FlinkDecode, ExceptionHistoryOf2x) {
  JobExceptions e = decode_job_exceptions(json::parse(R"js({"exceptionHistory":{"truncated":true,"entries":[
    {"exceptionName":"java.lang.RuntimeException","stacktrace":"java.lang.RuntimeException: boom\n\tat X.y(X.java:1)",
     "timestamp":1700000000000,"taskName":"Map (1/2)#0","endpoint":"10.0.0.7:6121","taskManagerId":"tm-1",
     "failureLabels":{"type":"user","n":3},
     "concurrentExceptions":[{"exceptionName":"java.io.IOException","stacktrace":"java.io.IOException: x",
       "timestamp":1700000000001,"taskName":"Map (2/2)#0","endpoint":"10.0.0.8:6121"}]}]}})js"));
  EXPECT_FALSE(e.legacy);
  EXPECT_TRUE(e.truncated);
  ASSERT_EQ(e.entries.size(), 1u);
  const ExceptionEntry& root = e.entries[0];
  EXPECT_EQ(root.exception_name, "java.lang.RuntimeException");
  EXPECT_EQ(root.timestamp, 1700000000000);
  EXPECT_EQ(root.task_name, "Map (1/2)#0");
  EXPECT_EQ(root.endpoint, "10.0.0.7:6121");
  EXPECT_EQ(root.task_manager_id, "tm-1");
  EXPECT_EQ(root.failure_labels.size(), 1u);  // only string values
  ASSERT_EQ(root.concurrent.size(), 1u);
  EXPECT_EQ(root.concurrent[0].endpoint, "10.0.0.8:6121");
}

TEST(FlinkDecode, ExceptionsOf1xUseLocationAndLegacyFields) {
  // 1.x entries carried "location" (host:port) before "endpoint".
  JobExceptions with_location = decode_job_exceptions(json::parse(
      R"({"exceptionHistory":{"entries":[{"exceptionName":"E","stacktrace":"E","timestamp":1,"location":"h:1"}]}})"));
  EXPECT_EQ(with_location.entries[0].endpoint, "h:1");

  // Without exceptionHistory (before 1.13; removed in 2.0): root-exception + all-exceptions.
  JobExceptions legacy = decode_job_exceptions(json::parse(R"js({"root-exception":
      "org.apache.flink.runtime.JobException: Recovery is suppressed\n\tat A.b(A.java:1)","timestamp":42,
      "truncated":false,"all-exceptions":[{"exception":"java.lang.ArithmeticException: / by zero\n\tat M.map(M.java:3)",
      "task":"Map (1/1)","location":"tm-host:6121","timestamp":41}]})js"));
  EXPECT_TRUE(legacy.legacy);
  ASSERT_EQ(legacy.entries.size(), 1u);
  EXPECT_EQ(legacy.entries[0].exception_name, "org.apache.flink.runtime.JobException");
  EXPECT_EQ(legacy.entries[0].timestamp, 42);
  ASSERT_EQ(legacy.entries[0].concurrent.size(), 1u);
  EXPECT_EQ(legacy.entries[0].concurrent[0].exception_name, "java.lang.ArithmeticException");
  EXPECT_EQ(legacy.entries[0].concurrent[0].task_name, "Map (1/1)");
  EXPECT_EQ(legacy.entries[0].concurrent[0].endpoint, "tm-host:6121");

  EXPECT_TRUE(decode_job_exceptions(json::parse(R"({"root-exception":null})")).entries.empty());
}

TEST(FlinkDecode, ToleratesUnknownMissingNullAndMistypedFields) {
  JobDetails d = decode_job_details(json::parse(R"({"jid":"a","name":7,"state":null,"brand-new":{"x":1},
      "start-time":"soon","duration":12.0,"vertices":[null,3,{"id":"v","parallelism":"2","tasks":[1]}],
      "plan":"{\"nodes\":[{\"id\":\"v\",\"inputs\":\"none\"}]}"})"));
  EXPECT_EQ(d.id, "a");
  EXPECT_EQ(d.name, "");
  EXPECT_EQ(d.state, "");
  EXPECT_EQ(d.start_time, -1);
  EXPECT_EQ(d.duration, 12);
  ASSERT_EQ(d.vertices.size(), 1u);
  EXPECT_EQ(d.vertices[0].parallelism, 0);
  EXPECT_EQ(d.vertices[0].tasks.total, 0);
  ASSERT_EQ(d.plan.nodes.size(), 1u);  // a plan sent as a JSON string is read too
  EXPECT_TRUE(d.plan.nodes[0].inputs.empty());

  CheckpointStats empty = decode_checkpoint_stats(json::object());
  EXPECT_EQ(empty.counts.total, 0);
  EXPECT_FALSE(empty.latest.completed);
  EXPECT_FALSE(empty.latest.restored);
  EXPECT_TRUE(decode_taskmanagers(json::array()).empty());
  EXPECT_TRUE(decode_metrics(json::object()).empty());
  EXPECT_TRUE(decode_metrics(json::parse(R"([{"value":"1"},{"id":"x","value":"n/a"}])")).at("x").text ==
              "n/a");
  EXPECT_FALSE(decode_metrics(json::parse(R"([{"id":"x","value":"n/a"}])")).at("x").number());
}

TEST(FlinkDecode, OperationStatusOfCheckpointsAndFailures) {
  OperationStatus cp = decode_operation_status(
      json::parse(R"({"status":{"id":"COMPLETED"},"operation":{"checkpointId":13}})"));
  EXPECT_TRUE(cp.completed);
  EXPECT_EQ(cp.checkpoint_id, 13);
  EXPECT_FALSE(cp.failed());
  OperationStatus failed = decode_operation_status(json::parse(
      R"({"status":{"id":"COMPLETED"},"operation":{"failureCause":{"class":"org.apache.flink.util.FlinkException","stack-trace":"org.apache.flink.util.FlinkException: Checkpoint triggering task is not being executed"}}})"));
  EXPECT_TRUE(failed.failed());
  EXPECT_EQ(failed.failure, "Checkpoint triggering task is not being executed");
  OperationStatus no_reason = decode_operation_status(
      json::parse(R"({"status":{"id":"COMPLETED"},"operation":{"failure-cause":{}}})"));
  EXPECT_TRUE(no_reason.failed());
}

TEST(FlinkDecode, RequestBodiesUseEachEndpointsFieldNames) {
  SavepointRequest sp{"s3://b/sp", "NATIVE", true, ""};
  json s = encode_savepoint_request(sp, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(s, json::parse(R"({"target-directory":"s3://b/sp","formatType":"NATIVE","cancel-job":true,
                               "triggerId":"0123456789abcdef0123456789abcdef"})"));
  StopRequest stop{"s3://b/sp", true, "CANONICAL", ""};
  json t = encode_stop_request(stop, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(t, json::parse(R"({"targetDirectory":"s3://b/sp","formatType":"CANONICAL","drain":true,
                               "triggerId":"0123456789abcdef0123456789abcdef"})"));
  EXPECT_EQ(encode_stop_request(StopRequest{}, "x"), json::parse(R"({"drain":false,"triggerId":"x"})"));
  EXPECT_EQ(encode_checkpoint_request({"FULL", ""}, "x"),
            json::parse(R"({"checkpointType":"FULL","triggerId":"x"})"));

  RunRequest run;
  run.entry_class = "org.example.Main";
  run.program_args = {"--input", "a b"};
  run.parallelism = 3;
  run.savepoint_path = "file:/sp";
  run.allow_non_restored_state = true;
  EXPECT_EQ(encode_run_request(run),
            json::parse(R"({"entryClass":"org.example.Main","programArgsList":["--input","a b"],
      "parallelism":3,"savepointPath":"file:/sp","allowNonRestoredState":true})"));
  EXPECT_FALSE(encode_run_request(RunRequest{}).contains("programArgs"));
}

TEST(FlinkDecode, TriggerIds) {
  std::string a = new_trigger_id();
  std::string b = new_trigger_id();
  EXPECT_TRUE(is_valid_trigger_id(a)) << a;
  EXPECT_NE(a, b);
  EXPECT_FALSE(is_valid_trigger_id("0123456789ABCDEF0123456789abcdef"));
  EXPECT_FALSE(is_valid_trigger_id("0123"));
  EXPECT_FALSE(is_valid_trigger_id("0123456789abcdef0123456789abcdeg"));
}

}  // namespace
}  // namespace flinktop::flink
