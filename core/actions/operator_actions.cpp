#include "core/actions/operator_actions.hpp"

#include <fmt/format.h>

#include <ctime>

#include "core/kube/objects/flink_job.hpp"
#include "core/kube/objects/flink_state_snapshot.hpp"

#include "core/error.hpp"
#include "core/flink/types/operation.hpp"

namespace flinktop::actions {

namespace {

using nlohmann::json;

// The resourceVersion `read` was at, as the first operation of a JSON patch.
json version_test(const json& read) {
  return {{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", read["metadata"].value("resourceVersion", "")}};
}

}  // namespace

json guarded_patch(const OperatorResource& target, const json& read, const json& operations, bool dry_run) {
  json patch = json::array({version_test(read)});
  for (const json& op : operations) patch.push_back(op);
  try {
    return target.client->patch(target.type(), target.namespace_, target.name, patch, kube::PatchType::Json, dry_run,
                                "", target.cancel);
  } catch (const Error& e) {
    // A failed test is the API server's 422 "the server rejected our request due to an error in
    // our request": read the object again to tell a change made meanwhile from a real refusal.
    if (e.kind() != ErrorKind::Invalid) throw;
    std::string now;
    try {
      now = target.client->get(target.type(), target.namespace_, target.name, target.cancel)["metadata"].value(
          "resourceVersion", "");
    } catch (const Error&) {
      throw e;
    }
    const std::string then = read["metadata"].value("resourceVersion", "");
    if (now == then) throw;
    throw Error(ErrorKind::Conflict,
                fmt::format("{} {}/{} changed meanwhile (resourceVersion {} → {}): nothing was overwritten; look at it "
                            "again and retry",
                            target.kind(), target.namespace_, target.name, then, now));
  }
}

namespace {

// Bumps a numeric field guarded by a JSON-patch "test" of the resourceVersion, so that two users
// bumping at once cannot both read n and both write n+1 (the second gets a conflict instead).
long long bump_counter(const OperatorResource& target, const std::string& pointer, bool dry_run) {
  json current = target.client->get(target.type(), target.namespace_, target.name, target.cancel);
  const json::json_pointer path(pointer);
  long long value = 0;
  if (current.contains(path) && current[path].is_number_integer()) value = current[path].get<long long>();
  const long long next = value + 1;
  if (pointer.rfind("/spec/job/", 0) == 0 && !current["spec"].contains("job")) {
    throw Error(ErrorKind::Invalid, fmt::format("{} {}/{} has no spec.job: it is a session cluster, not a job",
                                                target.kind(), target.namespace_, target.name));
  }
  guarded_patch(target, current, json::array({{{"op", "add"}, {"path", pointer}, {"value", next}}}), dry_run);
  return next;
}

}  // namespace

const kube::ResourceType& OperatorResource::type() const {
  return session_job ? kube::resources::kFlinkSessionJobs : kube::resources::kFlinkDeployments;
}

void set_job_state(const OperatorResource& target, const std::string& state, bool dry_run) {
  if (state != "running" && state != "suspended") {
    throw Error(ErrorKind::Usage, fmt::format("job state must be running or suspended, not \"{}\"", state));
  }
  target.client->patch(target.type(), target.namespace_, target.name, json{{"spec", {{"job", {{"state", state}}}}}},
                       kube::PatchType::Merge, dry_run, "", target.cancel);
}

std::string snapshot_name_for(const std::string& resource, std::chrono::system_clock::time_point now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
  const std::string suffix = std::string("-savepoint-") + stamp;
  return resource.substr(0, 253 - suffix.size()) + suffix;
}

SavepointRequested request_savepoint(const OperatorResource& target, const SavepointOptions& options, bool dry_run) {
  if (target.client->serves(kube::resources::kFlinkStateSnapshots, target.cancel)) {
    json savepoint{{"formatType", options.format_type.empty() ? "CANONICAL" : options.format_type},
                   {"disposeOnDelete", options.dispose_on_delete},
                   {"alreadyExists", false}};
    if (!options.path.empty()) savepoint["path"] = options.path;
    const std::string name = snapshot_name_for(target.name, std::chrono::system_clock::now());
    json snapshot{{"apiVersion", kube::resources::kFlinkStateSnapshots.group_version()},
                  {"kind", "FlinkStateSnapshot"},
                  {"metadata", {{"name", name}, {"namespace", target.namespace_}}},
                  {"spec",
                   {{"backoffLimit", 1},
                    {"jobReference", {{"kind", target.kind()}, {"name", target.name}}},
                    {"savepoint", savepoint}}}};
    target.client->create(kube::resources::kFlinkStateSnapshots, target.namespace_, snapshot, dry_run, target.cancel);
    return {"FlinkStateSnapshot " + name, name};
  }
  // Operators before 1.10 have no FlinkStateSnapshot: the nonce is how they take a savepoint
  // (into the job's configured savepoint directory; a path cannot be chosen this way).
  if (!options.path.empty()) {
    throw Error(ErrorKind::Unsupported,
                "this Flink operator has no FlinkStateSnapshot resource (operator < 1.10): a savepoint "
                "goes to the job's configured directory; run again without a directory");
  }
  if (!flink::is_canonical_format(options.format_type)) {
    throw Error(ErrorKind::Unsupported,
                "this Flink operator has no FlinkStateSnapshot resource (operator < 1.10): it takes savepoints in "
                "the format of kubernetes.operator.savepoint.format.type; run again without --format");
  }
  const long long nonce = bump_counter(target, "/spec/job/savepointTriggerNonce", dry_run);
  return {fmt::format("savepointTriggerNonce {}", nonce), ""};
}

std::string wait_for_savepoint(const OperatorResource& target, const SavepointRequested& requested,
                               std::chrono::system_clock::time_point requested_at, std::chrono::milliseconds deadline,
                               std::chrono::milliseconds interval) {
  const auto give_up = std::chrono::steady_clock::now() + deadline;
  while (true) {
    if (!requested.snapshot_name.empty()) {
      const kube::FlinkStateSnapshot snapshot = kube::FlinkStateSnapshot::from_json(
          target.client->get(kube::resources::kFlinkStateSnapshots, target.namespace_, requested.snapshot_name,
                             target.cancel));
      const std::string& state = snapshot.status.state;
      if (state == "COMPLETED") return snapshot.status.path;
      if (state == "FAILED" || state == "ABANDONED") {
        throw Error(ErrorKind::Server, fmt::format("FlinkStateSnapshot {}/{} {}: {}", target.namespace_,
                                                   requested.snapshot_name, state,
                                                   snapshot.status.error.empty() ? "no reason given" : snapshot.status.error));
      }
    } else {
      const json object = target.client->get(target.type(), target.namespace_, target.name, target.cancel);
      const kube::FlinkJobStatus status =
          kube::FlinkJobStatus::from_json(object.value("status", json::object()).value("jobStatus", json::object()));
      const auto& last = status.savepoint_info.last_savepoint;
      // The operator's timestamps have millisecond resolution and come from another clock.
      if (last && last->time_stamp && *last->time_stamp + std::chrono::seconds(2) >= requested_at &&
          status.savepoint_info.trigger_id.empty()) {
        return last->location;
      }
    }
    if (std::chrono::steady_clock::now() + interval > give_up) {
      throw Error(ErrorKind::Timeout, fmt::format("the operator did not report the savepoint ({}) of {} {}/{} within {} s",
                                                  requested.how, target.kind(), target.namespace_, target.name,
                                                  std::chrono::duration_cast<std::chrono::seconds>(deadline).count()));
    }
    if (!http::sleep_unless_cancelled(interval, target.cancel)) {
      throw Error(ErrorKind::Cancelled, fmt::format("waiting for the savepoint ({}) of {} {}/{} was cancelled",
                                                    requested.how, target.kind(), target.namespace_, target.name));
    }
  }
}

long long restart(const OperatorResource& target, bool dry_run) {
  return bump_counter(target, "/spec/restartNonce", dry_run);
}

ParallelismChange set_parallelism(const OperatorResource& target, long long parallelism, bool dry_run) {
  if (parallelism < 1) throw Error(ErrorKind::Usage, fmt::format("parallelism must be 1 or more, not {}", parallelism));
  json current = target.client->get(target.type(), target.namespace_, target.name, target.cancel);
  const json& job = current["spec"].contains("job") ? current["spec"]["job"] : json();
  if (!job.is_object()) {
    throw Error(ErrorKind::Invalid, fmt::format("{} {}/{} has no spec.job: it is a session cluster, not a job",
                                                target.kind(), target.namespace_, target.name));
  }
  ParallelismChange change;
  if (job.contains("parallelism") && job["parallelism"].is_number_integer()) change.before = job["parallelism"].get<long long>();
  change.upgrade_mode = job.value("upgradeMode", "stateless");
  guarded_patch(target, current, json::array({{{"op", "add"}, {"path", "/spec/job/parallelism"}, {"value", parallelism}}}),
                dry_run);
  return change;
}

long long redeploy_from_savepoint(const OperatorResource& target, const std::string& savepoint,
                                  bool allow_non_restored_state, bool dry_run) {
  if (savepoint.empty()) throw Error(ErrorKind::Usage, "no savepoint path given to redeploy from");
  json current = target.client->get(target.type(), target.namespace_, target.name, target.cancel);
  const json& job = current["spec"].contains("job") ? current["spec"]["job"] : json();
  if (!job.is_object()) {
    throw Error(ErrorKind::Invalid, fmt::format("{} {}/{} has no spec.job: it is a session cluster, not a job",
                                                target.kind(), target.namespace_, target.name));
  }
  long long nonce = 0;
  if (job.contains("savepointRedeployNonce") && job["savepointRedeployNonce"].is_number_integer()) {
    nonce = job["savepointRedeployNonce"].get<long long>();
  }
  const long long next = nonce + 1;
  json operations = json::array();
  operations.push_back({{"op", "add"}, {"path", "/spec/job/initialSavepointPath"}, {"value", savepoint}});
  operations.push_back({{"op", "add"}, {"path", "/spec/job/savepointRedeployNonce"}, {"value", next}});
  if (allow_non_restored_state) {
    operations.push_back({{"op", "add"}, {"path", "/spec/job/allowNonRestoredState"}, {"value", true}});
  }
  const json checked = guarded_patch(target, current, operations, /*dry_run=*/true);
  const json::json_pointer nonce_path("/spec/job/savepointRedeployNonce");
  if (!checked.contains(nonce_path)) {
    throw Error(ErrorKind::Unsupported,
                fmt::format("the {} resource of this cluster has no spec.job.savepointRedeployNonce (Flink operator "
                            "before 1.8): set spec.job.initialSavepointPath and recreate {}/{} instead",
                            target.kind(), target.namespace_, target.name));
  }
  if (!dry_run) guarded_patch(target, current, operations, false);
  return next;
}

void delete_resource(const OperatorResource& target, bool dry_run) {
  target.client->remove(target.type(), target.namespace_, target.name, dry_run, target.cancel);
}

}  // namespace flinktop::actions
