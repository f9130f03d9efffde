#include "core/flink/types/operation.hpp"

#include <random>

#include "core/flink/error_text.hpp"
#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

std::string new_trigger_id() {
  // std::random_device is the OS's CSPRNG on Linux; a collision would merge two operations.
  thread_local std::mt19937_64 rng{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = rng();
    for (int i = 0; i < 16; ++i) id[half * 16 + i] = kHex[(bits >> (i * 4)) & 0xF];
  }
  return id;
}

bool is_valid_trigger_id(std::string_view id) noexcept {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string_view operation_name(OperationKind kind) noexcept {
  switch (kind) {
    case OperationKind::Savepoint: return "savepoint";
    case OperationKind::StopWithSavepoint: return "stop-with-savepoint";
    case OperationKind::Checkpoint: return "checkpoint";
  }
  return "operation";
}

bool is_canonical_format(std::string_view format) noexcept {
  constexpr std::string_view kCanonical = "CANONICAL";
  if (format.empty()) return true;
  if (format.size() != kCanonical.size()) return false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i] >= 'a' && format[i] <= 'z' ? static_cast<char>(format[i] - 'a' + 'A') : format[i];
    if (c != kCanonical[i]) return false;
  }
  return true;
}

namespace {

// Flink's enum names are upper case ("canonical" is refused by 1.15+).
std::string upper(std::string s) {
  for (char& c : s) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  return s;
}

}  // namespace

json encode_savepoint_request(const SavepointRequest& r, const std::string& trigger_id, TriggerFields fields) {
  json body = json::object();
  if (!r.target_directory.empty()) body["target-directory"] = r.target_directory;
  body["cancel-job"] = r.cancel_job;
  if (fields == TriggerFields::Current) {
    if (!r.format.empty()) body["formatType"] = upper(r.format);
    body["triggerId"] = trigger_id;
  }
  return body;
}

json encode_stop_request(const StopRequest& r, const std::string& trigger_id, TriggerFields fields) {
  json body = json::object();
  if (!r.target_directory.empty()) body["targetDirectory"] = r.target_directory;
  body["drain"] = r.drain;
  if (fields == TriggerFields::Current) {
    if (!r.format.empty()) body["formatType"] = upper(r.format);
    body["triggerId"] = trigger_id;
  }
  return body;
}

json encode_checkpoint_request(const CheckpointRequest& r, const std::string& trigger_id) {
  json body = json::object();
  if (!r.type.empty()) body["checkpointType"] = r.type;
  body["triggerId"] = trigger_id;
  return body;
}

std::string decode_trigger_id(const json& j) {
  return string(j, "request-id");
}

OperationStatus decode_operation_status(const json& j) {
  OperationStatus out;
  out.completed = string(object(j, "status"), "id") == "COMPLETED";
  const json& op = object(j, "operation");
  out.location = string(op, "location");
  out.checkpoint_id = optional_integer(op, "checkpointId");
  // Savepoints say "failure-cause", checkpoints "failureCause": {class, stack-trace, serialized-throwable}.
  if (const json* cause = find_any(op, {"failure-cause", "failureCause"})) {
    std::string trace = cause->is_string() ? cause->get<std::string>() : string(*cause, "stack-trace");
    out.failure = java_message(trace);
    if (out.failure.empty()) out.failure = string(*cause, "class", "failed (Flink gave no reason)");
  }
  return out;
}

}  // namespace flinktop::flink
