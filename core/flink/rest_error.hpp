// A failed Flink REST call as one flinktop::Error: the kind follows the HTTP status, the message
// says what was attempted, where, and Flink's own reason (the human part of its Java exception).
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/flink/types/operation.hpp"
#include "core/http/request.hpp"

namespace flinktop::flink {

struct CallContext {
  std::string action;                // "cancel job 9f7b…", "read the TaskManagers": what the user asked for
  std::string endpoint;              // Endpoint::describe()
  std::string job_id;                // set when a 404 means the job is gone
  bool needs_savepoint_dir = false;  // a 400 "Config key [...] is not set" gets the hint
  std::optional<OperationKind> status_of;  // a 404 means the async result expired
  std::string trigger_id;
};

// For a non-2xx response.
Error rest_error(const http::Response& response, const CallContext& context);

// For a 2xx body that is not the JSON expected.
Error decode_error(const std::string& body, const CallContext& context, const std::string& problem = {});

}  // namespace flinktop::flink
