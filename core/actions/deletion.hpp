// What deleting a Flink cluster or job means, for the TUI's ctrl-d and `flinktop delete` alike:
// which Kubernetes object stands for it (a FlinkDeployment, a FlinkSessionJob, a native cluster's
// JobManager Deployment — never a guess at a standalone cluster's objects), and what goes with it.
#pragma once

#include <string>
#include <vector>

#include "core/actions/object_edit.hpp"
#include "core/model/cluster.hpp"
#include "core/model/store.hpp"

namespace flinktop::actions {

// The object to delete for cluster `c` (for the job `selected_job_id` in it, when given): a
// FlinkSessionJob, the FlinkDeployment, a native cluster's JobManager Deployment (which owns the
// rest of the cluster). Empty key + `refusal` (one line, without key hints) when nothing sensible
// is deleted: a job submitted directly, a standalone cluster.
ObjectKey deletion_target(const model::Cluster& c, const std::string& selected_job_id, std::string& refusal);

// What Kubernetes and the operator do on the delete, one line each.
std::vector<std::string> deletion_consequences(const ObjectKey& key);

// The FlinkStateSnapshots `key` owns (ownerReferences) that dispose of their savepoint data when
// deleted: Kubernetes deletes them with their owner. One line each: name and savepoint path.
std::vector<std::string> disposed_savepoints(const model::ContextSnapshot& snapshot, const ObjectKey& key);

}  // namespace flinktop::actions
