// Every upstream example response in ../shared/reference/flink-samples decodes into what it says.
// A new sample file without a check here fails the suite, so none is silently skipped.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "core/flink/types/cluster.hpp"
#include "core/flink/types/jar.hpp"
#include "core/flink/types/job.hpp"
#include "core/flink/types/metrics.hpp"
#include "core/flink/types/operation.hpp"
#include "flink_test_data.hpp"

namespace flinktop::flink {
namespace {

using nlohmann::json;

void completed_with_location(const json& j, const std::string& location) {
  OperationStatus s = decode_operation_status(j);
  EXPECT_TRUE(s.completed);
  EXPECT_FALSE(s.failed());
  EXPECT_EQ(s.location, location);
}

const std::map<std::string, std::function<void(const json&)>>& checks() {
  static const std::map<std::string, std::function<void(const json&)>> kChecks = {
      {"javadoc_GET_jobs_jobid_savepoints_triggerid_COMPLETED.json",
       [](const json& j) { completed_with_location(j, "/tmp/savepoint-d9813b-8a68e674325b"); }},
      {"javadoc_GET_jobs_jobid_savepoints_triggerid_IN_PROGRESS.json",
       [](const json& j) {
         OperationStatus s = decode_operation_status(j);
         EXPECT_FALSE(s.completed);
         EXPECT_EQ(s.location, "");
         EXPECT_EQ(s.failure, "");
       }},
      {"javadoc_POST_jobs_jobid_savepoints_TriggerResponse.json",
       [](const json& j) { EXPECT_EQ(decode_trigger_id(j), "7d273f5a62eb4730b9dea8e833733c1e"); }},
      {"javadoc_POST_jobs_jobid_savepoints_request.json",
       [](const json& j) {
         // A request body: ours must use the same (hyphenated) field name.
         SavepointRequest r;
         r.target_directory = "/tmp";
         json ours = encode_savepoint_request(r, "7d273f5a62eb4730b9dea8e833733c1e");
         EXPECT_EQ(ours["target-directory"], j["target-directory"]);
       }},
      {"metrics_GET_jobmanager_metrics_list.json",
       [](const json& j) {
         MetricMap m = decode_metrics(j);
         ASSERT_EQ(m.size(), 2u);
         EXPECT_FALSE(m.at("metric1").number());
         EXPECT_TRUE(m.contains("metric2"));
       }},
      {"metrics_GET_taskmanagers_id_metrics_get.json",
       [](const json& j) {
         MetricMap m = decode_metrics(j);
         EXPECT_EQ(m.at("metric1").text, "34");
         EXPECT_EQ(metric_number(m, "metric1"), 34.0);
         EXPECT_EQ(metric_number(m, "metric2"), 2.0);
       }},
      {"metrics_GET_taskmanagers_metrics_agg_min_max.json",
       [](const json& j) {
         MetricMap m = decode_metrics(j);
         EXPECT_EQ(m.at("metric1").min, 1.0);
         EXPECT_EQ(m.at("metric1").max, 34.0);
         EXPECT_FALSE(m.at("metric1").sum);
         EXPECT_EQ(metric_number(m, "metric2"), 14.0);  // no value, no sum: the max
       }},
      {"metrics_GET_taskmanagers_metrics_aggregated.json",
       [](const json& j) {
         MetricMap m = decode_metrics(j);
         EXPECT_EQ(m.at("metric1").avg, 15.0);
         EXPECT_EQ(m.at("metric1").sum, 45.0);
         EXPECT_EQ(metric_number(m, "metric2"), 16.0);  // the sum
       }},
      {"playground_GET_jobs.json",
       [](const json& j) {
         auto jobs = decode_job_list(j);
         ASSERT_EQ(jobs.size(), 1u);
         EXPECT_EQ(jobs[0].id, "<job-id>");
         EXPECT_EQ(jobs[0].status, "RUNNING");
       }},
      {"playground_GET_jobs_jobid_JobDetailsInfo.json",
       [](const json& j) {
         JobDetails d = decode_job_details(j);
         EXPECT_EQ(d.name, "Click Event Count");
         EXPECT_EQ(d.state, "RUNNING");
         EXPECT_FALSE(d.is_stoppable);
         EXPECT_EQ(d.start_time, 1564467066026);
         EXPECT_EQ(d.end_time, -1);
         EXPECT_EQ(d.now, 1564467440819);
         EXPECT_EQ(d.timestamps.at("RUNNING"), 1564467066126);
         EXPECT_EQ(d.max_parallelism, -1);  // a 2019 Flink did not send it
         ASSERT_EQ(d.vertices.size(), 3u);
         const Vertex& counter = d.vertices[1];
         EXPECT_EQ(counter.name, "ClickEvent Counter");
         EXPECT_EQ(counter.parallelism, 2);
         EXPECT_EQ(counter.tasks.of("running"), 2);
         EXPECT_EQ(counter.tasks.total, 2);
         EXPECT_EQ(counter.metrics.read_bytes, 5085332);
         EXPECT_EQ(counter.metrics.write_records, 6);
         EXPECT_TRUE(counter.metrics.read_records_complete);
         EXPECT_EQ(counter.metrics.accumulated_busy_time, 0);  // absent in 2019
         EXPECT_EQ(d.status_counts.at("RUNNING"), 4);
         ASSERT_EQ(d.plan.nodes.size(), 3u);
         EXPECT_EQ(d.plan.type, "STREAMING");
         EXPECT_EQ(d.plan.nodes[1].description, "ClickEvent Counter");
         ASSERT_EQ(d.plan.nodes[1].inputs.size(), 1u);
         EXPECT_EQ(d.plan.nodes[1].inputs[0].ship_strategy, "HASH");
         EXPECT_TRUE(d.plan.nodes[2].inputs.empty());
       }},
      {"playground_GET_jobs_jobid_metrics_get.json",
       [](const json& j) {
         EXPECT_EQ(metric_number(decode_metrics(j), metric::kLastCheckpointSize), 9378.0);
       }},
      {"playground_GET_jobs_jobid_savepoints_triggerid_COMPLETED.json",
       [](const json& j) { completed_with_location(j, "<savepoint-path>"); }},
      {"playground_POST_jars_jarid_run.json", [](const json& j) { EXPECT_EQ(j.at("jobid"), "<job-id>"); }},
      {"playground_POST_jars_upload.json",
       [](const json& j) { EXPECT_EQ(decode_uploaded_jar_id(j), "<jar-id>"); }},
      {"playground_POST_jobs_jobid_stop_TriggerResponse.json",
       [](const json& j) { EXPECT_EQ(decode_trigger_id(j), "<trigger-id>"); }},
      {"test_JobDetails_jobs_overview_entry.json",
       [](const json& entry) {
         auto jobs = decode_jobs_overview(json{{"jobs", json::array({entry})}});
         ASSERT_EQ(jobs.size(), 1u);
         const JobOverview& job = jobs[0];
         EXPECT_EQ(job.id, "7a7c3291accebd10b6be8d4f8c8d8dfc");
         EXPECT_EQ(job.name, "foobar");
         EXPECT_EQ(job.start_time, 1);
         EXPECT_EQ(job.end_time, 10);
         EXPECT_EQ(job.duration, 9);
         EXPECT_EQ(job.last_modification, 8);
         EXPECT_EQ(job.tasks.total, 42);
         EXPECT_EQ(job.tasks.of("FAILED"), 7);
         EXPECT_EQ(job.tasks.of("reconciling"), 3);
         EXPECT_EQ(job.tasks.of("initializing"), 0);
       }},
  };
  return kChecks;
}

TEST(FlinkSamples, EveryUpstreamSampleDecodes) {
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testdata::samples_dir())) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    auto check = checks().find(name);
    ASSERT_NE(check, checks().end()) << "no check for sample " << name;
    check->second(testdata::read_json(entry.path()));
    ++seen;
  }
  EXPECT_EQ(seen, static_cast<int>(checks().size()));
}

}  // namespace
}  // namespace flinktop::flink
