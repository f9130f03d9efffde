// Client: the actions (jar upload/run/delete, cancel, savepoint / stop / checkpoint triggers) and
// the polling of asynchronous operations.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "core/flink/json_read.hpp"
#include "core/flink/multipart.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::flink {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::Usage,
                fmt::format("cannot read jar {}: {}", text::one_line(path), std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::Usage, fmt::format("cannot read jar {}", text::one_line(path)));
  return std::move(content).str();
}

std::string file_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string seconds_text(milliseconds d) {
  return d.count() % 1000 == 0 ? fmt::format("{} s", d.count() / 1000)
                               : fmt::format("{:.1f} s", d.count() / 1000.0);
}

}  // namespace

std::string Client::upload_jar(const std::string& path, http::CancelToken* cancel) {
  MultipartForm form;
  form.add_file("jarfile", file_name(path), "application/x-java-archive", read_file(path));
  MultipartBody multipart = form.finish();
  Call call = get("/jars/upload", "upload jar " + text::one_line(file_name(path), 120));
  call.method = http::Method::Post;
  call.body = std::move(multipart.body);
  call.content_type = std::move(multipart.content_type);
  call.timeout = options_.long_call_timeout;
  nlohmann::json answer = fetch_json(call, cancel);
  std::string id = decode_uploaded_jar_id(answer);
  if (id.empty()) throw decode_error(answer.dump(), call.context, "the answer names no uploaded file");
  return id;
}

std::string Client::run_jar(const std::string& jar_id, const RunRequest& request, http::CancelToken* cancel) {
  Call call = get("/jars/" + path_segment(jar_id) + "/run", "run jar " + text::one_line(jar_id, 120));
  call.method = http::Method::Post;
  call.body = encode_run_request(request).dump();
  call.content_type = "application/json";
  call.timeout = options_.long_call_timeout;
  nlohmann::json answer = fetch_json(call, cancel);
  std::string job_id = json_read::string(answer, "jobid");
  if (job_id.empty()) throw decode_error(answer.dump(), call.context, "the answer names no job id");
  return job_id;
}

void Client::delete_jar(const std::string& jar_id, http::CancelToken* cancel) {
  Call call = get("/jars/" + path_segment(jar_id), "delete jar " + text::one_line(jar_id, 120));
  call.method = http::Method::Delete;
  exchange(call, cancel);
}

ResourceRequirements Client::resource_requirements(const std::string& job_id, http::CancelToken* cancel) {
  Call call = get("/jobs/" + path_segment(job_id) + "/resource-requirements",
                  "read the resource requirements of job " + text::one_line(job_id, 64), job_id);
  return decode_resource_requirements(fetch_json(call, cancel));
}

void Client::set_resource_requirements(const std::string& job_id, const ResourceRequirements& requirements,
                                       http::CancelToken* cancel) {
  Call call = get("/jobs/" + path_segment(job_id) + "/resource-requirements",
                  "set the resource requirements of job " + text::one_line(job_id, 64), job_id);
  call.method = http::Method::Put;
  call.body = encode_resource_requirements(requirements).dump();
  call.content_type = "application/json";
  exchange(call, cancel);
}

void Client::cancel(const std::string& job_id, http::CancelToken* cancel) {
  Call call = get("/jobs/" + path_segment(job_id) + "?mode=cancel",
                  "cancel job " + text::one_line(job_id, 64), job_id);
  call.method = http::Method::Patch;
  try {
    exchange(call, cancel);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::NotFound) throw;
    // Before 1.15 Flink answers 404 for a job that has ended (it is no longer running there),
    // where newer versions accept a repeated cancel and refuse to cancel a FINISHED job with 409.
    // Its state tells which of those the user meant; a job that really is unknown stays NotFound.
    std::string state;
    try {
      state = job(job_id, cancel).state;
    } catch (const Error& lookup) {
      if (lookup.kind() == ErrorKind::Cancelled) throw;
      throw e;
    }
    if (state == "CANCELED") return;
    if (!is_terminal_job_state(state)) {
      throw Error(ErrorKind::NotFound, fmt::format("cancel job {} failed on {}: Flink answered 404 although it lists "
                                                   "the job as {}; try again",
                                                   text::one_line(job_id, 64), endpoint_->describe(),
                                                   text::one_line(state, 32)));
    }
    throw Error(ErrorKind::Conflict, fmt::format("cancel job {} failed on {}: the job has already reached the "
                                                 "terminal state {}",
                                                 text::one_line(job_id, 64), endpoint_->describe(), state));
  }
}

std::string Client::trigger(const std::string& job_id, OperationKind kind, const nlohmann::json& body,
                            const std::string& trigger_id, http::CancelToken* cancel) {
  const char* route = kind == OperationKind::Savepoint           ? "/savepoints"
                      : kind == OperationKind::StopWithSavepoint ? "/stop"
                                                                 : "/checkpoints";
  const char* action = kind == OperationKind::Savepoint           ? "trigger a savepoint of job"
                       : kind == OperationKind::StopWithSavepoint ? "stop with a savepoint job"
                                                                  : "trigger a checkpoint of job";
  Call call = get("/jobs/" + path_segment(job_id) + route,
                  fmt::format("{} {}", action, text::one_line(job_id, 64)), job_id);
  call.method = http::Method::Post;
  call.body = body.dump();
  call.content_type = "application/json";
  call.context.needs_savepoint_dir = kind != OperationKind::Checkpoint;
  nlohmann::json answer = fetch_json(call, cancel);
  std::string returned = decode_trigger_id(answer);
  if (returned.empty()) throw decode_error(answer.dump(), call.context, "the answer has no request-id");
  if (trigger_id.empty()) {
    // Flink chose it; it is what the status URL takes, so it must be one we can send back.
    if (!is_valid_trigger_id(returned)) {
      throw decode_error(answer.dump(), call.context,
                         fmt::format("the request-id \"{}\" is no trigger id", text::one_line(returned, 64)));
    }
    return returned;
  }
  if (returned != trigger_id) {
    // Flink echoes the id it was given; anything else means the id was not understood.
    throw decode_error(
        answer.dump(), call.context,
        fmt::format("asked for trigger id {}, got {}", trigger_id, text::one_line(returned, 64)));
  }
  return returned;
}

namespace {

std::string checked_trigger_id(const std::string& requested) {
  if (requested.empty()) return new_trigger_id();
  if (!is_valid_trigger_id(requested)) {
    throw Error(ErrorKind::Usage, fmt::format("trigger id \"{}\" must be 32 lowercase hex characters",
                                              text::one_line(requested, 64)));
  }
  return requested;
}

}  // namespace

namespace {

// Flink before 1.15 answers a body with a field it does not know with 400 "Request did not match
// expected format SavepointTriggerRequestBody." (StopWithSavepointRequestBody for a stop).
bool rejects_the_body_format(const Error& e) {
  const std::string_view what = e.what();
  return e.kind() == ErrorKind::Invalid && what.find("did not match expected format") != std::string_view::npos &&
         what.find("RequestBody") != std::string_view::npos;
}

// Whether Flink may have acted on a request whose answer never came: yes after a stall, a cut
// connection or a proxy's 5xx; no when no connection was made (the transport then says "cannot
// connect to", "cannot resolve" or "the proxy refused": core/http/transfer_error.cpp).
bool answer_may_be_lost(const Error& e) {
  if (e.kind() == ErrorKind::Server) return true;
  if (e.kind() != ErrorKind::Timeout && e.kind() != ErrorKind::Connect) return false;
  const std::string_view what = e.what();
  for (std::string_view never_sent : {"cannot connect to ", "cannot resolve ", "the proxy refused "}) {
    if (what.starts_with(never_sent)) return false;
  }
  return true;
}

// The transport's own advice ends in "(...; retry)": wrong where a retry may take a second savepoint.
std::string without_retry_advice(std::string what) {
  const std::size_t open = what.rfind(" (");
  if (open != std::string::npos && what.back() == ')' && what.find("retry", open) != std::string::npos) {
    what.erase(open);
  }
  return what;
}

std::string_view operation_noun(OperationKind kind) {
  return kind == OperationKind::StopWithSavepoint ? "stop with a savepoint" : operation_name(kind);
}

}  // namespace

std::optional<FlinkVersion> Client::version_if_known(http::CancelToken* cancel) {
  try {
    return version(cancel);
  } catch (const Error& e) {
    // A cluster that cannot say its version still gets the trigger (and its own error, if any).
    if (e.kind() == ErrorKind::Cancelled) throw;
    return std::nullopt;
  }
}

Triggered Client::trigger_for_version(const std::string& job_id, OperationKind kind, const std::string& format,
                                      const std::string& trigger_id, const EncodeTrigger& encode,
                                      http::CancelToken* cancel) {
  const std::optional<FlinkVersion> version = version_if_known(cancel);
  // A version the cluster states wins over what an earlier rejection suggested (it may have been
  // upgraded behind the same address since).
  const bool known_older = version ? !version->at_least(1, 15) : takes_only_older_trigger_bodies_.load();
  std::string because =
      version ? fmt::format("Flink {} takes no trigger id", version->to_string())
              : std::string("the cluster takes no trigger id (it rejected the Flink 1.15+ request)");
  if (!known_older) {
    try {
      return {trigger(job_id, kind, encode(TriggerFields::Current), trigger_id, cancel), ""};
    } catch (const Error& e) {
      // A known 1.15+ cluster's 400 is its own; only an unknown one earns the second try.
      if (version || !rejects_the_body_format(e)) throw;
    }
    takes_only_older_trigger_bodies_ = true;
  }
  if (!is_canonical_format(format)) {
    throw Error(ErrorKind::Unsupported,
                fmt::format("a {} in {} format needs Flink 1.15 or newer; {} runs {}: take a canonical one "
                            "(drop --format)",
                            operation_noun(kind), text::one_line(format, 32), endpoint_->describe(),
                            version ? "Flink " + version->to_string() : "an older Flink"));
  }
  try {
    return {trigger(job_id, kind, encode(TriggerFields::Before115), "", cancel), because};
  } catch (const Error& e) {
    if (!answer_may_be_lost(e)) throw;
    throw Error(e.kind(), fmt::format("{}; {}, so the {} may have started anyway: look at the job's checkpoints "
                                      "before asking again",
                                      without_retry_advice(e.what()), because, operation_noun(kind)));
  }
}

Triggered Client::trigger_savepoint(const std::string& job_id, const SavepointRequest& request,
                                    http::CancelToken* cancel) {
  const std::string id = checked_trigger_id(request.trigger_id);
  return trigger_for_version(
      job_id, OperationKind::Savepoint, request.format, id,
      [&](TriggerFields fields) { return encode_savepoint_request(request, id, fields); }, cancel);
}

Triggered Client::stop_with_savepoint(const std::string& job_id, const StopRequest& request,
                                      http::CancelToken* cancel) {
  const std::string id = checked_trigger_id(request.trigger_id);
  return trigger_for_version(
      job_id, OperationKind::StopWithSavepoint, request.format, id,
      [&](TriggerFields fields) { return encode_stop_request(request, id, fields); }, cancel);
}

std::string Client::trigger_checkpoint(const std::string& job_id, const CheckpointRequest& request,
                                       http::CancelToken* cancel) {
  std::string id = checked_trigger_id(request.trigger_id);
  if (auto v = version(cancel); v && !v->at_least(1, 19)) {
    throw Error(ErrorKind::Unsupported,
                fmt::format("triggering a checkpoint needs Flink 1.19 or newer; {} runs Flink {}",
                            endpoint_->describe(), v->to_string()));
  }
  return trigger(job_id, OperationKind::Checkpoint, encode_checkpoint_request(request, id), id, cancel);
}

OperationStatus Client::operation_status(const std::string& job_id, OperationKind kind,
                                         const std::string& trigger_id, http::CancelToken* cancel) {
  return look_at_operation(job_id, kind, trigger_id, options_.call_timeout, cancel);
}

OperationStatus Client::look_at_operation(const std::string& job_id, OperationKind kind,
                                          const std::string& trigger_id, milliseconds timeout,
                                          http::CancelToken* cancel) {
  if (!is_valid_trigger_id(trigger_id)) {
    throw Error(ErrorKind::Usage, fmt::format("trigger id \"{}\" must be 32 lowercase hex characters",
                                              text::one_line(trigger_id, 64)));
  }
  // Stop-with-savepoint reports through the savepoint status route.
  const char* route = kind == OperationKind::Checkpoint ? "/checkpoints/" : "/savepoints/";
  Call call = get(
      "/jobs/" + path_segment(job_id) + route + trigger_id,
      fmt::format("read the {} status of job {}", operation_name(kind), text::one_line(job_id, 64)), job_id);
  call.context.status_of = kind;
  call.context.trigger_id = trigger_id;
  call.timeout = timeout;
  return decode_operation_status(fetch_json(call, cancel));
}

OperationStatus Client::wait_for_operation(const std::string& job_id, OperationKind kind,
                                           const std::string& trigger_id, const WaitOptions& options,
                                           http::CancelToken* cancel) {
  const auto deadline = Clock::now() + options.deadline;
  milliseconds delay = std::max(options.first_delay, milliseconds(1));
  while (true) {
    auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (remaining.count() > 0) {
      // Each look is bounded by what is left of the deadline, so the wait never overruns it.
      OperationStatus status =
          look_at_operation(job_id, kind, trigger_id, std::min(options_.call_timeout, remaining), cancel);
      if (status.completed) {
        if (status.failed()) {
          throw Error(ErrorKind::Server,
                      fmt::format("{} of job {} failed on {}: {}", operation_name(kind),
                                  text::one_line(job_id, 64), endpoint_->describe(), status.failure));
        }
        return status;
      }
      remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    }
    if (remaining.count() <= 0) {
      throw Error(ErrorKind::Timeout,
                  fmt::format("{} {} of job {} still in progress after {} on {}; Flink may still complete it "
                              "(see the job's checkpoints)",
                              operation_name(kind), trigger_id, text::one_line(job_id, 64),
                              seconds_text(options.deadline), endpoint_->describe()));
    }
    if (!http::sleep_unless_cancelled(std::min(delay, remaining), cancel)) {
      throw Error(ErrorKind::Cancelled, fmt::format("waiting for the {} of job {} was cancelled",
                                                    operation_name(kind), text::one_line(job_id, 64)));
    }
    delay = std::min(delay * 2, std::max(options.max_delay, milliseconds(1)));
  }
}

}  // namespace flinktop::flink
