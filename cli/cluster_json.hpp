// The stable JSON shape of `get clusters -o json` and `get pods -o json` (documented in
// man/flinktop.1, section JSON OUTPUT). Keys keep their order so the output reads well.
// Changing a key or its meaning is a breaking change for scripts.
#pragma once

#include <nlohmann/json.hpp>

#include "core/model/cluster.hpp"

namespace flinktop::cli {

nlohmann::ordered_json cluster_to_json(const model::Cluster& cluster);
nlohmann::ordered_json pod_to_json(const model::Cluster& cluster, const model::ClusterPod& pod);

}  // namespace flinktop::cli
