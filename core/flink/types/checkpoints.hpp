// Checkpointing statistics of one job (GET /jobs/:id/checkpoints): counts, a summary of sizes and
// durations, the latest completed / savepoint / failed / restored checkpoint and the recent history.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace flinktop::flink {

struct CheckpointCounts {
  std::int64_t restored = 0;
  std::int64_t total = 0;
  std::int64_t in_progress = 0;
  std::int64_t completed = 0;
  std::int64_t failed = 0;
};

// min/max/avg are integral in Flink; the percentiles are doubles (p50 ... p999).
struct StatsSummary {
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::int64_t avg = 0;
  double p50 = 0;
  double p90 = 0;
  double p95 = 0;
  double p99 = 0;
  double p999 = 0;
};

struct CheckpointSummary {
  StatsSummary state_size;           // bytes
  StatsSummary checkpointed_size;    // bytes (1.15+; incremental size; zeros before)
  StatsSummary end_to_end_duration;  // ms
};

// One checkpoint or savepoint: completed, failed or in progress (`class_name`).
struct Checkpoint {
  std::int64_t id = 0;
  std::string class_name;  // "completed", "failed", "in_progress"
  std::string status;      // COMPLETED, FAILED, IN_PROGRESS
  bool is_savepoint = false;
  std::string checkpoint_type;   // CHECKPOINT, SAVEPOINT, SYNC_SAVEPOINT, UNALIGNED_CHECKPOINT, ...
  std::string savepoint_format;  // CANONICAL, NATIVE; "" for checkpoints
  std::int64_t trigger_timestamp = 0;
  std::int64_t latest_ack_timestamp = -1;
  std::int64_t state_size = 0;
  std::optional<std::int64_t> checkpointed_size;  // 1.15+ (incremental size); absent before
  std::int64_t end_to_end_duration = 0;
  std::int64_t num_subtasks = 0;
  std::int64_t num_acknowledged_subtasks = 0;
  std::string external_path;    // completed: where it is ("file:/...", "s3://..."), may be empty
  bool discarded = false;       // completed: its files were removed since
  std::string failure_message;  // failed
  std::int64_t failure_timestamp = 0;

  // What it wrote: the checkpointed (incremental) size where Flink reports one, else the state size.
  std::int64_t size_bytes() const noexcept {
    return checkpointed_size.value_or(0) > 0 ? *checkpointed_size : state_size;
  }
};

struct RestoredCheckpoint {
  std::int64_t id = 0;
  bool is_savepoint = false;
  std::int64_t restore_timestamp = 0;
  std::string external_path;
};

struct LatestCheckpoints {
  std::optional<Checkpoint> completed;
  std::optional<Checkpoint> savepoint;
  std::optional<Checkpoint> failed;
  std::optional<RestoredCheckpoint> restored;
};

struct CheckpointStats {
  CheckpointCounts counts;
  CheckpointSummary summary;
  LatestCheckpoints latest;
  std::vector<Checkpoint> history;  // newest first, as Flink lists it
};

CheckpointStats decode_checkpoint_stats(const nlohmann::json& j);
Checkpoint decode_checkpoint(const nlohmann::json& j);

}  // namespace flinktop::flink
