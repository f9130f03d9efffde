// What `flinktop logs TARGET` follows. TARGET is, in this order:
//   a pod of a Flink cluster (NAME or NAMESPACE/NAME)      → that pod
//   a cluster (NAME or NAMESPACE/NAME)                     → its JobManager and TaskManagers
//   a standalone TaskManager id ("10.0.0.7:6122-3f2a1b")    → its pod
//   a job (id, unique id prefix, name, operator resource)  → the TaskManagers running its tasks
//                                                            (all of its cluster's when none do)
// --all-taskmanagers makes it every TaskManager of the target's cluster (and only those).
// With --flink-url there are no pods: TARGET is "jobmanager", a TaskManager id, a job, or nothing
// (the whole cluster), and the lines are the REST log files.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/cluster_targets.hpp"
#include "cli/global_options.hpp"
#include "core/kube/api_client.hpp"
#include "core/logs/log_plan.hpp"
#include "core/logs/log_source.hpp"

namespace flinktop::cli {

struct LogTargetQuery {
  std::string target;
  std::string cluster;  // --cluster: narrows where TARGET is looked for
  bool all_taskmanagers = false;
  std::string container;  // -c
  bool previous = false;  // -p: the previous containers (so no REST log file stands in for a pod)
};

struct LogTargets {
  std::shared_ptr<kube::ApiClient> api;  // null with --flink-url
  std::vector<logs::PodLogTarget> pods;
  std::vector<logs::RestLogFile> rest_files;
  std::string description;  // what is followed: "the JobManager and TaskManagers of streaming/orders: ..."
  std::string problem;      // why nothing (or less than asked) is followed; "" when all is well
  std::vector<std::string> notes;  // said once on stderr (fallbacks, what is shown)
};

class LogTargetResolver {
 public:
  LogTargetResolver(const GlobalOptions& global, LogTargetQuery query, std::ostream& err);

  // The first look. Throws Error: NotFound (nothing matches), Usage (ambiguous, several contexts).
  LogTargets resolve();
  // Whether a later look may find other pods (a cluster's or a job's, not a single pod's).
  bool changes() const noexcept { return changes_; }
  // A fresh look for `flinktop logs -f`: TaskManagers that joined or left. Throws like resolve().
  LogTargets refresh();

 private:
  LogTargets resolve_kube(const ClusterTargets& targets);
  LogTargets resolve_flink_url(const ClusterTargets& targets);
  // What logs::plan_logs makes of `input` in `target`'s cluster, with the notes of a first look.
  LogTargets planned(const ClusterTarget& target, const logs::LogPlanInput& input);

  // After the first look: only the context and namespace where the target was found are looked
  // at again (a refresh every few seconds must not list every namespace of every context).
  void narrow_to(const model::Cluster& cluster);

  const GlobalOptions& global_;
  std::optional<GlobalOptions> narrowed_;
  std::string narrowed_cluster_;
  LogTargetQuery query_;
  std::ostream& err_;
  bool changes_ = false;
  bool first_ = true;
};

}  // namespace flinktop::cli
