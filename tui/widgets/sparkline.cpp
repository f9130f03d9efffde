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

void draw_trends(Canvas& canvas, Rect row, const std::vector<Trend>& trends, const DrawContext& ctx) {
  if (row.empty() || trends.empty()) return;
  constexpr int kGap = 3;
  constexpr int kMinBars = 4;
  const int n = static_cast<int>(trends.size());
  const int share = (row.width - (n - 1) * kGap) / n;
  for (int i = 0; i < n; ++i) {
    const Trend& t = trends[static_cast<std::size_t>(i)];
    const int x = row.x + i * (share + kGap);
    const bool roomy = text_width(t.label) + text_width(t.value) + 2 + kMinBars <= share;
    const std::string& label = roomy || t.short_label.empty() ? t.label : t.short_label;
    int used = canvas.text(x, row.y, label + " ", ctx.theme[Role::HeaderLabel], share);
    used += canvas.text(x + used, row.y, t.value, ctx.theme[Role::HeaderValue], share - used);
    const int bars = share - used - 1;
    if (bars >= kMinBars) draw_sparkline(canvas, {x + used + 1, row.y, bars, 1}, t.values, ctx, t.max, t.role);
  }
}

}  // namespace flinktop::tui
