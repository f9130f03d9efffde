// Table::draw: the header line with the sort arrow, then only the rows that are on screen.
#include <algorithm>

#include "tui/screen/glyphs.hpp"
#include "tui/widgets/column_layout.hpp"
#include "tui/widgets/table.hpp"

namespace flinktop::tui {
namespace {

constexpr int kMargin = 1;  // before the first column, as k9s
constexpr int kGap = 2;     // between columns

// Draws text in a column of `width`, right-aligned if asked, cut with "…" when too wide.
void draw_cell(Canvas& canvas, int x, int y, int width, std::string_view text, int text_w, Align align,
               const Style& style) {
  if (width <= 0) return;
  if (text_w <= width) {
    canvas.text(align == Align::Right ? x + width - text_w : x, y, text, style, width);
  } else {
    canvas.text(x, y, truncate_to_width(text, width), style, width);
  }
}

}  // namespace

void Table::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  if (area.empty()) return;
  const Theme& theme = ctx.theme;
  const std::size_t columns = table_.columns.size();

  std::vector<ColumnWant> wants(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    const int title_w = text_width(table_.columns[c]) + 1;
    ColumnWant& w = wants[c];
    w.natural = natural_.size() > c ? natural_[c] : title_w;
    w.min = std::min(w.natural, title_w);
    if (c < spec_of_.size() && spec_of_[c] >= 0) {
      const ColumnSpec& s = specs_[static_cast<std::size_t>(spec_of_[c])];
      if (s.max_width > 0) w.natural = std::min(w.natural, std::max(s.max_width, s.min_width));
      if (s.min_width > 0) w.natural = std::max(w.natural, s.min_width), w.min = s.min_width;
      w.min = std::min(w.min, w.natural);
      w.flexible = s.flexible;
    }
  }
  const auto places = place_columns(wants, area.width, kMargin, kGap);
  auto align_of = [&](std::size_t c) {
    return c < spec_of_.size() && spec_of_[c] >= 0 ? specs_[static_cast<std::size_t>(spec_of_[c])].align
                                                   : Align::Left;
  };

  // Header.
  canvas.fill({area.x, area.y, area.width, 1}, U' ', theme[Role::TableHeader]);
  const char32_t arrow_glyph =
      sort_order_ == SortOrder::Ascending ? glyphs(ctx.unicode).arrow_up : glyphs(ctx.unicode).arrow_down;
  for (std::size_t c = 0; c < columns; ++c) {
    const ColumnPlace& p = places[c];
    if (p.width <= 0) continue;
    const bool sorted = sort_column_ == c;
    const Style& style = theme[sorted ? Role::TableHeaderSorted : Role::TableHeader];
    const int title_w = text_width(table_.columns[c]) + (sorted ? 1 : 0);
    const int x = area.x + p.x + (align_of(c) == Align::Right ? std::max(0, p.width - title_w) : 0);
    const int used = canvas.text(x, area.y, table_.columns[c], style, area.x + p.x + p.width - x);
    if (sorted && x + used < area.x + p.x + p.width) canvas.set(x + used, area.y, arrow_glyph, style);
  }

  const int body = area.height - 1;
  page_ = std::max(1, body);
  if (body <= 0) return;
  const Rect rows_area{area.x, area.y + 1, area.width, body};
  canvas.fill(rows_area, U' ', theme[Role::Normal]);

  if (view_.empty()) {
    std::string message = empty_message_;
    if (!table_.rows.empty()) message = "No rows match the filter /" + filter_.text() + "/";
    canvas.text(area.x + kMargin, rows_area.y, message, theme[Role::RowMuted], area.width - kMargin);
    top_ = 0;
    return;
  }

  // Scroll as little as possible to keep the cursor on screen.
  const auto visible = static_cast<std::size_t>(body);
  if (cursor_ < top_) top_ = cursor_;
  if (cursor_ >= top_ + visible) top_ = cursor_ - visible + 1;
  top_ = std::min(top_, view_.size() > visible ? view_.size() - visible : 0);

  for (std::size_t k = 0; k < visible && top_ + k < view_.size(); ++k) {
    const std::uint32_t r = view_[top_ + k];
    const model::Row& row = table_.rows[r];
    Role role = Role::RowNormal;
    if (top_ + k == cursor_) {
      role = Role::RowSelected;
    } else {
      bool flashing = false;
      if (!highlights_.empty()) {
        const auto it = highlights_.find(row.id);
        if (it != highlights_.end() && ctx.now < it->second.until) {
          role = it->second.added ? Role::RowAdded : Role::RowChanged;
          flashing = true;
        }
      }
      if (!flashing && row_role_) role = row_role_(row);
    }
    const Style& style = theme[role];
    const int y = rows_area.y + static_cast<int>(k);
    canvas.fill({area.x, y, area.width, 1}, U' ', style);
    const std::uint16_t* widths = widths_.data() + static_cast<std::size_t>(r) * columns;
    for (std::size_t c = 0; c < columns && c < row.cells.size(); ++c) {
      const ColumnPlace& p = places[c];
      if (p.width <= 0) continue;
      draw_cell(canvas, area.x + p.x, y, p.width, row.cells[c], widths[c], align_of(c), style);
    }
  }
}

}  // namespace flinktop::tui
