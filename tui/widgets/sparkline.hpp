// A sparkline: a series of values as one line of bars (▁▂▃▄▅▆▇█; "_.-=#" on terminals without
// Unicode), newest on the right, scaled to a given maximum or to the largest value shown.
#pragma once

#include <span>
#include <string>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

// The last `width` values as bars (fewer values: a shorter line). max <= 0: the largest value
// shown. A value <= 0 or not finite is a blank; any value above zero shows at least the lowest bar.
std::string sparkline(std::span<const double> values, int width, bool unicode, double max = 0);

// Right-aligned in the first row of `area`, so that the newest value is always at the same place.
void draw_sparkline(Canvas& canvas, Rect area, std::span<const double> values, const DrawContext& ctx,
                    double max = 0, Role role = Role::Sparkline);

}  // namespace flinktop::tui
