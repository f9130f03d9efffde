// Decoding what a real Flink 1.13.6 answers (tests/unit/flink/data/1.13.6: a standalone cluster of
// tests/env/flink.sh running streaming SQL jobs). The version the seeds run lacks fields the
// views use: each must come out as "not known" (nullopt, a false `known` flag), never as a zero
// that would read as a measurement.
#include <gtest/gtest.h>

#include "core/flink/types/backpressure.hpp"
#include "core/flink/types/checkpoints.hpp"
#include "core/flink/types/cluster.hpp"
#include "core/flink/types/exceptions.hpp"
#include "core/flink/types/job.hpp"
#include "core/flink/types/metrics.hpp"
#include "core/flink/types/operation.hpp"
#include "core/flink/types/taskmanager.hpp"
#include "flink_test_data.hpp"

namespace flinktop::flink {
namespace {

using testdata::captured;
constexpr const char* k113 = "1.13.6";

TEST(FlinkDecode113, ConfigAndOverviewNameTheVersion) {
  const DashboardConfig config = decode_config(captured(k113, "config"));
  ASSERT_TRUE(config.version());
  EXPECT_EQ(config.version()->to_string(), k113);
  EXPECT_FALSE(config.version()->at_least(1, 15));
  EXPECT_TRUE(config.features.web_submit);
  EXPECT_FALSE(config.features.web_cancel);  // 1.13 does not say; "not said" is false
  const ClusterOverview o = decode_overview(captured(k113, "overview"));
  EXPECT_EQ(o.flink_version, k113);
  EXPECT_EQ(o.taskmanagers, 1);
  EXPECT_EQ(o.slots_total, 4);
  EXPECT_EQ(o.flink_commit, "b2ca390");
}

TEST(FlinkDecode113, JobsAndAJobWithoutAccumulatedTimes) {
  const auto jobs = decode_jobs_overview(captured(k113, "jobs_overview"));
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].name, "insert-into_default_catalog.default_database.flinktop_counts");
  EXPECT_EQ(jobs[0].state, "RUNNING");
  EXPECT_EQ(jobs[0].tasks.total, 2);
  EXPECT_EQ(jobs[0].tasks.of("running"), 2);

  const JobDetails d = decode_job_details(captured(k113, "job"));
  EXPECT_EQ(d.state, "RUNNING");
  EXPECT_EQ(d.job_type, "");  // no "job-type" before 1.15
  ASSERT_EQ(d.vertices.size(), 2u);
  EXPECT_EQ(d.plan.nodes.size(), 2u);
  for (const Vertex& v : d.vertices) {
    EXPECT_FALSE(v.metrics.accumulated_times_known) << v.name;
    EXPECT_EQ(v.max_parallelism, 128);
  }
  EXPECT_GT(d.vertices[0].metrics.write_records, 0);
  // 2.3.0's job sends them: the flag is what tells the two apart.
  EXPECT_TRUE(decode_job_details(captured("2.3.0", "job")).vertices[0].metrics.accumulated_times_known);
}

TEST(FlinkDecode113, CheckpointsWithoutCheckpointedSizeAndWithTheOldClassKey) {
  const CheckpointStats s = decode_checkpoint_stats(captured(k113, "checkpoints"));
  EXPECT_EQ(s.counts.completed, 13);
  ASSERT_TRUE(s.latest.completed);
  EXPECT_EQ(s.latest.completed->class_name, "completed");  // "@class" before 1.15
  EXPECT_EQ(s.latest.completed->status, "COMPLETED");
  EXPECT_FALSE(s.latest.completed->checkpointed_size);
  EXPECT_GT(s.latest.completed->state_size, 0);
  EXPECT_EQ(s.latest.completed->savepoint_format, "");
  EXPECT_EQ(s.summary.checkpointed_size.max, 0);  // not sent: the summary stays empty
  EXPECT_GT(s.summary.state_size.max, 0);
  ASSERT_FALSE(s.history.empty());
  EXPECT_FALSE(s.history.front().checkpointed_size);
  // 1.20.5 sends it.
  EXPECT_EQ(decode_checkpoint_stats(captured("1.20.5", "checkpoints")).latest.completed->checkpointed_size, 9256);
}

TEST(FlinkDecode113, ExceptionsHaveTheHistoryBesideTheLegacyFields) {
  EXPECT_TRUE(decode_job_exceptions(captured(k113, "exceptions")).entries.empty());
  const nlohmann::json raw = captured(k113, "exceptions_with_failure");
  const JobExceptions e = decode_job_exceptions(raw);
  EXPECT_FALSE(e.legacy);  // 1.13 added exceptionHistory: it wins over root-exception
  ASSERT_EQ(e.entries.size(), raw["exceptionHistory"]["entries"].size());
  ASSERT_FALSE(e.entries.empty());
  EXPECT_EQ(e.entries[0].exception_name, "java.lang.ArithmeticException");
  EXPECT_EQ(e.entries[0].endpoint, raw["exceptionHistory"]["entries"][0]["location"]);  // "location" before 1.15
  EXPECT_EQ(e.entries[0].endpoint.rfind("localhost:", 0), 0u);
  EXPECT_EQ(e.entries[0].timestamp, raw["exceptionHistory"]["entries"][0]["timestamp"].get<std::int64_t>());
  EXPECT_NE(e.entries[0].task_name.find("TableSourceScan"), std::string::npos);
  EXPECT_NE(e.entries[0].stacktrace.find("/ by zero"), std::string::npos);
}

TEST(FlinkDecode113, BackPressureWithTheOldLevelNameAndANaNRatio) {
  const BackPressure bp = decode_backpressure(captured(k113, "backpressure"));
  EXPECT_EQ(bp.status, "ok");
  EXPECT_EQ(bp.level, "ok");
  ASSERT_EQ(bp.subtasks.size(), 1u);
  EXPECT_EQ(bp.subtasks[0].level, "ok");
  EXPECT_EQ(bp.subtasks[0].ratio, 0.0);
}

TEST(FlinkDecode113, TaskManagersWithTheirMemory) {
  const auto tms = decode_taskmanagers(captured(k113, "taskmanagers"));
  ASSERT_EQ(tms.size(), 1u);
  EXPECT_EQ(tms[0].slots_number, 4);
  EXPECT_EQ(tms[0].endpoint.rfind("127.0.0.1:", 0), 0u) << tms[0].endpoint;  // from the akka path
  const TaskManagerDetails d = decode_taskmanager_details(captured(k113, "taskmanager"));
  EXPECT_EQ(d.info.memory_configuration.total_process_memory, 1342177280);
  EXPECT_EQ(d.info.memory_configuration.managed_memory, 348966098);
  EXPECT_GT(d.metrics.heap_max, 0);
  EXPECT_EQ(d.metrics.network_segments_total, 2662);
  EXPECT_FALSE(d.metrics.garbage_collectors.empty());
}

TEST(FlinkDecode113, SubtaskMetricsLeaveOutWhatTheyDoNotHave) {
  const MetricMap m = decode_metrics(captured(k113, "subtask_metrics"));
  EXPECT_TRUE(metric_number(m, metric::kNumRecordsInPerSecond));
  EXPECT_FALSE(metric_number(m, metric::kBusyTimeMsPerSecond));
}

TEST(FlinkDecode113, SavepointTriggerStatusAndFailure) {
  EXPECT_TRUE(is_valid_trigger_id(decode_trigger_id(captured(k113, "savepoint_trigger"))));
  const OperationStatus done = decode_operation_status(captured(k113, "savepoint_status"));
  EXPECT_TRUE(done.completed);
  EXPECT_FALSE(done.failed());
  EXPECT_EQ(done.location.rfind("file:/", 0), 0u);
  const OperationStatus failed = decode_operation_status(captured(k113, "savepoint_failed"));
  EXPECT_TRUE(failed.failed());
  EXPECT_EQ(failed.failure.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace flinktop::flink
