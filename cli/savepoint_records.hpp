// The savepoints of the selected clusters (or of one job), from every source that knows them: each
// job's checkpoint statistics, the operator's resources, and flinktop's journal — merged, newest
// first. For `get savepoints` and for `restore --from latest`.
#pragma once

#include <ostream>
#include <vector>

#include "cli/cluster_targets.hpp"
#include "cli/job_listing.hpp"
#include "core/model/savepoint_history.hpp"

namespace flinktop::cli {

// `only`: one job of `listing` (null = every job). A journal that cannot be read is said on `err`.
std::vector<model::SavepointRecord> collect_savepoints(const ClusterTargets& targets, const JobListing& listing,
                                                       const JobRow* only, std::ostream& err);

}  // namespace flinktop::cli
