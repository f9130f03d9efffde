// sparkline: eight levels per cell.
#include "tui/widgets/sparkline.hpp"

#include <algorithm>
#include <cmath>

#include "tui/screen/glyphs.hpp"
#include "tui/screen/utf8.hpp"

namespace flinktop::tui {

std::string sparkline(std::span<const double> values, int width, bool unicode, double max) {
  std::string out;
  if (width <= 0 || values.empty()) return out;
  const auto n = std::min(values.size(), static_cast<std::size_t>(width));
  const auto shown = values.subspan(values.size() - n);
  if (max <= 0) {
    for (const double v : shown) {
      if (std::isfinite(v)) max = std::max(max, v);
    }
  }
  const auto& bars = glyphs(unicode).bars;
  for (const double v : shown) {
    int level = 0;
    if (std::isfinite(v) && v > 0 && max > 0)
      level = std::clamp(static_cast<int>(std::lround(v / max * 8)), 1, 8);
    utf8::append(out, bars[static_cast<std::size_t>(level)]);
  }
  return out;
}

void draw_sparkline(Canvas& canvas, Rect area, std::span<const double> values, const DrawContext& ctx,
                    double max, Role role) {
  if (area.empty()) return;
  const std::string line = sparkline(values, area.width, ctx.unicode, max);
  const int w = text_width(line);
  canvas.text(area.x + area.width - w, area.y, line, ctx.theme[role], w);
}

}  // namespace flinktop::tui
