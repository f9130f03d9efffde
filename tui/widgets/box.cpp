// draw_box: four lines, four corners, a centred title.
#include "tui/widgets/box.hpp"

#include <algorithm>

#include "tui/screen/glyphs.hpp"

namespace flinktop::tui {

Rect draw_box(Canvas& canvas, Rect area, const DrawContext& ctx, Role border,
              const std::vector<TitlePart>& title) {
  if (area.width < 2 || area.height < 2) return {area.x, area.y, 0, 0};
  const Glyphs& g = glyphs(ctx.unicode);
  const Style& s = ctx.theme[border];
  const int right = area.x + area.width - 1, bottom = area.y + area.height - 1;
  canvas.fill({area.x + 1, area.y, area.width - 2, 1}, g.horizontal, s);
  canvas.fill({area.x + 1, bottom, area.width - 2, 1}, g.horizontal, s);
  canvas.fill({area.x, area.y + 1, 1, area.height - 2}, g.vertical, s);
  canvas.fill({right, area.y + 1, 1, area.height - 2}, g.vertical, s);
  canvas.set(area.x, area.y, g.top_left, s);
  canvas.set(right, area.y, g.top_right, s);
  canvas.set(area.x, bottom, g.bottom_left, s);
  canvas.set(right, bottom, g.bottom_right, s);

  if (!title.empty()) {
    int total = 2;  // a space either side
    for (const auto& part : title) total += text_width(part.text);
    const int room = area.width - 4;  // keep the corners and one line either side
    if (room > 2) {
      const int shown = std::min(total, room);
      int x = area.x + (area.width - shown) / 2;
      const int end = x + shown;
      canvas.set(x++, area.y, U' ', ctx.theme[title.front().role]);
      for (const auto& part : title) {
        if (x >= end - 1) break;
        const std::string cut =
            text_width(part.text) > end - 1 - x ? truncate_to_width(part.text, end - 1 - x) : part.text;
        x += canvas.text(x, area.y, cut, ctx.theme[part.role], end - 1 - x);
      }
      canvas.set(x, area.y, U' ', ctx.theme[title.back().role]);
    }
  }
  return {area.x + 1, area.y + 1, area.width - 2, area.height - 2};
}

}  // namespace flinktop::tui
