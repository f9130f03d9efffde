// Row tables: what a view shows, as rows of text keyed by a stable id (a Kubernetes uid, a Flink
// job id), and the difference between two of them, so that a refresh repaints only what changed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace flinktop::model {

struct Row {
  std::string id;  // unique within a table
  std::vector<std::string> cells;
};

struct RowTable {
  std::vector<std::string> columns;
  std::vector<Row> rows;  // any order
};

struct CellChange {
  std::string id;
  std::size_t row = 0;                // index in the new table
  std::vector<std::size_t> columns;  // ascending
};

struct RowDelta {
  std::vector<std::size_t> added;     // indices in the new table, ascending
  std::vector<CellChange> changed;    // by row, ascending
  std::vector<std::string> removed;   // ids, in the old table's order

  bool empty() const { return added.empty() && changed.empty() && removed.empty(); }
};

// Rows are matched by id wherever they are; a row that only moved is not a change. A row whose
// cell count differs reports the extra positions as changed. When the column headers differ,
// every kept row reports every column as changed (the meaning of each cell changed).
//
// Cost: one pass while both tables list the same ids in the same order (the usual refresh),
// falling back to a hash index only for the rows that are out of step; no allocation per
// unchanged row.
RowDelta diff_rows(const RowTable& before, const RowTable& after);

}  // namespace flinktop::model
