// A job graph as boxes and arrows. layout_graph() places vertices in layers (sources first, each
// vertex one layer after its furthest input) and routes every edge orthogonally between them —
// plain data in grid cells, testable without a screen; draw_graph() (graph_draw.cpp) paints a
// layout into a Canvas through a window that follow_selection() scrolls. Left to right when the
// layers fit the width, else top to bottom when that hides less of the graph. Fan-in and fan-out
// share one vertical lane per vertex so that they read as one branch; an edge that skips layers
// runs through them on a lane of its own. A cycle (Flink's plans have none) cannot hang or break
// it: the edges that close one are left out and listed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

struct GraphNode {
  std::string id;
  std::string name;                     // cut to the box's width
  std::int64_t parallelism = 0;         // 0: not shown
  std::string status;                   // RUNNING, ...
  Role status_role = Role::RowNormal;   // how the caller colours that status
  double busy = -1;                     // 0..1; negative or NaN: unknown
  double backpressure = -1;             // 0..1; negative or NaN: unknown
};

struct GraphEdge {
  std::size_t from = 0, to = 0;  // indices into GraphInput::nodes
  std::string label;             // the ship strategy: HASH, FORWARD, REBALANCE, ...
};

struct GraphInput {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

enum class GraphDirection : std::uint8_t { LeftToRight, TopToBottom };

struct GraphPoint {
  int x = 0, y = 0;
  friend constexpr bool operator==(const GraphPoint&, const GraphPoint&) = default;
};

struct GraphBox {
  int layer = 0;
  Rect rect;  // border included, in graph cells (0,0 = the graph's top-left)
};

// An edge's path: horizontal and vertical runs between consecutive points. It starts on the cell
// just outside its source box and ends on the cell just outside its target box (the arrow head).
struct GraphRoute {
  std::size_t edge = 0;  // index into GraphInput::edges
  std::vector<GraphPoint> points;
};

struct GraphLayout {
  GraphDirection direction = GraphDirection::LeftToRight;
  int width = 0, height = 0;    // cells the whole graph takes
  int layers = 0;
  std::vector<GraphBox> boxes;  // one per node, in node order
  std::vector<GraphRoute> routes;
  std::vector<std::size_t> left_out;  // edges not drawn: unknown ends, self-loops, cycles, repeats
};

// Box sizes: a box is 5 rows (name, parallelism and status, busy and backpressure) and this many
// columns wide at most / at least.
inline constexpr int kGraphBoxHeight = 5;
inline constexpr int kGraphMinBoxWidth = 18;
inline constexpr int kGraphMaxBoxWidth = 30;

// Lays the graph out for a window of `width` × `height` cells (it may come out larger: then it scrolls).
GraphLayout layout_graph(const GraphInput& graph, int width, int height);

// The window's top-left corner in graph cells.
struct GraphScroll {
  int x = 0, y = 0;
  friend constexpr bool operator==(const GraphScroll&, const GraphScroll&) = default;
};

// `current` moved as little as possible to show the whole of `selected`'s box (its top-left when
// it is larger than the window), and kept within the graph.
GraphScroll follow_selection(const GraphLayout& layout, std::optional<std::size_t> selected, GraphScroll current,
                             int width, int height);

// Which way more of the graph lies beyond the window (the caller says so beside it: arrows drawn
// inside the window would cover a box).
struct GraphOverflow {
  bool left = false, right = false, up = false, down = false;
  bool any() const { return left || right || up || down; }
};
GraphOverflow graph_overflow(const GraphLayout& layout, GraphScroll scroll, int width, int height);

// Boxes, lines, arrow heads and (where the run is long enough) ship strategies, seen through a
// window of `area`'s size at `scroll`. The selected box is drawn focused.
void draw_graph(Canvas& canvas, Rect area, const GraphInput& graph, const GraphLayout& layout,
                std::optional<std::size_t> selected, GraphScroll scroll, const DrawContext& ctx);

// How a share of time reads: 0..1 → "25%"; unknown → "".
std::string graph_percent(double share);

}  // namespace flinktop::tui
