// A core/v1 Event: what happened to which object, how often, and when it was last seen.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/kube/objects/object_meta.hpp"

namespace flinktop::kube {

struct InvolvedObject {
  std::string kind;
  std::string name;
  std::string namespace_;
  std::string uid;
};

struct Event {
  ObjectMeta meta;
  InvolvedObject involved_object;
  std::string type;  // Normal, Warning
  std::string reason;
  std::string message;
  int count = 1;
  std::optional<Timestamp> first_timestamp;
  std::optional<Timestamp> last_timestamp;
  std::optional<Timestamp> event_time;  // newer reporters set this instead of first/last timestamp
  std::string reporting_component;      // reportingComponent, else source.component

  // When it last happened: lastTimestamp, else eventTime, else firstTimestamp, else creation.
  Timestamp last_seen() const;

  static Event from_json(const nlohmann::json& j);
};

}  // namespace flinktop::kube
