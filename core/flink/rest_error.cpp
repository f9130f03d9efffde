#include "core/flink/rest_error.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/flink/error_text.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::flink {

namespace {

// A Kubernetes Status object: the service proxy itself failed, not Flink.
bool is_kube_status(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return false;
  auto kind = parsed.find("kind");
  return kind != parsed.end() && kind->is_string() && *kind == "Status";
}

bool mentions_missing_savepoint_dir(const std::string& message) {
  return message.find("is not set") != std::string::npos &&
         (message.find("target-directory") != std::string::npos ||
          message.find("targetDirectory") != std::string::npos ||
          message.find("savepoint") != std::string::npos);
}

std::string with_reason(const std::string& message) {
  return message.empty() ? "" : ": " + message;
}

}  // namespace

Error rest_error(const http::Response& response, const CallContext& c) {
  const std::string said = error_body_message(response.body);
  const long status = response.status;
  const bool from_proxy = is_kube_status(response.body);

  if (status == 404 && c.status_of && !from_proxy) {
    return Error(ErrorKind::NotFound,
                 fmt::format("no result for {} {} of job {} on {}: it expired (Flink keeps results for "
                             "rest.async.store-duration, 5 min by default) or was never triggered there",
                             operation_name(*c.status_of), c.trigger_id, c.job_id, c.endpoint));
  }
  // A 404 on a job's URL means the job is gone, unless Flink says it is the vertex that is missing.
  if (status == 404 && !c.job_id.empty() && !from_proxy && said.find("ertex") == std::string::npos) {
    return Error(ErrorKind::NotFound, fmt::format("job {} not found on {}", c.job_id, c.endpoint));
  }
  if (status == 400 && c.needs_savepoint_dir && mentions_missing_savepoint_dir(said)) {
    return Error(
        ErrorKind::Invalid,
        fmt::format("{} failed on {}: no savepoint directory given and the cluster has no default; pass "
                    "--dir DIR, or set execution.checkpointing.savepoint-dir (state.savepoints.dir before "
                    "Flink 1.20) in the Flink configuration",
                    c.action, c.endpoint));
  }
  switch (status) {
    case 400:
    case 422:
      return Error(ErrorKind::Invalid,
                   fmt::format("{} rejected by {} ({}){}", c.action, c.endpoint, status, with_reason(said)));
    case 401:
      return Error(ErrorKind::Unauthorized,
                   fmt::format("{} failed: {} rejected the credentials (401 Unauthorized){}", c.action,
                               c.endpoint, with_reason(said)));
    case 403:
      return Error(ErrorKind::Forbidden, fmt::format("{} failed: not allowed by {} (403 Forbidden){}",
                                                     c.action, c.endpoint, with_reason(said)));
    case 404:
      return Error(ErrorKind::NotFound, fmt::format("{} failed: not found on {} (404){}", c.action,
                                                    c.endpoint, with_reason(said)));
    case 405:
      return Error(ErrorKind::Unsupported, fmt::format("{} failed: {} does not support it (405){}", c.action,
                                                       c.endpoint, with_reason(said)));
    case 409:
      return Error(ErrorKind::Conflict,
                   fmt::format("{} failed on {} (409 Conflict){}", c.action, c.endpoint, with_reason(said)));
    default: break;
  }
  if (from_proxy && (status == 502 || status == 503)) {
    return Error(ErrorKind::Connect, fmt::format("{} failed: cannot reach Flink through {} ({}){}", c.action,
                                                 c.endpoint, status, with_reason(said)));
  }
  return Error(ErrorKind::Server,
               fmt::format("{} failed on {} (HTTP {}){}", c.action, c.endpoint, status, with_reason(said)));
}

Error decode_error(const std::string& body, const CallContext& c, const std::string& problem) {
  std::string what = problem;
  if (what.empty()) {
    std::string start = text::one_line(std::string_view(body).substr(0, 80), 60);
    what = body.empty() ? "an empty body" : fmt::format("not JSON (it starts with \"{}\")", start);
  }
  return Error(ErrorKind::Decode,
               fmt::format("{} failed: unexpected answer from {}: {}; is this a Flink REST endpoint?",
                           c.action, c.endpoint, what));
}

}  // namespace flinktop::flink
