// JobHistory: rates from two polls over the JobManager's clock, a restart (counters going down)
// gives no rate rather than a negative one, Flink's unrefreshed counters repeat the last rate, the
// bound on samples and checkpoints, and checkpoints counted once however often they are listed.
#include "core/model/job_history.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace flinktop::model {
namespace {

using std::chrono::system_clock;

flink::Vertex vertex(const std::string& id, std::int64_t read, std::int64_t written, std::int64_t backpressured_ms,
                     double busy_ms, std::int64_t idle_ms = 0) {
  flink::Vertex v;
  v.id = id;
  v.name = id;
  v.parallelism = 2;
  v.metrics.read_records = read;
  v.metrics.write_records = written;
  v.metrics.accumulated_times_known = true;
  v.metrics.accumulated_backpressured_time = backpressured_ms;
  v.metrics.accumulated_busy_time = busy_ms;
  v.metrics.accumulated_idle_time = idle_ms;
  return v;
}

// Source → Sink, at JobManager time `now_ms`; `n` records through, `bp`/`busy` ms accumulated.
flink::JobDetails job(std::int64_t now_ms, std::int64_t n, std::int64_t bp, double busy) {
  flink::JobDetails d;
  d.now = now_ms;
  // Idle time moves with the records, so that "nothing changed" means Flink did not refresh them.
  d.vertices = {vertex("src", 0, n, bp, busy, n), vertex("sink", n, 0, 0, busy / 2, n)};
  flink::PlanNode sink;
  sink.id = "sink";
  flink::PlanInput input;
  input.id = "src";
  sink.inputs.push_back(input);
  flink::PlanNode src;
  src.id = "src";
  d.plan.nodes = {sink, src};
  return d;
}

system_clock::time_point at(int s) { return system_clock::time_point(std::chrono::seconds(1'800'000'000 + s)); }

TEST(JobHistory, RatesFromTwoPolls) {
  JobHistory h;
  h.record(job(10'000, 1'000, 0, 0), nullptr, at(0));
  ASSERT_EQ(h.samples().size(), 1u);
  EXPECT_TRUE(std::isnan(h.samples()[0].records_in_per_second)) << "one poll: no rate yet";
  EXPECT_TRUE(h.vertex_loads().empty());

  // 2 s later on the JobManager's clock: 4,000 more records, 1 s of backpressure over 2 subtasks.
  h.record(job(12'000, 5'000, 1'000, 2'000), nullptr, at(3));
  const JobSample& s = h.samples().back();
  EXPECT_DOUBLE_EQ(s.records_in_per_second, 2'000);
  EXPECT_DOUBLE_EQ(s.records_out_per_second, 2'000);
  EXPECT_DOUBLE_EQ(s.max_backpressure, 0.25);  // 1,000 ms of 2 × 2,000 ms
  EXPECT_DOUBLE_EQ(s.max_busy, 0.5);
  EXPECT_DOUBLE_EQ(h.vertex_loads().at("src").backpressure, 0.25);
  EXPECT_DOUBLE_EQ(h.vertex_loads().at("sink").busy, 0.25);
  EXPECT_EQ(s.at, at(3));
}

TEST(JobHistory, ARestartGivesNoRate) {
  JobHistory h;
  h.record(job(10'000, 9'000, 500, 500), nullptr, at(0));
  h.record(job(12'000, 100, 0, 0), nullptr, at(2));  // counters start again
  EXPECT_TRUE(std::isnan(h.samples().back().records_in_per_second));
  EXPECT_TRUE(std::isnan(h.vertex_loads().at("src").backpressure));
  EXPECT_DOUBLE_EQ(h.samples().back().max_backpressure, 0) << "the sink's, which did not go back";
  h.record(job(14'000, 2'100, 0, 0), nullptr, at(4));
  EXPECT_DOUBLE_EQ(h.samples().back().records_in_per_second, 1'000);
}

TEST(JobHistory, AFlinkWithoutAccumulatedTimesHasRatesButNoLoads) {
  // Flink before 1.15 sends records but no accumulated busy/backpressured times: a rate, no 0%.
  auto older = [](flink::JobDetails d) {
    for (flink::Vertex& v : d.vertices) v.metrics = flink::VertexMetrics{.read_records = v.metrics.read_records,
                                                                         .write_records = v.metrics.write_records};
    return d;
  };
  JobHistory h;
  h.record(older(job(10'000, 1'000, 0, 0)), nullptr, at(0));
  h.record(older(job(12'000, 5'000, 0, 0)), nullptr, at(2));
  const JobSample& s = h.samples().back();
  EXPECT_DOUBLE_EQ(s.records_in_per_second, 2'000);
  EXPECT_TRUE(std::isnan(s.max_backpressure));
  EXPECT_TRUE(std::isnan(s.max_busy));
  EXPECT_TRUE(std::isnan(h.vertex_loads().at("src").busy));
}

TEST(JobHistory, UnrefreshedCountersRepeatTheLastRate) {
  JobHistory h;
  h.record(job(10'000, 0, 0, 0), nullptr, at(0));
  h.record(job(20'000, 10'000, 0, 0), nullptr, at(10));
  h.record(job(22'000, 10'000, 0, 0), nullptr, at(12));  // Flink has not fetched new metrics
  EXPECT_DOUBLE_EQ(h.samples().back().records_in_per_second, 1'000);
  h.record(job(30'000, 26'000, 0, 0), nullptr, at(20));  // measured since the last change
  EXPECT_DOUBLE_EQ(h.samples().back().records_in_per_second, 1'600);
  // Unchanged for longer than Flink's refresh could explain: the job is idle.
  h.record(job(70'000, 26'000, 0, 0), nullptr, at(60));
  EXPECT_DOUBLE_EQ(h.samples().back().records_in_per_second, 0);
}

TEST(JobHistory, KeepsTheLastSamplesOnly) {
  JobHistory h;
  EXPECT_EQ(h.capacity(), 120u);
  for (int i = 0; i < 300; ++i) h.record(job(10'000 + i * 2'000, i * 100, 0, 0), nullptr, at(i * 2));
  ASSERT_EQ(h.samples().size(), 120u);
  EXPECT_EQ(h.samples().front().at, at(180 * 2));
  EXPECT_EQ(h.samples().back().at, at(299 * 2));
  EXPECT_EQ(h.series(&JobSample::records_in_per_second).size(), 120u);

  JobHistory small(3);
  for (int i = 0; i < 10; ++i) small.record(job(i * 1'000, i, 0, 0), nullptr, at(i));
  EXPECT_EQ(small.samples().size(), 3u);
}

flink::Checkpoint checkpoint(std::int64_t id, const std::string& status, std::int64_t duration, bool savepoint = false) {
  flink::Checkpoint c;
  c.id = id;
  c.status = status;
  c.end_to_end_duration = duration;
  c.is_savepoint = savepoint;
  c.state_size = 1000 * id;
  return c;
}

TEST(JobHistory, CheckpointsOnceEachInOrderAndBounded) {
  JobHistory h(4);
  flink::CheckpointStats stats;
  stats.history = {checkpoint(3, "IN_PROGRESS", 0), checkpoint(2, "COMPLETED", 200), checkpoint(1, "COMPLETED", 100)};
  h.record(job(1'000, 0, 0, 0), &stats, at(0));
  h.record(job(2'000, 0, 0, 0), &stats, at(1));  // the same list again
  EXPECT_EQ(h.checkpoint_durations(), (std::vector<double>{100, 200}));
  stats.history = {checkpoint(5, "FAILED", 0), checkpoint(4, "COMPLETED", 400, /*savepoint=*/true),
                   checkpoint(3, "COMPLETED", 300)};
  stats.latest.completed = checkpoint(6, "COMPLETED", 600);  // newer than the history shows
  h.record(job(3'000, 0, 0, 0), &stats, at(2));
  EXPECT_EQ(h.checkpoint_durations(), (std::vector<double>{100, 200, 300, 600}));
  stats.history = {checkpoint(9, "COMPLETED", 900), checkpoint(8, "COMPLETED", 800), checkpoint(7, "COMPLETED", 700)};
  h.record(job(4'000, 0, 0, 0), &stats, at(3));
  EXPECT_EQ(h.checkpoint_durations(), (std::vector<double>{600, 700, 800, 900}));
  EXPECT_EQ(h.checkpoints().back().size, 9000);
}

}  // namespace
}  // namespace flinktop::model
