// draw_crumbs: " clusters " " orders " " jobs " blocks; the oldest dropped first when too wide.
#include "tui/widgets/crumbs.hpp"

#include "tui/screen/glyphs.hpp"
#include "tui/screen/utf8.hpp"

namespace flinktop::tui {

void draw_crumbs(Canvas& canvas, Rect area, const std::vector<std::string>& path, const DrawContext& ctx) {
  if (area.empty()) return;
  canvas.fill({area.x, area.y, area.width, 1}, U' ', ctx.theme[Role::Normal]);
  if (path.empty()) return;
  const std::string more = utf8::encode(glyphs(ctx.unicode).ellipsis);
  auto block_w = [](const std::string& s) { return text_width(s) + 2; };

  // Keep the newest crumbs that fit (with a "…" block when some are dropped).
  std::size_t first = path.size() - 1;
  int used = block_w(path.back());
  while (first > 0) {
    const int need = used + 1 + block_w(path[first - 1]);
    const int reserve = first - 1 > 0 ? 1 + block_w(more) : 0;
    if (need + reserve > area.width - 1) break;
    used = need;
    --first;
  }
  int x = area.x + 1;
  const int end = area.x + area.width;
  auto block = [&](const std::string& text, Role role) {
    if (x >= end) return;
    const std::string shown = block_w(text) > end - x ? truncate_to_width(text, end - x - 2) : text;
    const Style& s = ctx.theme[role];
    canvas.set(x, area.y, U' ', s);
    const int w = canvas.text(x + 1, area.y, shown, s, end - x - 1);
    canvas.set(x + 1 + w, area.y, U' ', s);
    x += w + 3;
  };
  if (first > 0) block(more, Role::Crumb);
  for (std::size_t i = first; i < path.size(); ++i)
    block(path[i], i + 1 == path.size() ? Role::CrumbActive : Role::Crumb);
}

}  // namespace flinktop::tui
