// A sparkline: a series of values as one line of bars (▁▂▃▄▅▆▇█; "_.-=#" on terminals without
// Unicode), newest on the right, scaled to a given maximum or to the largest value shown.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

// The last `width` values as bars (fewer values: a shorter line). max <= 0: the largest value
// shown. A value <= 0 or not finite is a blank; any value above zero shows at least the lowest bar.
std::string sparkline(std::span<const double> values, int width, bool unicode, double max = 0);

// Right-aligned in the first row of `area`, so that the newest value is always at the same place.
void draw_sparkline(Canvas& canvas, Rect area, std::span<const double> values, const DrawContext& ctx,
                    double max = 0, Role role = Role::Sparkline);

// A named series: "in 12.3k/s ▂▃▅▆▇".
struct Trend {
  std::string label;  // "backpressure"
  std::string value;  // the latest value as words: "12.3k/s"
  std::string short_label;  // "bp": where the label would leave no room for the bars ("" = label)
  std::vector<double> values;
  double max = 0;  // as for sparkline()
  Role role = Role::Sparkline;
};

// Trends side by side in one row, each in an equal share of the width: its words (the short label
// when the long one leaves fewer than four bars), then its sparkline in what they leave.
void draw_trends(Canvas& canvas, Rect row, const std::vector<Trend>& trends, const DrawContext& ctx);

}  // namespace flinktop::tui
