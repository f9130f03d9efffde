// Turns an API server's error response into a flinktop::Error with one line a user can act on:
// which context, verb, resource and namespace; the server's own words (its Status message); and,
// for a 401, which credential was rejected (never its value).
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/http/request.hpp"

namespace flinktop::kube {

struct RequestTarget {
  std::string context;
  std::string verb;        // list, watch, get, create, patch, delete, get logs of
  std::string resource;    // "pods", "flinkdeployments.flink.apache.org"
  std::string name;        // may be empty
  std::string namespace_;  // may be empty (all namespaces / cluster-scoped)
  std::string credential;  // Credentials::describe(), for 401s
  std::string server;
};

Error api_error(const http::Response& response, const RequestTarget& target);

// The `message` of a Kubernetes Status body, or the body's first line when it is not JSON.
std::string status_message(std::string_view body);

}  // namespace flinktop::kube
