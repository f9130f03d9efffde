#include "core/flink/types/checkpoints.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

namespace {

StatsSummary decode_summary(const json& s) {
  StatsSummary out;
  out.min = integer(s, "min");
  out.max = integer(s, "max");
  out.avg = integer(s, "avg");
  out.p50 = number(s, "p50");
  out.p90 = number(s, "p90");
  out.p95 = number(s, "p95");
  out.p99 = number(s, "p99");
  out.p999 = number(s, "p999");
  return out;
}

std::optional<Checkpoint> optional_checkpoint(const json& latest, std::string_view key) {
  const json* c = find(latest, key);
  if (!c || !c->is_object()) return std::nullopt;
  return decode_checkpoint(*c);
}

}  // namespace

Checkpoint decode_checkpoint(const json& c) {
  Checkpoint out;
  out.id = integer(c, "id");
  out.class_name = string_any(c, {"className", "@class"});  // "@class" before 1.15
  out.status = string(c, "status");
  out.is_savepoint = boolean(c, "is_savepoint");
  out.checkpoint_type = string(c, "checkpoint_type");
  out.savepoint_format = string(c, "savepointFormat");
  out.trigger_timestamp = integer(c, "trigger_timestamp");
  out.latest_ack_timestamp = integer(c, "latest_ack_timestamp", -1);
  out.state_size = integer(c, "state_size");
  out.checkpointed_size = optional_integer(c, "checkpointed_size");
  out.end_to_end_duration = integer(c, "end_to_end_duration");
  out.num_subtasks = integer(c, "num_subtasks");
  out.num_acknowledged_subtasks = integer(c, "num_acknowledged_subtasks");
  out.external_path = string(c, "external_path");
  out.discarded = boolean(c, "discarded");
  out.failure_message = string(c, "failure_message");
  out.failure_timestamp = integer(c, "failure_timestamp");
  return out;
}

CheckpointStats decode_checkpoint_stats(const json& j) {
  CheckpointStats out;
  const json& counts = object(j, "counts");
  out.counts.restored = integer(counts, "restored");
  out.counts.total = integer(counts, "total");
  out.counts.in_progress = integer(counts, "in_progress");
  out.counts.completed = integer(counts, "completed");
  out.counts.failed = integer(counts, "failed");

  const json& summary = object(j, "summary");
  out.summary.state_size = decode_summary(object(summary, "state_size"));
  out.summary.checkpointed_size = decode_summary(object(summary, "checkpointed_size"));
  out.summary.end_to_end_duration = decode_summary(object(summary, "end_to_end_duration"));

  const json& latest = object(j, "latest");
  out.latest.completed = optional_checkpoint(latest, "completed");
  out.latest.savepoint = optional_checkpoint(latest, "savepoint");
  out.latest.failed = optional_checkpoint(latest, "failed");
  if (const json* r = find(latest, "restored"); r && r->is_object()) {
    out.latest.restored = RestoredCheckpoint{integer(*r, "id"), boolean(*r, "is_savepoint"),
                                             integer(*r, "restore_timestamp"), string(*r, "external_path")};
  }
  for (const auto& c : array(j, "history")) {
    if (c.is_object()) out.history.push_back(decode_checkpoint(c));
  }
  return out;
}

}  // namespace flinktop::flink
