#include "core/flink/types/resource_requirements.hpp"

#include <algorithm>

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

ResourceRequirements decode_resource_requirements(const json& j) {
  ResourceRequirements out;
  if (!j.is_object()) return out;
  for (const auto& [vertex_id, requirement] : j.items()) {
    const json& bounds = object(requirement, "parallelism");
    const auto lower = optional_integer(bounds, "lowerBound");
    const auto upper = optional_integer(bounds, "upperBound");
    if (!lower || !upper) continue;
    out.push_back({vertex_id, *lower, *upper});
  }
  return out;
}

json encode_resource_requirements(const ResourceRequirements& requirements) {
  json body = json::object();
  for (const VertexRequirement& r : requirements) {
    body[r.vertex_id]["parallelism"] = {{"lowerBound", r.lower_bound}, {"upperBound", r.upper_bound}};
  }
  return body;
}

ResourceRequirements with_parallelism(ResourceRequirements requirements, std::int64_t parallelism) {
  for (VertexRequirement& r : requirements) {
    r.upper_bound = parallelism;
    r.lower_bound = std::min(r.lower_bound, parallelism);
  }
  return requirements;
}

}  // namespace flinktop::flink
