// Decoding of Event.
#include "core/kube/objects/event.hpp"

#include <nlohmann/json.hpp>

namespace flinktop::kube {

namespace jf = json_fields;

Timestamp Event::last_seen() const {
  if (last_timestamp) return *last_timestamp;
  if (event_time) return *event_time;
  if (first_timestamp) return *first_timestamp;
  return meta.creation_timestamp;
}

Event Event::from_json(const nlohmann::json& j) {
  jf::require_object(j, "Event");
  Event e;
  e.meta = ObjectMeta::from_object(j);
  const auto& io = jf::object(j, "involvedObject");
  e.involved_object = {jf::string(io, "kind"), jf::string(io, "name"), jf::string(io, "namespace"),
                       jf::string(io, "uid")};
  e.type = jf::string(j, "type");
  e.reason = jf::string(j, "reason");
  e.message = jf::string(j, "message");
  const auto count = jf::integer(j, "count", 1);
  e.count = count < 1 ? 1 : count > INT32_MAX ? INT32_MAX : static_cast<int>(count);
  e.first_timestamp = jf::time(j, "firstTimestamp");
  e.last_timestamp = jf::time(j, "lastTimestamp");
  e.event_time = jf::time(j, "eventTime");
  e.reporting_component = jf::string(j, "reportingComponent");
  if (e.reporting_component.empty()) e.reporting_component = jf::string(jf::object(j, "source"), "component");
  return e;
}

}  // namespace flinktop::kube
