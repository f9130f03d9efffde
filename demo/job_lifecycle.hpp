// How a simulated job lives: CREATED → RUNNING, checkpoints every few seconds (now and then one
// fails), drifting throughput and backpressure, failures that restart it, cancel (CANCELLING →
// CANCELED), and the asynchronous operations a client triggers — savepoint, stop-with-savepoint,
// checkpoint — which take a few seconds and produce a path. Functions over the World; the caller
// holds the Simulation's lock. What changes for Kubernetes objects is returned as Effects, applied
// after the lock is released.
#pragma once

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "demo/java_traces.hpp"
#include "demo/world.hpp"

namespace flinktop::demo {

class KubeApiServer;

// A change to the simulated Kubernetes objects, run without the Simulation's lock.
using KubeChange = std::function<void(KubeApiServer&)>;

struct Effects {
  std::vector<KubeChange> kube;
  std::vector<DemoOperation> finished;  // operations that completed in this step, for their owners
};

bool is_terminal(const std::string& job_state);

// Enters `state` (timestamps, end time) and, for an operator-managed job, updates its resource's
// status.jobStatus as the operator would.
void set_job_state(DemoJob& job, const std::string& state, long long now_ms, Effects& effects);

// One tick of a job: state timeouts, checkpoints, metrics drift. `failure_chance` is the
// probability that a running job fails in this tick.
void advance_job(DemoJob& job, std::mt19937_64& rng, long long now_ms, long long elapsed_ms, double failure_chance,
                 Effects& effects);

// RUNNING → RESTARTING with `cause` in the exception history; RUNNING again a few seconds later.
void fail_job(DemoJob& job, const JavaTrace& cause, const std::string& taskmanager_id, long long now_ms,
              Effects& effects);

// PATCH /jobs/:id?mode=cancel. False when the job already reached a terminal state.
bool cancel_job(DemoJob& job, long long now_ms, Effects& effects);

// POST savepoint / stop / checkpoint. A repeated trigger id returns the existing operation.
// `target_dir` empty = the cluster's configured savepoint directory.
const DemoOperation& trigger_operation(World& world, DemoJob& job, const std::string& kind,
                                       const std::string& trigger_id, const std::string& target_dir,
                                       const std::string& owner, std::mt19937_64& rng, long long now_ms);

// Completes due operations (a stop finishes its job) and forgets old results, as Flink's
// rest.async.store-duration does.
void advance_operations(World& world, long long now_ms, Effects& effects);

}  // namespace flinktop::demo
