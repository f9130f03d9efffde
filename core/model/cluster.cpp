// Names of the cluster model's enums, as they appear in tables and in JSON output.
#include "core/model/cluster.hpp"

namespace flinktop::model {

std::string_view to_string(ClusterKind kind) noexcept {
  switch (kind) {
    case ClusterKind::OperatorApplication: return "operator-application";
    case ClusterKind::OperatorSession: return "operator-session";
    case ClusterKind::Native: return "native";
    case ClusterKind::Standalone: return "standalone";
  }
  return "unknown";
}

std::string_view to_string(PodRole role) noexcept {
  switch (role) {
    case PodRole::JobManager: return "jobmanager";
    case PodRole::TaskManager: return "taskmanager";
    case PodRole::Other: return "other";
  }
  return "other";
}

}  // namespace flinktop::model
