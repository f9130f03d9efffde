// Where a savepoint goes when the user names no directory, and who says so. The savepoint dialogs
// pre-fill it and name its source, so that nobody types a path the cluster already knows — and
// nobody is surprised by where Flink puts it. Pure: it reads what the sync side already holds.
#pragma once

#include <string>

#include "core/actions/job_actions.hpp"
#include "core/model/flink_snapshot.hpp"
#include "core/model/store.hpp"

namespace flinktop::actions {

struct SavepointDirDefault {
  std::string directory;  // "" when no configuration flinktop can see sets one
  std::string source;     // "FlinkDeployment flink/orders, spec.flinkConfiguration state.savepoints.dir"
};

// The keys that name the default directory, the current one first (Flink 1.20 renamed
// state.savepoints.dir, which 2.x still reads).
inline constexpr const char* kSavepointDirKeys[] = {"execution.checkpointing.savepoint-dir", "state.savepoints.dir"};

// Operator-managed jobs: the FlinkSessionJob's then the FlinkDeployment's spec.flinkConfiguration
// (what the operator uses), then the JobManager's configuration. Other jobs: the JobManager's
// configuration (GET /jobmanager/config), then a FlinkDeployment's. `flink` and `context` may be
// null (not read yet, or no Kubernetes).
SavepointDirDefault default_savepoint_dir(const JobRef& job, const model::FlinkClusterSnapshot* flink,
                                          const model::ContextSnapshot* context);

}  // namespace flinktop::actions
