// A bounded history of one job's throughput, load and checkpoint durations, for the sparklines of
// the job view. The Flink poller records every answer of GET /jobs/:id (cumulative counters, so a
// rate is the difference of two polls over the JobManager's clock) and of its checkpoint
// statistics; the history then rides along, copied, in each published FlinkClusterSnapshot.
// Views only read it: what was on screen over time is decided here, on the sync side.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/flink/types/checkpoints.hpp"
#include "core/flink/types/job.hpp"

namespace flinktop::model {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

// One poll interval. A value is NaN when it cannot be known: the first poll (no earlier counters),
// a counter that went down (the job restarted), or no vertex to measure.
struct JobSample {
  std::chrono::system_clock::time_point at{};
  double records_in_per_second = kUnknown;   // what the job's sources emitted
  double records_out_per_second = kUnknown;  // what its sinks received
  double max_backpressure = kUnknown;        // 0..1: the most backpressured vertex
  double max_busy = kUnknown;                // 0..1: the busiest vertex
};

// A vertex over the last poll interval (0..1; NaN unknown): what the graph and the vertices
// table show as "now", rather than Flink's average over the vertex's whole life.
struct VertexLoad {
  double busy = kUnknown;
  double backpressure = kUnknown;
};

struct CheckpointSample {
  std::int64_t id = 0;
  std::int64_t duration_ms = 0;  // end to end
  std::int64_t size = 0;         // checkpointed (incremental) size, else the full state size
};

class JobHistory {
 public:
  static constexpr std::size_t kDefaultCapacity = 120;  // 4 minutes at the default 2 s refresh

  explicit JobHistory(std::size_t capacity = kDefaultCapacity);

  // One poll's answer, at `polled` (the JobManager's own clock, details.now, measures the
  // interval when it reports one). Completed checkpoints not seen before are appended in id order.
  // Flink refreshes the vertices' counters only every metrics.fetcher.update-interval (10 s by
  // default), so a poll that finds them all unchanged repeats the last rates rather than report
  // a drop to zero; the next change is measured over the whole time since the last one.
  void record(const flink::JobDetails& details, const flink::CheckpointStats* checkpoints,
              std::chrono::system_clock::time_point polled);

  const std::deque<JobSample>& samples() const { return samples_; }
  const std::deque<CheckpointSample>& checkpoints() const { return checkpoints_; }
  // By vertex id, from the latest interval; empty before the second poll.
  const std::map<std::string, VertexLoad>& vertex_loads() const { return loads_; }
  std::size_t capacity() const { return capacity_; }

  // One field of every sample, oldest first (for a sparkline).
  std::vector<double> series(double JobSample::*field) const;
  std::vector<double> checkpoint_durations() const;  // ms, oldest first

 private:
  struct VertexCounters {
    std::int64_t parallelism = 0;
    std::int64_t read_records = 0;
    std::int64_t write_records = 0;
    bool times_known = false;  // Flink before 1.15 sends no accumulated times
    std::int64_t backpressured_ms = 0;
    std::int64_t idle_ms = 0;
    double busy_ms = 0;
    friend bool operator==(const VertexCounters&, const VertexCounters&) = default;
  };
  static constexpr std::int64_t kUnchangedFor = 30'000;  // ms: after that, unchanged means idle

  void measure(const flink::JobDetails& details, const std::map<std::string, VertexCounters>& counters,
               std::int64_t interval_ms, JobSample& sample);

  std::size_t capacity_;
  std::deque<JobSample> samples_;
  std::deque<CheckpointSample> checkpoints_;
  std::map<std::string, VertexLoad> loads_;
  std::map<std::string, VertexCounters> baseline_;  // counters when they last changed, by vertex id
  std::int64_t baseline_ms_ = -1;                   // and when that was seen
  std::int64_t last_checkpoint_id_ = -1;
};

}  // namespace flinktop::model
