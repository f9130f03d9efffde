// The savepoints of the job open in the job view, joined from what the UI already holds: the
// polled checkpoint statistics, the operator's resources in the Store's snapshot and the journal
// records the App read. Pure functions of that data, so the view never fetches and tests can
// feed them fixed records.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/model/row_table.hpp"
#include "core/model/savepoint_history.hpp"
#include "tui/views/view.hpp"

namespace flinktop::tui {

struct OpenJob {
  std::string cluster_id;
  std::string job_id;
  std::string job_name;
};

// Every source's savepoints of `job`, the same savepoint listed once, newest first.
std::vector<model::SavepointRecord> job_savepoints(const ViewData& data, const OpenJob& job);

// One row per record, keyed by its path (records without one get a key of their own). `wide`
// adds FORMAT and ERROR, which only fit on a wide screen.
model::RowTable savepoint_rows(const std::vector<model::SavepointRecord>& records,
                               std::chrono::system_clock::time_point now, bool wide);

}  // namespace flinktop::tui
