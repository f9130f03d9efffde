#include "demo/job_lifecycle.hpp"

#include <algorithm>
#include <cmath>

#include "demo/kube_api_server.hpp"
#include "demo/kube_objects.hpp"
#include "demo/scenario.hpp"
#include "core/kube/resource_type.hpp"

namespace flinktop::demo {

namespace {

constexpr std::size_t kCheckpointHistory = 10;
constexpr std::size_t kExceptionHistory = 20;
constexpr long long kOperationResultKept = 5 * 60 * 1000;  // rest.async.store-duration

double uniform(std::mt19937_64& rng) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }

long long between(std::mt19937_64& rng, long long low, long long high) {
  return std::uniform_int_distribution<long long>(low, high)(rng);
}

void finish_checkpoint(DemoJob& job, DemoCheckpoint& cp, std::mt19937_64& rng, long long now_ms) {
  // Now and then a checkpoint fails, as one that expires or hits a task that just failed.
  if (uniform(rng) < 0.06) {
    cp.status = "FAILED";
    cp.failure = uniform(rng) < 0.5 ? "Checkpoint expired before completing."
                                    : "Asynchronous task checkpoint failed.";
    ++job.checkpoints_failed;
  } else {
    cp.status = "COMPLETED";
    ++job.checkpoints_completed;
  }
  cp.ack_ms = std::min(now_ms, cp.trigger_ms + cp.duration_ms);
}

void start_checkpoint(DemoJob& job, std::mt19937_64& rng, long long now_ms, bool savepoint, const std::string& path) {
  DemoCheckpoint cp;
  cp.id = job.next_checkpoint_id++;
  cp.status = "IN_PROGRESS";
  cp.savepoint = savepoint;
  cp.trigger_ms = now_ms;
  // Log-normal-ish durations: mostly a few hundred ms, now and then seconds.
  cp.duration_ms = static_cast<long long>(std::exp(std::normal_distribution<double>(6.0, 0.8)(rng)));
  cp.duration_ms = std::clamp(cp.duration_ms, 40LL, 9000LL);
  const long long previous = job.checkpoints.empty() ? 24 * 1024 * 1024 : job.checkpoints.front().size_bytes;
  cp.size_bytes = std::max(1024LL * 1024, static_cast<long long>(previous * (0.93 + 0.15 * uniform(rng))));
  cp.path = path.empty() ? "s3://flink-demo/checkpoints/" + job.id + "/chk-" + std::to_string(cp.id) : path;
  ++job.checkpoints_total;
  job.checkpoints.push_front(cp);
  while (job.checkpoints.size() > kCheckpointHistory) job.checkpoints.pop_back();
}

void drift_metrics(DemoJob& job, std::mt19937_64& rng, long long elapsed_ms) {
  std::normal_distribution<double> step(0.0, 0.04);
  double upstream = 0;
  for (auto& v : job.vertices) {
    if (v.source) {
      v.records_per_second = std::clamp(v.records_per_second * std::exp(step(rng)), 50.0, 80000.0);
      upstream = v.records_per_second;
    } else {
      v.records_per_second = upstream * std::clamp(0.75 + 0.25 * uniform(rng), 0.0, 1.0);
    }
    // Backpressure wanders and leans back toward a low level; sources feel it most.
    v.backpressure = std::clamp(v.backpressure + step(rng) * 2 - (v.backpressure - 0.08) * 0.05, 0.0, 1.0);
    v.busy = std::clamp(v.busy + step(rng), 0.02, 1.0 - v.backpressure);
    const double seconds = static_cast<double>(elapsed_ms) / 1000.0;
    const double subtask_ms = static_cast<double>(elapsed_ms) * v.parallelism;
    v.busy_ms += v.busy * subtask_ms;
    v.backpressured_ms += v.backpressure * subtask_ms;
    v.idle_ms += std::max(0.0, 1 - v.busy - v.backpressure) * subtask_ms;
    const auto records = static_cast<long long>(v.records_per_second * seconds);
    if (!v.source) {
      v.read_records += records;
      v.read_bytes += records * 180;
    }
    if (!v.sink) {
      v.write_records += records;
      v.write_bytes += records * 180;
    }
  }
}

std::string savepoint_path(const std::string& dir, const std::string& job_id, std::mt19937_64& rng) {
  return dir + "/savepoint-" + job_id.substr(0, 6) + "-" + random_hex(rng, 12);
}

}  // namespace

bool is_terminal(const std::string& s) { return s == "CANCELED" || s == "FINISHED" || s == "FAILED"; }

void set_job_state(DemoJob& job, const std::string& state, long long now_ms, Effects& effects) {
  if (job.state == state) return;
  job.state = state;
  job.state_since_ms = now_ms;
  job.timestamps[state] = now_ms;
  if (is_terminal(state)) {
    job.end_ms = now_ms;
    for (auto& cp : job.checkpoints) {
      if (cp.status == "IN_PROGRESS") cp.status = "FAILED", cp.failure = "Checkpoint Coordinator is suspending.";
    }
  }
  if (job.operator_kind.empty()) return;
  const kube::ResourceType& type = job.operator_kind == "FlinkDeployment" ? kube::resources::kFlinkDeployments
                                                                         : kube::resources::kFlinkSessionJobs;
  const auto ns = job.cluster.substr(0, job.cluster.find('/'));
  effects.kube.push_back([type, ns, name = job.operator_name, status = operator_job_status(job)](KubeApiServer& kube) {
    kube.edit(type, ns, name, [&](nlohmann::json& object) {
      nlohmann::json& job_status = object["status"]["jobStatus"];
      // Keep what the operator recorded about savepoints; replace the rest.
      nlohmann::json savepoints = job_status.value("savepointInfo", nlohmann::json::object());
      job_status = status;
      job_status["savepointInfo"] = savepoints;
      return true;
    });
  });
}

void advance_job(DemoJob& job, std::mt19937_64& rng, long long now_ms, long long elapsed_ms, double failure_chance,
                 Effects& effects) {
  const long long in_state = now_ms - job.state_since_ms;
  if (job.state == "INITIALIZING" && in_state > 300) set_job_state(job, "CREATED", now_ms, effects);
  if (job.state == "CREATED" && in_state > 1200) {
    set_job_state(job, "RUNNING", now_ms, effects);
    job.next_checkpoint_ms = now_ms + job.checkpoint_interval_ms;
  }
  if (job.state == "RESTARTING" && in_state > 2500) set_job_state(job, "RUNNING", now_ms, effects);
  if (job.state == "CANCELLING" && in_state > 1500) set_job_state(job, "CANCELED", now_ms, effects);
  if (job.state != "RUNNING") return;

  drift_metrics(job, rng, elapsed_ms);
  for (auto& cp : job.checkpoints) {
    if (cp.status == "IN_PROGRESS" && !cp.savepoint && now_ms >= cp.trigger_ms + cp.duration_ms) {
      finish_checkpoint(job, cp, rng, now_ms);
    }
  }
  const bool in_progress = std::any_of(job.checkpoints.begin(), job.checkpoints.end(),
                                       [](const DemoCheckpoint& cp) { return cp.status == "IN_PROGRESS"; });
  if (!in_progress && now_ms >= job.next_checkpoint_ms) {
    start_checkpoint(job, rng, now_ms, false, "");
    job.next_checkpoint_ms = now_ms + job.checkpoint_interval_ms;
  }
  if (uniform(rng) < failure_chance && !job.vertices.empty()) {
    const auto& vertex = job.vertices[rng() % job.vertices.size()];
    fail_job(job, job_failure(rng(), vertex.name + " (1/" + std::to_string(vertex.parallelism) + ")"), "", now_ms,
             effects);
  }
}

void fail_job(DemoJob& job, const JavaTrace& cause, const std::string& taskmanager_id, long long now_ms,
              Effects& effects) {
  if (job.state != "RUNNING") return;
  DemoException e;
  e.timestamp_ms = now_ms;
  e.name = cause.name;
  e.trace = cause.trace;
  e.task = job.vertices.empty() ? "" : job.vertices.front().name + " (1/" + std::to_string(job.vertices.front().parallelism) + ")";
  e.taskmanager_id = taskmanager_id;
  e.endpoint = taskmanager_id.empty() ? "" : taskmanager_id;
  job.exceptions.push_front(e);
  while (job.exceptions.size() > kExceptionHistory) job.exceptions.pop_back();
  set_job_state(job, "RESTARTING", now_ms, effects);
}

bool cancel_job(DemoJob& job, long long now_ms, Effects& effects) {
  if (is_terminal(job.state)) return false;
  set_job_state(job, "CANCELLING", now_ms, effects);
  return true;
}

const DemoOperation& trigger_operation(World& world, DemoJob& job, const std::string& kind,
                                       const std::string& trigger_id, const std::string& target_dir,
                                       const std::string& owner, std::mt19937_64& rng, long long now_ms) {
  const std::string key = job.id + "/" + trigger_id;
  if (auto it = world.operations.find(key); it != world.operations.end()) return it->second;
  DemoOperation op;
  op.kind = kind;
  op.job_id = job.id;
  op.trigger_id = trigger_id;
  op.owner = owner;
  op.done_ms = now_ms + between(rng, kind == "checkpoint" ? 300 : 1500, kind == "checkpoint" ? 1500 : 4000);
  if (job.state != "RUNNING") {
    op.completed = true;
    op.finished_ms = now_ms;
    op.failure = "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint triggering task " +
                 (job.vertices.empty() ? std::string("Source") : job.vertices.front().name) + " of job " + job.id +
                 " is not being executed at the moment. Aborting checkpoint. Failure reason: Not all required "
                 "tasks are currently running.";
  } else if (kind == "checkpoint") {
    start_checkpoint(job, rng, now_ms, false, "");
    op.checkpoint_id = job.checkpoints.front().id;
    job.checkpoints.front().duration_ms = op.done_ms - now_ms;
  } else {
    const auto cluster = world.clusters.find(job.cluster);
    const std::string dir = !target_dir.empty() ? target_dir
                            : cluster != world.clusters.end() ? cluster->second.savepoint_dir
                                                              : "s3://flink-demo/savepoints";
    op.location = savepoint_path(dir, job.id, rng);
    start_checkpoint(job, rng, now_ms, true, op.location);
    op.checkpoint_id = job.checkpoints.front().id;
    job.checkpoints.front().duration_ms = op.done_ms - now_ms;
    if (kind == "stop") job.stopping_trigger = trigger_id;
  }
  return world.operations[key] = std::move(op);
}

void advance_operations(World& world, long long now_ms, Effects& effects) {
  for (auto it = world.operations.begin(); it != world.operations.end();) {
    DemoOperation& op = it->second;
    if (op.completed && now_ms - op.finished_ms > kOperationResultKept) {
      it = world.operations.erase(it);
      continue;
    }
    if (!op.completed && now_ms >= op.done_ms) {
      op.completed = true;
      op.finished_ms = now_ms;
      if (auto job = world.jobs.find(op.job_id); job != world.jobs.end()) {
        for (auto& cp : job->second.checkpoints) {
          if (cp.id == op.checkpoint_id && cp.status == "IN_PROGRESS") {
            cp.status = "COMPLETED";
            cp.ack_ms = now_ms;
            ++job->second.checkpoints_completed;
          }
        }
        if (op.kind == "stop" && job->second.state == "RUNNING") {
          set_job_state(job->second, "FINISHED", now_ms, effects);
          job->second.stopping_trigger.clear();
        }
      }
      effects.finished.push_back(op);
    }
    ++it;
  }
}

}  // namespace flinktop::demo
