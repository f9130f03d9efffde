// The window onto a graph (follow_selection, graph_overflow, graph_percent) and draw_graph: the
// lines of every route merged cell by cell (a cell knows which of its four sides a line leaves by,
// so crossings, forks and joins get the right box-drawing character), arrow heads, ship-strategy
// labels where a run has room and belongs to one edge only, then the boxes on top.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "tui/screen/glyphs.hpp"
#include "tui/widgets/graph.hpp"

namespace flinktop::tui {

namespace {

enum Side : std::uint8_t { kLeft = 1, kRight = 2, kUp = 4, kDown = 8 };

char32_t line_glyph(std::uint8_t sides, const Glyphs& g) {
  const bool l = sides & kLeft, r = sides & kRight, u = sides & kUp, d = sides & kDown;
  if ((l || r) && (u || d)) {
    if (l && r && u && d) return g.cross;
    if (l && r) return u ? g.tee_up : g.tee_down;
    if (u && d) return r ? g.tee_left : g.tee_right;
    if (r) return d ? g.top_left : g.bottom_left;
    return d ? g.top_right : g.bottom_right;
  }
  return (u || d) ? g.vertical : g.horizontal;
}

// Flink's Web UI thresholds: backpressure above 10% is LOW, above 50% HIGH.
Role backpressure_role(double share) {
  if (!(share >= 0)) return Role::RowNormal;
  return share > 0.5 ? Role::RowError : share > 0.1 ? Role::RowWarn : Role::RowOk;
}

Role busy_role(double share) {
  if (!(share >= 0)) return Role::RowNormal;
  return share >= 0.9 ? Role::RowError : share >= 0.5 ? Role::RowWarn : Role::RowNormal;
}

// The graph's cells: which sides lines leave each cell by, how many routes pass it, and what
// boxes and labels already hold.
class Grid {
 public:
  Grid(int width, int height)
      : width_(width), height_(height), sides_(size(), 0), routes_(size(), 0), taken_(size(), 0), last_route_(size(), 0) {}
  bool inside(int x, int y) const { return x >= 0 && y >= 0 && x < width_ && y < height_; }
  std::uint8_t& sides(int x, int y) { return sides_[index(x, y)]; }
  std::uint8_t& routes(int x, int y) { return routes_[index(x, y)]; }
  std::uint8_t& taken(int x, int y) { return taken_[index(x, y)]; }
  int width() const { return width_; }
  int height() const { return height_; }

  // A run between two points of route number `route` (one of x, y equal); a cell counts each
  // route that passes it once.
  void run(GraphPoint a, GraphPoint b, std::uint32_t route) {
    const int dx = (b.x > a.x) - (b.x < a.x), dy = (b.y > a.y) - (b.y < a.y);
    for (GraphPoint p = a;; p = {p.x + dx, p.y + dy}) {
      if (!inside(p.x, p.y)) break;
      if (last_route_[index(p.x, p.y)] != route) {
        last_route_[index(p.x, p.y)] = route;
        if (routes(p.x, p.y) < 255) ++routes(p.x, p.y);
      }
      if (p != a) sides(p.x, p.y) |= dx > 0 ? kLeft : dx < 0 ? kRight : dy > 0 ? kUp : kDown;
      if (p == b) break;
      sides(p.x, p.y) |= dx > 0 ? kRight : dx < 0 ? kLeft : dy > 0 ? kDown : kUp;
    }
  }
  std::size_t size() const { return static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_); }
  std::size_t index(int x, int y) const { return static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x); }

 private:
  int width_, height_;
  std::vector<std::uint8_t> sides_, routes_, taken_;
  std::vector<std::uint32_t> last_route_;  // the last route (numbered from 1) that passed each cell
};

struct Label {
  GraphPoint at;
  std::string text;
};

// Left to right: inside a horizontal run that only this edge uses, with a line cell either side
// ("──HASH──▶"), the run into the target first. Top to bottom: beside a vertical run, one space
// off, in empty cells.
std::optional<Label> place_label(Grid& grid, const GraphRoute& route, const std::string& text, bool lr) {
  const int len = text_width(text);
  if (len == 0 || route.points.size() < 2) return std::nullopt;
  std::vector<std::size_t> runs;  // index of each run's first point, preferred first
  const std::size_t last = route.points.size() - 2;
  runs.push_back(last);
  if (last != 0) runs.push_back(0);
  for (std::size_t i = 1; i < last; ++i) runs.push_back(i);
  for (std::size_t i : runs) {
    const GraphPoint a = route.points[i], b = route.points[i + 1];
    if (lr && a.y == b.y) {
      // The stretch of the run's inner cells nearest the arrow that only this edge uses, and the
      // label in its middle.
      auto mine = [&](int x) {
        return grid.routes(x, a.y) == 1 && grid.sides(x, a.y) == (kLeft | kRight) && !grid.taken(x, a.y);
      };
      int end = std::max(a.x, b.x) - 1;
      const int first = std::min(a.x, b.x) + 1;
      while (end >= first) {
        while (end >= first && !mine(end)) --end;
        int start = end;
        while (start - 1 >= first && mine(start - 1)) --start;
        if (end - start + 1 >= len + 2) {
          const int x0 = start + (end - start + 1 - len) / 2;
          for (int x = x0 - 1; x <= x0 + len; ++x) grid.taken(x, a.y) = 1;
          return Label{{x0, a.y}, text};
        }
        end = start - 1;
      }
      continue;
    }
    if (!lr && a.x == b.x) {
      const int from = std::min(a.y, b.y), to = std::max(a.y, b.y);
      for (int y = to; y >= from; --y) {
        bool free = grid.routes(a.x, y) == 1;
        for (int x = a.x + 1; x <= a.x + len + 1 && free; ++x) {
          free = grid.inside(x, y) && grid.sides(x, y) == 0 && !grid.taken(x, y);
        }
        if (!free) continue;
        for (int x = a.x + 1; x <= a.x + len + 1; ++x) grid.taken(x, y) = 1;
        return Label{{a.x + 2, y}, text};
      }
    }
  }
  return std::nullopt;
}

void draw_box(Canvas& out, Rect r, const GraphNode& node, bool selected, const Glyphs& g, const DrawContext& ctx) {
  const Style border = ctx.theme[selected ? Role::BorderFocused : Role::Border];
  const Style normal = ctx.theme[Role::Normal];
  out.fill({r.x + 1, r.y + 1, r.width - 2, r.height - 2}, U' ', normal);
  for (int x = r.x + 1; x < r.x + r.width - 1; ++x) {
    out.set(x, r.y, g.horizontal, border);
    out.set(x, r.y + r.height - 1, g.horizontal, border);
  }
  for (int y = r.y + 1; y < r.y + r.height - 1; ++y) {
    out.set(r.x, y, g.vertical, border);
    out.set(r.x + r.width - 1, y, g.vertical, border);
  }
  out.set(r.x, r.y, g.top_left, border);
  out.set(r.x + r.width - 1, r.y, g.top_right, border);
  out.set(r.x, r.y + r.height - 1, g.bottom_left, border);
  out.set(r.x + r.width - 1, r.y + r.height - 1, g.bottom_right, border);

  const int inner = r.width - 2, x = r.x + 1;
  if (selected) out.fill({x, r.y + 1, inner, 1}, U' ', ctx.theme[Role::RowSelected]);
  out.text(x, r.y + 1, truncate_to_width(node.name, inner), ctx.theme[selected ? Role::RowSelected : Role::Title], inner);
  int col = x;
  if (node.parallelism > 0) col += out.text(col, r.y + 2, "×" + std::to_string(node.parallelism) + " ", normal, x + inner - col);
  out.text(col, r.y + 2, node.status, ctx.theme[node.status_role], x + inner - col);
  col = x;
  if (const std::string busy = graph_percent(node.busy); !busy.empty()) {
    col += out.text(col, r.y + 3, "busy ", normal, x + inner - col);
    col += out.text(col, r.y + 3, busy + " ", ctx.theme[busy_role(node.busy)], x + inner - col);
  }
  if (const std::string bp = graph_percent(node.backpressure); !bp.empty()) {
    col += out.text(col, r.y + 3, "bp ", normal, x + inner - col);
    out.text(col, r.y + 3, bp, ctx.theme[backpressure_role(node.backpressure)], x + inner - col);
  }
}

// The window onto the graph, with `scroll` as its origin, copied into `area`.
void blit(Canvas& canvas, Rect area, const Canvas& window) {
  for (int y = 0; y < area.height; ++y) {
    for (int x = 0; x < area.width; ++x) {
      const Cell& cell = window.at(x, y);
      if (cell.ch == 0) continue;  // the right half of a wide character, drawn with its left half
      canvas.set(area.x + x, area.y + y, cell.ch, cell.style);
    }
  }
}

}  // namespace

GraphScroll follow_selection(const GraphLayout& layout, std::optional<std::size_t> selected, GraphScroll current,
                             int width, int height) {
  GraphScroll s = current;
  if (selected && *selected < layout.boxes.size()) {
    const Rect& r = layout.boxes[*selected].rect;
    if (r.x + r.width > s.x + width) s.x = r.x + r.width - width;
    if (r.x < s.x) s.x = r.x;
    if (r.y + r.height > s.y + height) s.y = r.y + r.height - height;
    if (r.y < s.y) s.y = r.y;
  }
  s.x = std::clamp(s.x, 0, std::max(0, layout.width - width));
  s.y = std::clamp(s.y, 0, std::max(0, layout.height - height));
  return s;
}

GraphOverflow graph_overflow(const GraphLayout& layout, GraphScroll scroll, int width, int height) {
  GraphOverflow o;
  o.left = scroll.x > 0;
  o.right = scroll.x + width < layout.width;
  o.up = scroll.y > 0;
  o.down = scroll.y + height < layout.height;
  return o;
}

std::string graph_percent(double share) {
  if (!(share >= 0)) return "";
  return std::to_string(static_cast<int>(std::lround(std::min(share, 1.0) * 100))) + "%";
}

void draw_graph(Canvas& canvas, Rect area, const GraphInput& graph, const GraphLayout& layout,
                std::optional<std::size_t> selected, GraphScroll scroll, const DrawContext& ctx) {
  if (area.empty()) return;
  const Glyphs& g = glyphs(ctx.unicode);
  const bool lr = layout.direction == GraphDirection::LeftToRight;
  Canvas window(area.width, area.height);
  window.clear(ctx.theme[Role::Normal]);
  auto at = [&](GraphPoint p) { return GraphPoint{p.x - scroll.x, p.y - scroll.y}; };

  Grid grid(layout.width, layout.height);
  for (const GraphBox& box : layout.boxes) {
    for (int y = box.rect.y; y < box.rect.y + box.rect.height; ++y) {
      for (int x = box.rect.x; x < box.rect.x + box.rect.width; ++x) {
        if (grid.inside(x, y)) grid.taken(x, y) = 1;
      }
    }
  }
  for (std::size_t r = 0; r < layout.routes.size(); ++r) {
    const GraphRoute& route = layout.routes[r];
    for (std::size_t i = 0; i + 1 < route.points.size(); ++i) {
      grid.run(route.points[i], route.points[i + 1], static_cast<std::uint32_t>(r + 1));
    }
    // The first cell continues the line out of the source box.
    const GraphPoint first = route.points.front();
    if (grid.inside(first.x, first.y)) grid.sides(first.x, first.y) |= lr ? kLeft : kUp;
  }
  const Style line = ctx.theme[Role::GraphAxis];
  for (int y = std::max(0, scroll.y); y < std::min(layout.height, scroll.y + area.height); ++y) {
    for (int x = std::max(0, scroll.x); x < std::min(layout.width, scroll.x + area.width); ++x) {
      if (const std::uint8_t sides = grid.sides(x, y)) window.set(x - scroll.x, y - scroll.y, line_glyph(sides, g), line);
    }
  }
  const char32_t head = lr ? (ctx.unicode ? U'▶' : U'>') : (ctx.unicode ? U'▼' : U'v');
  for (const GraphRoute& route : layout.routes) {
    const GraphPoint end = at(route.points.back());
    window.set(end.x, end.y, head, line);
  }
  for (const GraphRoute& route : layout.routes) {
    if (route.edge >= graph.edges.size()) continue;
    if (auto label = place_label(grid, route, graph.edges[route.edge].label, lr)) {
      const GraphPoint p = at(label->at);
      window.text(p.x, p.y, label->text, ctx.theme[Role::TitleCounter]);
    }
  }
  for (std::size_t i = 0; i < layout.boxes.size() && i < graph.nodes.size(); ++i) {
    Rect r = layout.boxes[i].rect;
    r.x -= scroll.x;
    r.y -= scroll.y;
    if (r.x >= area.width || r.y >= area.height || r.x + r.width <= 0 || r.y + r.height <= 0) continue;
    draw_box(window, r, graph.nodes[i], selected == i, g, ctx);
  }
  // Where an edge leaves a box, its border forks: ├ (left to right) or ┬ (top to bottom).
  for (const GraphRoute& route : layout.routes) {
    const GraphPoint p = at(route.points.front());
    const bool focused = route.edge < graph.edges.size() && selected == graph.edges[route.edge].from;
    window.set(lr ? p.x - 1 : p.x, lr ? p.y : p.y - 1, lr ? g.tee_left : g.tee_down,
               ctx.theme[focused ? Role::BorderFocused : Role::Border]);
  }
  blit(canvas, area, window);
}

}  // namespace flinktop::tui
