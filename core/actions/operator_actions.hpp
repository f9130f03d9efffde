// Acting on an operator-managed job the way the Flink Kubernetes Operator expects: through its
// custom resource, never behind its back. suspend/resume = spec.job.state; savepoint = a
// FlinkStateSnapshot (operator >= 1.10) or a bump of spec.job.savepointTriggerNonce; restart =
// spec.restartNonce; cancel for good = delete the resource.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/kube/api_client.hpp"

namespace flinktop::actions {

struct OperatorResource {
  std::shared_ptr<kube::ApiClient> client;
  std::string namespace_;
  std::string name;
  bool session_job = false;  // a FlinkSessionJob rather than a FlinkDeployment
  // Passed to every call on the resource and to the waits between polls (null: none).
  http::CancelToken* cancel = nullptr;

  const kube::ResourceType& type() const;
  std::string kind() const { return session_job ? "FlinkSessionJob" : "FlinkDeployment"; }
};

struct SavepointOptions {
  std::string path;             // target directory; empty = the job's configured default
  std::string format_type;      // CANONICAL | NATIVE; empty = CANONICAL
  bool dispose_on_delete = false;
};

struct SavepointRequested {
  // "FlinkStateSnapshot <name>" or "savepointTriggerNonce <n>": what the user can watch.
  std::string how;
  std::string snapshot_name;  // empty when the nonce was bumped
};

// A JSON patch of `operations` guarded by a test of the resourceVersion `read` (the object as read
// before deciding them): a change made meanwhile is refused, never overwritten, and said as
// Error(Conflict) naming both versions — the API server itself only answers 422 "an error in our
// request" for the failed test. Returns the patched object.
nlohmann::json guarded_patch(const OperatorResource& target, const nlohmann::json& read,
                             const nlohmann::json& operations, bool dry_run);

// Each throws flinktop::Error with the API server's words when it refuses (RBAC, validation).
// `dry_run` validates on the server without changing anything.
void set_job_state(const OperatorResource& target, const std::string& state, bool dry_run = false);  // running | suspended
SavepointRequested request_savepoint(const OperatorResource& target, const SavepointOptions& options,
                                     bool dry_run = false);
// Waits until the operator reports the requested savepoint done and returns its location: the
// FlinkStateSnapshot's status, or (nonce route) a lastSavepoint newer than `requested_at`. Polls
// every `interval`; Error(Server) with the operator's error when it failed, Error(Timeout) after
// `deadline`.
std::string wait_for_savepoint(const OperatorResource& target, const SavepointRequested& requested,
                               std::chrono::system_clock::time_point requested_at,
                               std::chrono::milliseconds deadline = std::chrono::minutes(10),
                               std::chrono::milliseconds interval = std::chrono::seconds(1));
// Returns the new restartNonce.
long long restart(const OperatorResource& target, bool dry_run = false);

struct ParallelismChange {
  long long before = 0;     // spec.job.parallelism as it was (0: unset)
  std::string upgrade_mode;  // spec.job.upgradeMode: how the operator redeploys (stateless when unset)
};
// Sets spec.job.parallelism, guarded by the resourceVersion just read: a change made meanwhile
// fails (the server's words) instead of being overwritten. Error(Invalid) for a resource without
// spec.job (a session cluster).
ParallelismChange set_parallelism(const OperatorResource& target, long long parallelism, bool dry_run = false);
// Sets spec.job.initialSavepointPath (and allowNonRestoredState when asked) and bumps
// spec.job.savepointRedeployNonce: the operator redeploys the job from that savepoint whatever its
// upgradeMode. Guarded by the resourceVersion like set_parallelism. A CRD without the nonce
// (operator before 1.8) is found by a server dry run first — the field is pruned from its answer —
// and refused with Error(Unsupported) before anything changes. Returns the new nonce.
long long redeploy_from_savepoint(const OperatorResource& target, const std::string& savepoint,
                                  bool allow_non_restored_state, bool dry_run = false);
void delete_resource(const OperatorResource& target, bool dry_run = false);

// Name for a new FlinkStateSnapshot: "<resource>-savepoint-<yyyymmdd-hhmmss>", cut to fit the
// 253-character limit of object names.
std::string snapshot_name_for(const std::string& resource, std::chrono::system_clock::time_point now);

}  // namespace flinktop::actions
