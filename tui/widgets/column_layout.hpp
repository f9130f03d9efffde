// Where each column of a table goes across a given width: every column gets its natural width
// (widest cell or title) when it fits; otherwise flexible columns give way first, then the widest
// others, each down to its minimum; when even the minimums do not fit, the rightmost columns are
// cut (the one on the edge is clipped, the ones after it are not shown).
#pragma once

#include <vector>

namespace flinktop::tui {

struct ColumnWant {
  int natural = 0;  // the width that shows every cell whole
  int min = 0;      // never narrower (unless cut at the right edge)
  bool flexible = false;
};

struct ColumnPlace {
  int x = 0;      // offset from the left of the area
  int width = 0;  // 0: not shown
};

// `margin` columns before the first column, `gap` between columns.
std::vector<ColumnPlace> place_columns(const std::vector<ColumnWant>& wants, int width, int margin, int gap);

}  // namespace flinktop::tui
