// Column placement: natural widths, then shrinking, then cutting at the right edge.
#include "tui/widgets/column_layout.hpp"

#include <algorithm>

namespace flinktop::tui {
namespace {

// Takes up to `over` columns from the columns selected by `pick`, always from the widest one so
// that the table keeps its proportions; returns what is still over.
template <class Pick>
int shrink(std::vector<int>& widths, const std::vector<ColumnWant>& wants, int over, Pick pick) {
  while (over > 0) {
    int widest = -1;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (!pick(wants[i]) || widths[i] <= wants[i].min) continue;
      if (widest < 0 || widths[i] > widths[static_cast<std::size_t>(widest)]) widest = static_cast<int>(i);
    }
    if (widest < 0) break;
    auto& w = widths[static_cast<std::size_t>(widest)];
    // Down to the next widest (or the minimum) in one step; columns of equal width take turns.
    int next = wants[static_cast<std::size_t>(widest)].min;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (static_cast<int>(i) != widest && pick(wants[i]) && widths[i] <= w) next = std::max(next, widths[i]);
    }
    const int take = std::min(over, std::max(1, w - next));
    w -= take;
    over -= take;
  }
  return over;
}

}  // namespace

std::vector<ColumnPlace> place_columns(const std::vector<ColumnWant>& wants, int width, int margin, int gap) {
  std::vector<ColumnPlace> places(wants.size());
  if (wants.empty() || width <= margin) return places;
  std::vector<int> widths(wants.size());
  int total = margin + gap * static_cast<int>(wants.size() - 1);
  for (std::size_t i = 0; i < wants.size(); ++i) {
    widths[i] = std::max(0, wants[i].natural);
    total += widths[i];
  }
  int over = total - width;
  if (over > 0) over = shrink(widths, wants, over, [](const ColumnWant& w) { return w.flexible; });
  if (over > 0) shrink(widths, wants, over, [](const ColumnWant&) { return true; });

  int x = margin;
  for (std::size_t i = 0; i < wants.size(); ++i) {
    if (x >= width) break;
    places[i].x = x;
    places[i].width = std::min(widths[i], width - x);
    x += widths[i] + gap;
  }
  return places;
}

}  // namespace flinktop::tui
