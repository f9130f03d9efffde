// Asynchronous operations: savepoint, stop-with-savepoint and checkpoint triggers and their status.
// A trigger answers {"request-id"}; the status URL answers IN_PROGRESS or COMPLETED, and COMPLETED
// carries either the result (a location, a checkpoint id) or a failure cause. A caller-made trigger
// id (32 lowercase hex characters) makes a retried trigger idempotent: Flink runs it once — from
// Flink 1.15 on. Older clusters reject a body with fields they do not know (triggerId and formatType
// came in 1.15), so they get the body without them and choose the trigger id themselves.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace flinktop::flink {

// A fresh random trigger id: 32 lowercase hex characters.
std::string new_trigger_id();
bool is_valid_trigger_id(std::string_view id) noexcept;

struct SavepointRequest {
  std::string target_directory;  // sent as "target-directory"; empty = the cluster's default
  std::string format;            // "CANONICAL" | "NATIVE"; empty = Flink's default (CANONICAL)
  bool cancel_job = false;
  std::string trigger_id;  // empty = a new one; set it to retry the same savepoint
};

struct StopRequest {
  std::string target_directory;  // sent as "targetDirectory" (sic, unlike the savepoint trigger)
  bool drain = false;            // emit MAX_WATERMARK first (flush windows/timers)
  std::string format;
  std::string trigger_id;
};

struct CheckpointRequest {
  std::string type;  // "CONFIGURED" | "FULL" | "INCREMENTAL"; empty = CONFIGURED
  std::string trigger_id;
};

enum class OperationKind { Savepoint, StopWithSavepoint, Checkpoint };

// Which fields a trigger body may carry: Current (1.15+: triggerId, formatType) or Before115.
enum class TriggerFields { Current, Before115 };

// What a started trigger left the caller: the id to poll the operation with, and whether asking
// again with the same request is safe.
struct Triggered {
  std::string trigger_id;  // the caller's, or the one Flink chose where it takes none
  // Empty: idempotent (a retry with the same trigger id is the same operation). Otherwise why not,
  // e.g. "Flink 1.13.6 takes no trigger id": a retry after a lost answer may start a second one.
  std::string not_idempotent_because;

  bool idempotent() const noexcept { return not_idempotent_because.empty(); }
};

std::string_view operation_name(OperationKind kind) noexcept;  // "savepoint", "stop-with-savepoint", ...

struct OperationStatus {
  bool completed = false;                     // COMPLETED (successfully or not) vs IN_PROGRESS
  std::string location;                       // savepoint / stop: where it was written
  std::optional<std::int64_t> checkpoint_id;  // checkpoint trigger
  std::string failure;  // one line from the failure cause; non-empty = the operation failed

  bool failed() const noexcept { return completed && !failure.empty(); }
};

// With TriggerFields::Before115 the body has neither triggerId nor formatType (the caller refuses a
// format other than canonical first: leaving it out means canonical).
nlohmann::json encode_savepoint_request(const SavepointRequest& request, const std::string& trigger_id,
                                        TriggerFields fields = TriggerFields::Current);
nlohmann::json encode_stop_request(const StopRequest& request, const std::string& trigger_id,
                                   TriggerFields fields = TriggerFields::Current);
// True for "", "CANONICAL" (any case): what a cluster before 1.15 writes anyway.
bool is_canonical_format(std::string_view format) noexcept;
nlohmann::json encode_checkpoint_request(const CheckpointRequest& request, const std::string& trigger_id);
// "request-id" of a trigger answer; "" when absent.
std::string decode_trigger_id(const nlohmann::json& j);
OperationStatus decode_operation_status(const nlohmann::json& j);

}  // namespace flinktop::flink
