// Table: the data, the cached sorted+filtered index, the cursor and the navigation keys.
// Drawing is in table_draw.cpp.
#include "tui/widgets/table.hpp"

#include <algorithm>
#include <numeric>

namespace flinktop::tui {
namespace {

bool printable_ascii(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  return true;
}

// FNV-1a: the same on every platform, so ties sort the same everywhere (and in snapshots).
std::uint64_t id_hash(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

std::uint16_t clamp16(int v) {
  return static_cast<std::uint16_t>(std::clamp(v, 0, 0xFFFF));
}

}  // namespace

std::string_view Table::cell(std::uint32_t row, std::size_t column) const {
  const auto& cells = table_.rows[row].cells;
  return column < cells.size() ? std::string_view(cells[column]) : std::string_view();
}

void Table::visible_text(std::uint32_t row, std::string& out) const {
  out.clear();
  const auto& cells = table_.rows[row].cells;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ' ';
    if (printable_ascii(cells[i])) {  // the usual case: no decoding needed
      out += cells[i];
    } else {
      out += truncate_to_width(cells[i], 1 << 30);  // sanitised as the Canvas shows it
    }
  }
}

void Table::compute_row(std::uint32_t row, std::string& scratch) {
  const std::size_t columns = table_.columns.size();
  const auto& cells = table_.rows[row].cells;
  for (std::size_t c = 0; c < columns; ++c) {
    int w = 0;
    if (c < cells.size())
      w = printable_ascii(cells[c]) ? static_cast<int>(cells[c].size()) : text_width(cells[c]);
    widths_[row * columns + c] = clamp16(w);
  }
  keys_[row] = sort_column_ ? sort_key(cell(row, *sort_column_)) : SortKey{};
  id_hashes_[row] = id_hash(table_.rows[row].id);
  if (filter_.active()) {
    visible_text(row, scratch);
    matches_[row] = filter_.matches(scratch) ? 1 : 0;
  } else {
    matches_[row] = 1;
  }
}

bool Table::before(std::uint32_t a, std::uint32_t b) const {
  const SortKey& ka = keys_[a];
  const SortKey& kb = keys_[b];
  int c = 0;
  if (ka.kind != kb.kind) {
    c = ka.kind < kb.kind ? -1 : 1;
  } else if (ka.kind == SortKey::Kind::Number) {
    c = ka.number < kb.number ? -1 : ka.number > kb.number ? 1 : 0;
  } else if (ka.kind == SortKey::Kind::Text) {
    c = natural_compare(cell(a, *sort_column_), cell(b, *sort_column_));
  }
  // Ties by id (its hash first: cheaper, and the order only has to be total and stable).
  if (c == 0 && id_hashes_[a] != id_hashes_[b]) c = id_hashes_[a] < id_hashes_[b] ? -1 : 1;
  if (c == 0) c = table_.rows[a].id.compare(table_.rows[b].id);
  return sort_order_ == SortOrder::Ascending ? c < 0 : c > 0;
}

void Table::set_rows(model::RowTable table) {
  const bool columns_changed = table.columns != table_.columns;
  table_ = std::move(table);
  loaded_ = true;
  highlights_.clear();
  if (columns_changed) bind_columns();
  selected_row_ = kNone;
  for (std::size_t i = 0; i < table_.rows.size() && !selected_id_.empty(); ++i) {
    if (table_.rows[i].id == selected_id_) selected_row_ = static_cast<std::uint32_t>(i);
  }
  rebuild();
}

void Table::update(model::RowTable next, const model::RowDelta& delta, WidgetClock::time_point now) {
  if (next.columns != table_.columns || !loaded_) {
    set_rows(std::move(next));  // first load or new meaning: nothing to reuse, nothing to flash
    return;
  }
  const std::size_t n = next.rows.size(), old_n = table_.rows.size(), columns = table_.columns.size();
  std::vector<std::uint8_t> dirty(n, 0);  // 1: added, 2: changed
  for (const std::size_t i : delta.added) {
    if (i < n) dirty[i] = 1;
  }
  for (const auto& c : delta.changed) {
    if (c.row < n) dirty[c.row] = 2;
  }

  // Which old row each new row was: by position while the ids stay in step (a refresh usually
  // keeps the order), by a hash of the remaining old ids after that.
  std::vector<std::uint32_t> old_of(n, kNone);
  std::size_t step = 0;
  while (step < n && step < old_n && next.rows[step].id == table_.rows[step].id) {
    old_of[step] = static_cast<std::uint32_t>(step);
    ++step;
  }
  if (step < n && step < old_n) {
    std::unordered_map<std::string_view, std::uint32_t> old_index;
    old_index.reserve(old_n - step);
    for (std::size_t j = step; j < old_n; ++j)
      old_index.emplace(table_.rows[j].id, static_cast<std::uint32_t>(j));
    for (std::size_t i = step; i < n; ++i) {
      const auto it = old_index.find(next.rows[i].id);
      if (it != old_index.end()) old_of[i] = it->second;
    }
  }
  std::vector<std::uint32_t> new_of_old(old_n, kNone);
  for (std::size_t i = 0; i < n; ++i) {
    if (old_of[i] == kNone) dirty[i] = 1;  // new, whatever the delta says
    if (old_of[i] != kNone) new_of_old[old_of[i]] = static_cast<std::uint32_t>(i);
  }

  // The kept rows' order, translated to new indices, stays sorted; only the dirty rows need a place.
  std::vector<std::uint32_t> kept;
  if (sort_column_) {
    kept.reserve(n);
    for (const std::uint32_t j : order_) {
      const std::uint32_t i = new_of_old[j];
      if (i != kNone && dirty[i] == 0) kept.push_back(i);
    }
  }
  if (selected_row_ != kNone) selected_row_ = selected_row_ < old_n ? new_of_old[selected_row_] : kNone;

  // Carry the per-row caches over; compute them for the dirty rows.
  auto old_keys = std::move(keys_);
  auto old_hashes = std::move(id_hashes_);
  auto old_matches = std::move(matches_);
  auto old_widths = std::move(widths_);
  table_ = std::move(next);
  keys_.resize(n);
  id_hashes_.resize(n);
  matches_.resize(n);
  widths_.resize(n * columns);
  std::vector<std::uint32_t> fresh;
  std::string scratch;
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<std::uint32_t>(i);
    if (dirty[i] == 0) {
      const std::uint32_t j = old_of[i];
      keys_[i] = old_keys[j];
      id_hashes_[i] = old_hashes[j];
      matches_[i] = old_matches[j];
      std::copy_n(old_widths.begin() + static_cast<std::ptrdiff_t>(j * columns), columns,
                  widths_.begin() + static_cast<std::ptrdiff_t>(i * columns));
    } else {
      compute_row(row, scratch);
      fresh.push_back(row);
    }
  }

  if (sort_column_) {
    const auto less = [this](std::uint32_t a, std::uint32_t b) { return before(a, b); };
    std::sort(fresh.begin(), fresh.end(), less);
    order_.resize(n);
    std::merge(kept.begin(), kept.end(), fresh.begin(), fresh.end(), order_.begin(), less);
  } else {
    order_.resize(n);
    std::iota(order_.begin(), order_.end(), 0u);
  }

  // Highlights: forget the expired, add this refresh's rows.
  for (auto it = highlights_.begin(); it != highlights_.end();) {
    if (it->second.until <= now) {
      it = highlights_.erase(it);
    } else {
      ++it;
    }
  }
  const auto until = now + highlight_for_;
  for (const std::uint32_t i : fresh) highlights_[table_.rows[i].id] = Highlight{until, dirty[i] == 1};

  measure_columns();
  rebuild_view();
}

void Table::rebuild() {
  const std::size_t n = table_.rows.size();
  keys_.assign(n, SortKey{});
  id_hashes_.assign(n, 0);
  matches_.assign(n, 1);
  widths_.assign(n * table_.columns.size(), 0);
  std::string scratch;
  for (std::size_t i = 0; i < n; ++i) compute_row(static_cast<std::uint32_t>(i), scratch);
  sort_all();
  measure_columns();
  rebuild_view();
}

void Table::sort_all() {
  order_.resize(table_.rows.size());
  std::iota(order_.begin(), order_.end(), 0u);
  if (!sort_column_) return;
  for (std::size_t i = 0; i < keys_.size(); ++i)
    keys_[i] = sort_key(cell(static_cast<std::uint32_t>(i), *sort_column_));
  std::sort(order_.begin(), order_.end(), [this](std::uint32_t a, std::uint32_t b) { return before(a, b); });
}

void Table::refilter_all() {
  std::string scratch;
  for (std::size_t i = 0; i < matches_.size(); ++i) {
    if (filter_.active()) {
      visible_text(static_cast<std::uint32_t>(i), scratch);
      matches_[i] = filter_.matches(scratch) ? 1 : 0;
    } else {
      matches_[i] = 1;
    }
  }
  rebuild_view();
}

void Table::rebuild_view() {
  view_.clear();
  view_.reserve(order_.size());
  for (const std::uint32_t i : order_) {
    if (matches_[i] != 0) view_.push_back(i);
  }
  // The cursor stays on its row wherever that row went; if it went away (deleted, filtered out),
  // on the row now at the same position.
  if (selected_row_ != kNone) {
    const auto it = std::find(view_.begin(), view_.end(), selected_row_);
    if (it != view_.end()) {
      cursor_ = static_cast<std::size_t>(it - view_.begin());
      return;
    }
  }
  if (view_.empty()) {
    cursor_ = 0;
    selected_row_ = kNone;  // the id is kept: the row is selected again when it shows again
    return;
  }
  cursor_ = std::min(cursor_, view_.size() - 1);
  selected_row_ = view_[cursor_];
  selected_id_ = table_.rows[selected_row_].id;
}

void Table::measure_columns() {
  const std::size_t columns = table_.columns.size();
  natural_.assign(columns, 0);
  for (std::size_t c = 0; c < columns; ++c) natural_[c] = text_width(table_.columns[c]) + 1;
  for (std::size_t at = 0; at < widths_.size(); at += columns) {
    for (std::size_t c = 0; c < columns; ++c) natural_[c] = std::max<int>(natural_[c], widths_[at + c]);
  }
}

void Table::set_columns(std::vector<ColumnSpec> specs) {
  specs_ = std::move(specs);
  bind_columns();
}

void Table::bind_columns() {
  spec_of_.assign(table_.columns.size(), -1);
  for (std::size_t c = 0; c < table_.columns.size(); ++c) {
    for (std::size_t s = 0; s < specs_.size(); ++s) {
      if (specs_[s].name == table_.columns[c]) spec_of_[c] = static_cast<int>(s);
    }
  }
  sort_column_.reset();
  if (sort_name_.empty()) return;
  const auto it = std::find(table_.columns.begin(), table_.columns.end(), sort_name_);
  if (it != table_.columns.end()) sort_column_ = static_cast<std::size_t>(it - table_.columns.begin());
}

void Table::sort_by(std::size_t column, SortOrder order) {
  if (column >= table_.columns.size()) return;
  sort_column_ = column;
  sort_name_ = table_.columns[column];
  sort_order_ = order;
  sort_all();
  rebuild_view();
}

bool Table::sort_by(std::string_view column_name, SortOrder order) {
  const auto it = std::find(table_.columns.begin(), table_.columns.end(), column_name);
  if (it == table_.columns.end()) {
    sort_name_ = std::string(column_name);  // applies when the column arrives
    sort_order_ = order;
    sort_column_.reset();
    sort_all();
    rebuild_view();
    return false;
  }
  sort_by(static_cast<std::size_t>(it - table_.columns.begin()), order);
  return true;
}

void Table::toggle_sort(std::size_t column) {
  const bool same = sort_column_ == column;
  sort_by(column, same && sort_order_ == SortOrder::Ascending ? SortOrder::Descending : SortOrder::Ascending);
}

void Table::clear_sort() {
  sort_column_.reset();
  sort_name_.clear();
  sort_all();
  rebuild_view();
}

std::string Table::set_filter(std::string_view text) {
  if (text == filter_.text()) return filter_.error();
  filter_ = RowFilter(text);
  refilter_all();
  return filter_.error();
}

const model::Row* Table::selected() const {
  return view_.empty() ? nullptr : &table_.rows[view_[cursor_]];
}

bool Table::select(std::string_view id) {
  for (std::size_t k = 0; k < view_.size(); ++k) {
    if (table_.rows[view_[k]].id == id) {
      cursor_ = k;
      selected_row_ = view_[k];
      selected_id_ = std::string(id);
      return true;
    }
  }
  return false;
}

void Table::move_cursor(long by) {
  if (view_.empty()) return;
  const long last = static_cast<long>(view_.size()) - 1;
  cursor_ = static_cast<std::size_t>(std::clamp(static_cast<long>(cursor_) + by, 0L, last));
  selected_row_ = view_[cursor_];
  selected_id_ = table_.rows[selected_row_].id;
}

bool Table::handle_key(const Key& key) {
  const long page = std::max(1, page_);
  const long far = static_cast<long>(view_.size());
  if (key.is('j') || key == Key::named(Key::Kind::Down)) {
    move_cursor(1);
  } else if (key.is('k') || key == Key::named(Key::Kind::Up)) {
    move_cursor(-1);
  } else if (key.is('g') || key == Key::named(Key::Kind::Home)) {
    move_cursor(-far);
  } else if (key.is('G') || key == Key::named(Key::Kind::End)) {
    move_cursor(far);
  } else if (key == Key::named(Key::Kind::PageDown) || key == Key::ctrl('f')) {
    move_cursor(page);
  } else if (key == Key::named(Key::Kind::PageUp) || key == Key::ctrl('b')) {
    move_cursor(-page);
  } else {
    return false;
  }
  return true;
}

}  // namespace flinktop::tui
