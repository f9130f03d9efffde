// The action journal: one JSON line per mutation (time, context, namespace, cluster, job, action,
// result, savepoint path, message) appended to $XDG_STATE_HOME/flinktop/actions.log, so that no
// savepoint location is ever lost, whatever happened to the terminal. Thread-safe.
#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/model/savepoint_history.hpp"

namespace flinktop::actions {

struct JournalEntry {
  std::chrono::system_clock::time_point time{};
  std::string context;
  std::string namespace_;
  std::string cluster;
  std::string job;       // job id or name; empty for cluster actions
  std::string action;    // cancel, savepoint, stop, suspend, resume, restart, submit, delete, ...
  std::string result;    // started, succeeded, failed, refused
  std::string savepoint; // location, when there is one
  std::string message;   // one line; never a secret
};

class Journal {
 public:
  // $XDG_STATE_HOME/flinktop/actions.log, or ~/.local/state/flinktop/actions.log.
  static std::filesystem::path default_path();

  explicit Journal(std::filesystem::path path = default_path());

  // Appends one line and flushes it to disk before returning. Throws flinktop::Error(Config)
  // naming the file when it cannot be written: an action whose outcome cannot be recorded must
  // say so rather than pass silently.
  void append(JournalEntry entry);

  // The last `limit` entries (most recent last); malformed lines are skipped.
  std::vector<JournalEntry> read(std::size_t limit = 1000) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  mutable std::mutex mutex_;
};

// The savepoints flinktop itself took (succeeded entries with a location), as savepoint records.
std::vector<model::SavepointRecord> journal_savepoints(const std::vector<JournalEntry>& entries);

}  // namespace flinktop::actions
