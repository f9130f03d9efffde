// Row tables: what a view shows, as rows of text keyed by a stable id (a Kubernetes uid, a Flink
// job id), and the difference between two of them, so that a refresh repaints only what changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace flinktop::model {

struct Row {
  std::string id;  // unique within a table
  std::vector<std::string> cells;
  // A 64-bit hash of the cells, set by RowTable::seal(); 0 = not sealed. With both rows sealed, a
  // diff compares the fingerprints instead of every cell: it reads a row's 64 bytes and its id,
  // not the cells, which for a big table is most of the memory a diff would otherwise touch.
  std::uint64_t fingerprint = 0;
};

struct RowTable {
  std::vector<std::string> columns;
  std::vector<Row> rows;  // any order

  // Fingerprints every row. Call it where the rows are made, after the last change to their cells
  // (their text is still in the cache there); a cell changed after seal() must be sealed again.
  // Debug builds check in diff_rows that every sealed row still matches its fingerprint.
  void seal();
};

// The fingerprint of these cells (never 0, so that 0 can mean "not sealed").
std::uint64_t fingerprint_of(const std::vector<std::string>& cells) noexcept;

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
// unchanged row; the cells of a row are read only when it is not sealed on both sides or its
// fingerprint changed (two different rows with the same 64-bit fingerprint would be missed:
// a chance of 2^-64 per changed row).
RowDelta diff_rows(const RowTable& before, const RowTable& after);

}  // namespace flinktop::model
