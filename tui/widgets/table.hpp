// The table every list view is built on (k9s-style): a RowTable as data, a cursor that stays on the
// same row id across refreshes, sorting in natural order, a `/` regex filter, rows that changed at
// the last refresh highlighted for a moment, rows coloured by the caller, and columns that shrink
// then cut when the terminal is narrow.
//
// Cost: the sorted and filtered index is kept between frames and recomputed only when the data,
// the sort or the filter change; a refresh reuses everything cached for rows the delta does not
// name (sort keys, visible text, widths, filter verdicts) and merges the changed rows into the
// kept order. draw() touches only the rows on screen.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model/row_table.hpp"
#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/screen/theme.hpp"
#include "tui/widgets/draw_context.hpp"
#include "tui/widgets/natural_order.hpp"
#include "tui/widgets/row_filter.hpp"

namespace flinktop::tui {

enum class Align : std::uint8_t { Left, Right };
enum class SortOrder : std::uint8_t { Ascending, Descending };

// How one column (by its name in the RowTable) is laid out. Columns without a spec get defaults.
struct ColumnSpec {
  std::string name;
  int min_width = 0;          // 0: the title's width (plus one for the sort arrow)
  int max_width = 0;          // 0: as wide as the widest cell
  bool flexible = false;      // gives way first when the table is too wide (NAME, MESSAGE)
  Align align = Align::Left;  // Right for numbers
};

class Table {
 public:
  // The role of a row that is neither selected nor just changed (RowError for a failed job).
  using RowRole = std::function<Role(const model::Row&)>;

  Table() = default;

  // --- data ---
  // Replaces the data without highlighting anything (first load, another view's table).
  void set_rows(model::RowTable table);
  // A refresh: `delta` must be model::diff_rows(current rows, table). Rows it names as added or
  // changed are highlighted until now + highlight duration.
  void update(model::RowTable table, const model::RowDelta& delta, WidgetClock::time_point now);
  const model::RowTable& data() const { return table_; }

  // --- presentation ---
  void set_columns(std::vector<ColumnSpec> specs);
  void set_row_role(RowRole row_role) { row_role_ = std::move(row_role); }
  void set_empty_message(std::string message) { empty_message_ = std::move(message); }
  void set_highlight_duration(std::chrono::milliseconds d) { highlight_for_ = d; }

  // --- sorting (natural order; ties by row id, so the order is total and stable) ---
  void sort_by(std::size_t column, SortOrder order);
  // By name; remembered, so it may be set before the data arrives and survives column changes.
  // False when there is no such column (yet).
  bool sort_by(std::string_view column_name, SortOrder order);
  void toggle_sort(std::size_t column);  // a new column ascending, the same column flips
  void clear_sort();                     // back to the data's own order
  std::optional<std::size_t> sort_column() const { return sort_column_; }
  SortOrder sort_order() const { return sort_order_; }

  // --- filtering ---
  // Returns "" or, for an invalid regex, one line for the status bar (the text is then matched
  // literally). A leading '!' inverts.
  std::string set_filter(std::string_view text);
  const RowFilter& filter() const { return filter_; }
  std::size_t shown() const { return view_.size(); }        // "filtered N of M": N
  std::size_t total() const { return table_.rows.size(); }  // M
  // The i-th row as shown (sorted, filtered); i < shown().
  const model::Row& shown_row(std::size_t i) const { return table_.rows[view_[i]]; }

  // --- selection ---
  const model::Row* selected() const;             // nullptr when nothing is shown
  std::size_t cursor() const { return cursor_; }  // position among the shown rows
  bool select(std::string_view id);               // false: not shown
  // j/k/Up/Down, g/G/Home/End, PgUp/PgDn (ctrl-b/ctrl-f). True when the key was used.
  bool handle_key(const Key& key);

  // Header line, then the rows. Remembers the page height for PgUp/PgDn and the scroll offset.
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx);

 private:
  struct Highlight {
    WidgetClock::time_point until;
    bool added = false;
  };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::string_view cell(std::uint32_t row, std::size_t column) const;
  // The text the filter sees: the cells as the Canvas shows them, joined by ' '.
  void visible_text(std::uint32_t row, std::string& out) const;
  void compute_row(std::uint32_t row, std::string& scratch);  // widths, key, hash, verdict
  bool before(std::uint32_t a, std::uint32_t b) const;        // the sort order
  void rebuild();                                             // every row, the order, the view
  void sort_all();                                            // order_ from scratch
  void refilter_all();                                        // every row's verdict, then the view
  void rebuild_view();  // view_ from order_ and the verdicts, then the cursor
  void measure_columns();
  void bind_columns();  // specs and the sort column by name, after the columns changed
  void move_cursor(long by);

  model::RowTable table_;
  // What is cached per row, by row index, as arrays (no allocation per row; carried over by a
  // refresh for every row the delta does not name).
  std::vector<SortKey> keys_;             // of the sort column
  std::vector<std::uint64_t> id_hashes_;  // tie-break before comparing ids
  std::vector<std::uint8_t> matches_;     // the filter's verdict
  std::vector<std::uint16_t> widths_;     // row * columns + column: columns a cell takes
  std::vector<std::uint32_t> order_;      // every row index, sorted
  std::vector<std::uint32_t> view_;       // the rows shown: order_ filtered
  std::vector<int> natural_;              // per column: widest cell or title + arrow
  std::vector<ColumnSpec> specs_;
  std::vector<int> spec_of_;  // per column: index in specs_, -1 none

  std::string sort_name_;  // the sort column by name: kept across column changes, set before data
  std::optional<std::size_t> sort_column_;
  SortOrder sort_order_ = SortOrder::Ascending;
  RowFilter filter_;

  std::string selected_id_;             // what the cursor is on, for set_rows() and an empty view
  std::uint32_t selected_row_ = kNone;  // its row index, followed through a refresh's delta
  std::size_t cursor_ = 0;
  std::size_t top_ = 0;
  int page_ = 20;

  bool loaded_ = false;  // set_rows() has run: an update() may flash rows
  std::unordered_map<std::string, Highlight> highlights_;
  std::chrono::milliseconds highlight_for_{1500};
  RowRole row_role_;
  std::string empty_message_ = "Nothing to show";
};

}  // namespace flinktop::tui
