// What the demo starts with. Default: three clusters of the three kinds flinktop tells apart — an
// operator application cluster, an operator session cluster with two FlinkSessionJobs (and two jobs
// submitted by hand), and a plain-YAML standalone cluster — about ten jobs. At scale N: N pods in
// clusters of one JobManager and four TaskManagers, one job each (N/5 jobs), 50 clusters per
// namespace, the three kinds in turn.
#pragma once

#include <random>
#include <string>

#include "demo/world.hpp"

namespace flinktop::demo {

// `scale` 0 = the default three clusters; otherwise the number of pods (clamped to 5..10,000).
World make_world(int scale, std::mt19937_64& rng, long long now_ms);

// A new job of `cluster` named `name`, in state CREATED, with vertices of a plausible pipeline.
DemoJob make_job(const DemoCluster& cluster, const std::string& name, std::mt19937_64& rng, long long now_ms);

// 32 lowercase hex characters: job, vertex and trigger ids.
std::string random_hex(std::mt19937_64& rng, int length = 32);

}  // namespace flinktop::demo
