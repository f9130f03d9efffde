// The simulated Flink Kubernetes Operator: reacts to what clients change on its resources the way
// the real one does (../shared/reference/README.md, "How an operator-managed job is controlled"):
// spec.job.state suspended/running stops or restores the job and moves status.lifecycleState,
// spec.job.savepointTriggerNonce and a new FlinkStateSnapshot take a savepoint that the status then
// shows, spec.restartNonce restarts the job, deleting a resource cancels its job.
#include "demo/kube_api_server.hpp"
#include "demo/kube_objects.hpp"
#include "demo/scenario.hpp"
#include "demo/simulation.hpp"
#include "core/kube/resource_type.hpp"

namespace flinktop::demo {

namespace r = kube::resources;
using nlohmann::json;

namespace {

const kube::ResourceType& type_of(const std::string& kind) {
  return kind == "FlinkDeployment" ? r::kFlinkDeployments
         : kind == "FlinkSessionJob" ? r::kFlinkSessionJobs
                                     : r::kFlinkStateSnapshots;
}

// A change to a resource's status, applied after the Simulation's lock is released.
KubeChange edit_status(const std::string& kind, const std::string& ns, const std::string& name,
                       std::function<void(json& status)> change) {
  return [&type = type_of(kind), ns, name, change = std::move(change)](KubeApiServer& kube) {
    kube.edit(type, ns, name, [&](json& object) {
      change(object["status"]);
      return true;
    });
  };
}

long long integer_at(const json& object, const json::json_pointer& pointer) {
  return object.contains(pointer) && object[pointer].is_number_integer() ? object[pointer].get<long long>() : 0;
}

}  // namespace

void Simulation::on_client_write(const std::string& kind, const std::string& verb, const json& object) {
  if (kind != "FlinkDeployment" && kind != "FlinkSessionJob" && kind != "FlinkStateSnapshot") return;
  std::lock_guard lock(mutex_);
  client_writes_.push_back({kind, verb, object});
}

DemoJob* Simulation::operator_job(const std::string& kind, const std::string& ns, const std::string& name) {
  DemoJob* newest = nullptr;
  for (auto& [id, job] : world_.jobs) {
    if (job.operator_kind == kind && job.operator_name == name && job.cluster.rfind(ns + "/", 0) == 0 &&
        (newest == nullptr || job.start_ms > newest->start_ms)) {
      newest = &job;
    }
  }
  return newest;
}

void Simulation::operator_step(long long now, Effects& effects) {
  std::vector<ClientWrite> writes;
  writes.swap(client_writes_);
  for (const auto& write : writes) {
    try {
      if (write.kind == "FlinkStateSnapshot") {
        if (write.verb == "ADDED") operator_snapshot_created(write.object, now, effects);
      } else {
        operator_resource_changed(write, now, effects);
      }
    } catch (const json::exception&) {
      // A resource of a shape the operator cannot read: the real one reports it in status.error;
      // the demo leaves it alone.
    }
  }
  for (const auto& op : effects.finished) {
    if (!op.owner.empty()) operator_operation_done(op, now, effects);
  }
  effects.finished.clear();
  operator_phases(now, effects);
}

void Simulation::operator_resource_changed(const ClientWrite& write, long long now, Effects& effects) {
  const json& meta = write.object["metadata"];
  const std::string ns = meta.value("namespace", "");
  const std::string name = meta.value("name", "");
  const std::string resource = write.kind + "/" + ns + "/" + name;
  DemoJob* job = operator_job(write.kind, ns, name);
  DemoCluster* cluster = nullptr;
  if (job != nullptr) cluster = &world_.clusters.at(job->cluster);
  if (auto it = world_.clusters.find(ns + "/" + name); write.kind == "FlinkDeployment" && it != world_.clusters.end()) {
    cluster = &it->second;
  }
  if (write.verb == "DELETED") {
    if (job != nullptr) {
      cancel_job(*job, now, effects);
      job->operator_kind.clear();  // nothing left to report to
    }
    if (write.kind == "FlinkDeployment" && cluster != nullptr) {
      cluster->running = false;
      for (const auto& id : cluster->jobs) cancel_job(world_.jobs.at(id), now, effects);
      effects.kube.push_back([c = *cluster](KubeApiServer& kube) {
        kube.remove(r::kPods, c.ns, c.jobmanager_pod);
        for (const auto& tm : c.taskmanagers) kube.remove(r::kPods, c.ns, tm.pod);
        for (const auto& d : deployments(c)) kube.remove(r::kDeployments, c.ns, d["metadata"].value("name", ""));
        for (const auto& s : services(c)) kube.remove(r::kServices, c.ns, s["metadata"].value("name", ""));
      });
    }
    operator_memory_.erase(resource);
    return;
  }
  OperatorMemory& memory = operator_memory_[resource];
  const std::string desired = write.object.contains(json::json_pointer("/spec/job/state"))
                                  ? write.object[json::json_pointer("/spec/job/state")].get<std::string>()
                                  : "running";
  const std::string mode = write.object.contains(json::json_pointer("/spec/job/upgradeMode"))
                               ? write.object[json::json_pointer("/spec/job/upgradeMode")].get<std::string>()
                               : "stateless";
  const long long savepoint_nonce = integer_at(write.object, json::json_pointer("/spec/job/savepointTriggerNonce"));
  const long long restart_nonce = integer_at(write.object, json::json_pointer("/spec/restartNonce"));

  if (desired == "suspended" && job != nullptr && !is_terminal(job->state) && memory.phase != "suspending") {
    memory.phase = "suspending";
    // How it stops follows spec.job.upgradeMode: savepoint = stop with a savepoint, else cancel.
    if (mode == "savepoint" && job->state == "RUNNING") {
      trigger_operation(world_, *job, "stop", random_hex(rng_), "", resource, rng_, now);
    } else {
      cancel_job(*job, now, effects);
    }
    effects.kube.push_back(edit_status(write.kind, ns, name, [](json& status) {
      status["lifecycleState"] = "UPGRADING";
      status["reconciliationStatus"]["state"] = "UPGRADING";
    }));
  } else if (desired == "running" && job != nullptr && is_terminal(job->state) && memory.phase != "resuming" &&
             cluster != nullptr) {
    memory.phase = "resuming";
    DemoJob next = make_job(*cluster, job->name, rng_, now);
    next.operator_kind = job->operator_kind;
    next.operator_name = job->operator_name;
    next.restored_from = mode == "stateless" ? "" : job->checkpoints.empty() ? "" : job->checkpoints.front().path;
    if (write.kind == "FlinkDeployment") {
      // An application cluster comes back with its pods; its one job is the new one.
      cluster->running = true;
      cluster->jobs.clear();
      for (auto& tm : cluster->taskmanagers) tm.up = true, tm.started_ms = now;
      effects.kube.push_back([c = *cluster](KubeApiServer& kube) {
        kube.add(r::kPods, jobmanager_pod(c));
        for (const auto& tm : c.taskmanagers) kube.add(r::kPods, taskmanager_pod(c, tm));
      });
    }
    cluster->jobs.push_back(next.id);
    const json job_status = operator_job_status(next);
    world_.jobs[next.id] = std::move(next);
    effects.kube.push_back(edit_status(write.kind, ns, name, [job_status](json& status) {
      status["lifecycleState"] = "DEPLOYED";
      status["reconciliationStatus"]["state"] = "DEPLOYED";
      if (status.contains("jobManagerDeploymentStatus")) status["jobManagerDeploymentStatus"] = "DEPLOYING";
      json savepoints = status["jobStatus"].value("savepointInfo", json::object());
      status["jobStatus"] = job_status;
      status["jobStatus"]["savepointInfo"] = savepoints;
    }));
  }
  if (savepoint_nonce != memory.savepoint_nonce) {
    memory.savepoint_nonce = savepoint_nonce;
    if (job != nullptr && savepoint_nonce != 0) {
      const std::string trigger = random_hex(rng_);
      trigger_operation(world_, *job, "savepoint", trigger, "", resource, rng_, now);
      effects.kube.push_back(edit_status(write.kind, ns, name, [trigger, now](json& status) {
        json& info = status["jobStatus"]["savepointInfo"];
        info["triggerId"] = trigger;
        info["triggerTimestamp"] = now;
        info["triggerType"] = "MANUAL";
        info["formatType"] = "CANONICAL";
      }));
    }
  }
  if (restart_nonce != memory.restart_nonce) {
    memory.restart_nonce = restart_nonce;
    if (job != nullptr && job->state == "RUNNING") {
      set_job_state(*job, "RESTARTING", now, effects);
      effects.kube.push_back(edit_status(write.kind, ns, name, [](json& status) {
        status["lifecycleState"] = "DEPLOYED";
        status["reconciliationStatus"]["state"] = "DEPLOYED";
      }));
      memory.phase = "resuming";
    }
  }
}

void Simulation::operator_snapshot_created(const json& snapshot, long long now, Effects& effects) {
  const std::string ns = snapshot["metadata"].value("namespace", "");
  const std::string name = snapshot["metadata"].value("name", "");
  const json spec = snapshot.value("spec", json::object());
  const json reference = spec.value("jobReference", json::object());
  DemoJob* job = operator_job(reference.value("kind", ""), ns, reference.value("name", ""));
  if (job == nullptr) {
    effects.kube.push_back(edit_status("FlinkStateSnapshot", ns, name, [now](json& status) {
      status["state"] = "FAILED";
      status["failures"] = 1;
      status["error"] = "Referenced job not found";
      status["resultTimestamp"] = std::to_string(now);
    }));
    return;
  }
  const bool checkpoint = spec.contains("checkpoint");
  const std::string trigger = random_hex(rng_);
  const std::string dir = checkpoint ? "" : spec.value("savepoint", json::object()).value("path", "");
  trigger_operation(world_, *job, checkpoint ? "checkpoint" : "savepoint", trigger, dir, "FlinkStateSnapshot/" + name,
                    rng_, now);
  effects.kube.push_back(edit_status("FlinkStateSnapshot", ns, name, [trigger, now](json& status) {
    status["state"] = "IN_PROGRESS";
    status["triggerId"] = trigger;
    status["triggerTimestamp"] = std::to_string(now);
    status["failures"] = 0;
  }));
}

void Simulation::operator_operation_done(const DemoOperation& op, long long now, Effects& effects) {
  const auto job = world_.jobs.find(op.job_id);
  if (job == world_.jobs.end()) return;
  const std::string ns = job->second.cluster.substr(0, job->second.cluster.find('/'));
  // "Kind/name" or "Kind/namespace/name": the namespace is the job's.
  const std::string kind = op.owner.substr(0, op.owner.find('/'));
  const std::string name = op.owner.substr(op.owner.rfind('/') + 1);
  const bool failed = !op.failure.empty();
  if (kind == "FlinkStateSnapshot") {
    effects.kube.push_back(edit_status(kind, ns, name, [op, failed, now](json& status) {
      status["state"] = failed ? "FAILED" : "COMPLETED";
      status["resultTimestamp"] = std::to_string(now);
      if (failed) {
        status["error"] = op.failure;
        status["failures"] = 1;
      } else {
        status["path"] = op.location;
      }
    }));
  }
  if (failed || op.kind == "checkpoint") return;
  // The job's resource shows the savepoint, as the operator's savepointInfo does.
  const std::string job_kind = job->second.operator_kind.empty() ? kind : job->second.operator_kind;
  if (job_kind != "FlinkDeployment" && job_kind != "FlinkSessionJob") return;
  const std::string trigger_type = op.kind == "stop" ? "UPGRADE" : "MANUAL";
  effects.kube.push_back(edit_status(job_kind, ns, job->second.operator_name, [op, now, trigger_type](json& status) {
    json& info = status["jobStatus"]["savepointInfo"];
    json savepoint{{"location", op.location}, {"timeStamp", now}, {"triggerType", trigger_type},
                   {"formatType", "CANONICAL"}};
    info["lastSavepoint"] = savepoint;
    info["triggerId"] = "";
    info["triggerTimestamp"] = 0;
    if (!info.contains("savepointHistory")) info["savepointHistory"] = json::array();
    info["savepointHistory"].push_back(savepoint);
    if (trigger_type == "UPGRADE") status["jobStatus"]["upgradeSavepointPath"] = op.location;
  }));
}

// Suspensions and resumptions finish when their job gets there.
void Simulation::operator_phases(long long now, Effects& effects) {
  for (auto& [resource, memory] : operator_memory_) {
    if (memory.phase.empty()) continue;
    const auto first = resource.find('/');
    const auto second = resource.find('/', first + 1);
    const std::string kind = resource.substr(0, first);
    const std::string ns = resource.substr(first + 1, second - first - 1);
    const std::string name = resource.substr(second + 1);
    DemoJob* job = operator_job(kind, ns, name);
    if (job == nullptr) {
      memory.phase.clear();
      continue;
    }
    if (memory.phase == "suspending" && is_terminal(job->state)) {
      memory.phase.clear();
      if (kind == "FlinkDeployment") {
        auto& c = world_.clusters.at(job->cluster);
        c.running = false;  // the operator deletes the JobManager deployment and its pods
        effects.kube.push_back([c](KubeApiServer& kube) {
          kube.remove(r::kPods, c.ns, c.jobmanager_pod);
          for (const auto& tm : c.taskmanagers) kube.remove(r::kPods, c.ns, tm.pod);
        });
      }
      effects.kube.push_back(edit_status(kind, ns, name, [](json& status) {
        status["lifecycleState"] = "SUSPENDED";
        status["reconciliationStatus"]["state"] = "DEPLOYED";
        if (status.contains("jobManagerDeploymentStatus")) status["jobManagerDeploymentStatus"] = "MISSING";
      }));
    } else if (memory.phase == "resuming" && job->state == "RUNNING") {
      memory.phase.clear();
      effects.kube.push_back(edit_status(kind, ns, name, [](json& status) {
        status["lifecycleState"] = "STABLE";
        if (status.contains("jobManagerDeploymentStatus")) status["jobManagerDeploymentStatus"] = "READY";
      }));
    }
  }
  (void)now;
}

}  // namespace flinktop::demo
