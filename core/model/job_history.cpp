#include "core/model/job_history.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace flinktop::model {

namespace {

// Sources have no inputs in the plan; sinks are nobody's input. Without a plan (not yet known),
// Flink's vertex order stands in: it lists vertices from the sources to the sinks.
void ends_of(const flink::JobDetails& details, std::set<std::string>& sources, std::set<std::string>& sinks) {
  if (details.plan.nodes.empty()) {
    if (!details.vertices.empty()) {
      sources.insert(details.vertices.front().id);
      sinks.insert(details.vertices.back().id);
    }
    return;
  }
  std::set<std::string> feeding;
  for (const flink::PlanNode& node : details.plan.nodes) {
    if (node.inputs.empty()) sources.insert(node.id);
    for (const flink::PlanInput& input : node.inputs) feeding.insert(input.id);
  }
  for (const flink::PlanNode& node : details.plan.nodes) {
    if (!feeding.contains(node.id)) sinks.insert(node.id);
  }
}

// The share of `interval_ms` × parallelism a cumulative time counter grew by; NaN if it went back.
double share(double now, double before, std::int64_t interval_ms, std::int64_t parallelism) {
  const double grown = now - before;
  if (grown < 0 || interval_ms <= 0 || parallelism <= 0) return kUnknown;
  return std::clamp(grown / (static_cast<double>(interval_ms) * static_cast<double>(parallelism)), 0.0, 1.0);
}

template <class T>
void bound(std::deque<T>& items, std::size_t capacity) {
  while (items.size() > capacity) items.pop_front();
}

double max_known(double a, double b) {
  if (std::isnan(a)) return b;
  if (std::isnan(b)) return a;
  return std::max(a, b);
}

}  // namespace

JobHistory::JobHistory(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

void JobHistory::record(const flink::JobDetails& details, const flink::CheckpointStats* checkpoints,
                        std::chrono::system_clock::time_point polled) {
  const std::int64_t now_ms =
      details.now > 0 ? details.now
                      : std::chrono::duration_cast<std::chrono::milliseconds>(polled.time_since_epoch()).count();
  std::map<std::string, VertexCounters> counters;
  for (const flink::Vertex& v : details.vertices) {
    VertexCounters c;
    c.parallelism = v.parallelism;
    c.read_records = v.metrics.read_records;
    c.write_records = v.metrics.write_records;
    c.times_known = v.metrics.accumulated_times_known;
    c.backpressured_ms = v.metrics.accumulated_backpressured_time;
    c.idle_ms = v.metrics.accumulated_idle_time;
    c.busy_ms = v.metrics.accumulated_busy_time;
    counters[v.id] = c;
  }
  JobSample sample;
  const std::int64_t interval = baseline_ms_ < 0 ? -1 : now_ms - baseline_ms_;
  if (interval > 0 && counters == baseline_ && interval < kUnchangedFor && !samples_.empty()) {
    sample = samples_.back();  // Flink has not refreshed its counters since: the same rates
  } else {
    if (interval > 0) measure(details, counters, interval, sample);
    baseline_ = std::move(counters);
    baseline_ms_ = now_ms;
  }
  sample.at = polled;
  samples_.push_back(sample);
  bound(samples_, capacity_);

  if (checkpoints == nullptr) return;
  std::vector<const flink::Checkpoint*> fresh;
  for (const flink::Checkpoint& c : checkpoints->history) {
    if (c.status == "COMPLETED" && !c.is_savepoint && c.id > last_checkpoint_id_) fresh.push_back(&c);
  }
  if (const auto& latest = checkpoints->latest.completed; latest && latest->id > last_checkpoint_id_) {
    const bool listed = std::any_of(fresh.begin(), fresh.end(), [&](const auto* c) { return c->id == latest->id; });
    if (!listed && !latest->is_savepoint) fresh.push_back(&*latest);
  }
  std::sort(fresh.begin(), fresh.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  for (const flink::Checkpoint* c : fresh) {
    checkpoints_.push_back({c->id, c->end_to_end_duration, c->size_bytes()});
    last_checkpoint_id_ = c->id;
  }
  bound(checkpoints_, capacity_);
}

void JobHistory::measure(const flink::JobDetails& details, const std::map<std::string, VertexCounters>& counters,
                         std::int64_t interval_ms, JobSample& sample) {
  std::set<std::string> sources, sinks;
  ends_of(details, sources, sinks);
  std::map<std::string, VertexLoad> loads;
  double in = 0, out = 0;
  bool in_known = !sources.empty(), out_known = !sinks.empty();
  const double seconds = static_cast<double>(interval_ms) / 1000.0;
  for (const auto& [id, now] : counters) {
    auto before = baseline_.find(id);
    if (before == baseline_.end()) {
      in_known = in_known && !sources.contains(id);
      out_known = out_known && !sinks.contains(id);
      continue;
    }
    const VertexCounters& was = before->second;
    VertexLoad load;
    if (now.times_known && was.times_known) {
      load.backpressure = share(static_cast<double>(now.backpressured_ms), static_cast<double>(was.backpressured_ms),
                                interval_ms, now.parallelism);
      load.busy = share(now.busy_ms, was.busy_ms, interval_ms, now.parallelism);
    }
    loads[id] = load;
    sample.max_backpressure = max_known(sample.max_backpressure, load.backpressure);
    sample.max_busy = max_known(sample.max_busy, load.busy);
    if (sources.contains(id)) {
      if (now.write_records < was.write_records) in_known = false;
      in += static_cast<double>(now.write_records - was.write_records) / seconds;
    }
    if (sinks.contains(id)) {
      if (now.read_records < was.read_records) out_known = false;
      out += static_cast<double>(now.read_records - was.read_records) / seconds;
    }
  }
  if (in_known) sample.records_in_per_second = in;
  if (out_known) sample.records_out_per_second = out;
  loads_ = std::move(loads);
}

std::vector<double> JobHistory::series(double JobSample::*field) const {
  std::vector<double> out;
  out.reserve(samples_.size());
  for (const JobSample& s : samples_) out.push_back(s.*field);
  return out;
}

std::vector<double> JobHistory::checkpoint_durations() const {
  std::vector<double> out;
  out.reserve(checkpoints_.size());
  for (const CheckpointSample& c : checkpoints_) out.push_back(static_cast<double>(c.duration_ms));
  return out;
}

}  // namespace flinktop::model
