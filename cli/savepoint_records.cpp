#include "cli/savepoint_records.hpp"

#include <algorithm>
#include <mutex>

#include "cli/parallel.hpp"
#include "core/actions/journal.hpp"

namespace flinktop::cli {

namespace {

bool same_cluster(const model::SavepointRecord& r, const model::Cluster& c) {
  return r.context == c.context && r.namespace_ == c.namespace_ && r.cluster == c.name;
}

}  // namespace

std::vector<model::SavepointRecord> collect_savepoints(const ClusterTargets& targets, const JobListing& listing,
                                                       const JobRow* only, std::ostream& err) {
  std::vector<model::SavepointRecord> records;
  std::mutex records_mutex;
  for_each_parallel(listing.jobs.size(), kParallelCalls, [&](std::size_t i) {
    const JobRow& row = listing.jobs[i];
    const auto& client = targets.clusters[row.cluster].flink;
    if (!row.from_rest || !client || (only && &row != only)) return;
    try {
      auto found = model::flink_savepoints(targets.clusters[row.cluster].cluster, row.id, client->checkpoints(row.id));
      std::lock_guard lock(records_mutex);
      records.insert(records.end(), found.begin(), found.end());
    } catch (const Error&) {
      // Checkpoint statistics of a job that has just ended may be gone: the other sources remain.
    }
  });

  // The operator's resources, once per context snapshot.
  std::vector<const model::ContextSnapshot*> seen;
  for (const ClusterTarget& t : targets.clusters) {
    if (!t.snapshot || std::find(seen.begin(), seen.end(), t.snapshot.get()) != seen.end()) continue;
    seen.push_back(t.snapshot.get());
    std::vector<model::Cluster> clusters;
    for (const ClusterTarget& other : targets.clusters) {
      if (other.snapshot == t.snapshot) clusters.push_back(other.cluster);
    }
    auto found = model::operator_savepoints(*t.snapshot, clusters);
    records.insert(records.end(), found.begin(), found.end());
  }

  try {
    for (model::SavepointRecord& r : actions::journal_savepoints(actions::Journal().read(10'000))) {
      const bool selected = std::any_of(targets.clusters.begin(), targets.clusters.end(),
                                        [&](const ClusterTarget& t) { return same_cluster(r, t.cluster); });
      if (selected) records.push_back(std::move(r));
    }
  } catch (const Error& error) {
    err << "flinktop: " << error.what() << '\n';
  }

  if (only) {
    const model::Cluster& c = targets.clusters[only->cluster].cluster;
    std::erase_if(records, [&](const model::SavepointRecord& r) {
      return !same_cluster(r, c) || (r.job != only->id && r.job != only->name && r.job != only->resource);
    });
  }
  return model::merge_savepoints(std::move(records));
}

}  // namespace flinktop::cli
