// GET/PUT /jobs/:id/resource-requirements (Flink 1.18+): the parallelism bounds per job vertex that
// the adaptive scheduler runs the job within. Raising the upper bound rescales a running job in
// place (same job id, state restored from its last checkpoint) once Flink's cooldown has passed;
// the default scheduler refuses the call.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace flinktop::flink {

struct VertexRequirement {
  std::string vertex_id;
  std::int64_t lower_bound = 1;
  std::int64_t upper_bound = 1;
};
using ResourceRequirements = std::vector<VertexRequirement>;

// Vertices in the answer's order; entries that are not objects or lack bounds are skipped.
ResourceRequirements decode_resource_requirements(const nlohmann::json& j);
nlohmann::json encode_resource_requirements(const ResourceRequirements& requirements);

// Every vertex's upper bound set to `parallelism`, and its lower bound lowered to it where higher
// (a lower bound above the upper one is refused by Flink).
ResourceRequirements with_parallelism(ResourceRequirements requirements, std::int64_t parallelism);

}  // namespace flinktop::flink
