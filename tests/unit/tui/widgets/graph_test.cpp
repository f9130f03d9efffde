// The job graph: layers and routes for the shapes Flink jobs have (a chain, fan-in, fan-out, a
// diamond, an edge that skips a layer, 30 vertices), the guards (cycles, self-loops, unknown
// ends), the direction chosen for the room there is, the window following the selection, and
// snapshots of the drawing (tests/tui/snapshots/graph_*).
#include "tui/widgets/graph.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "snapshot.hpp"

namespace flinktop::tui {
namespace {

GraphNode node(const std::string& name, double busy = 0.2, double backpressure = 0.0) {
  GraphNode n;
  n.id = name;
  n.name = name;
  n.parallelism = 2;
  n.status = "RUNNING";
  n.status_role = Role::RowOk;
  n.busy = busy;
  n.backpressure = backpressure;
  return n;
}

GraphEdge edge(std::size_t from, std::size_t to, const std::string& label = "HASH") {
  GraphEdge e;
  e.from = from;
  e.to = to;
  e.label = label;
  return e;
}

GraphInput graph_of(std::vector<std::string> names, std::vector<GraphEdge> edges) {
  GraphInput g;
  for (const std::string& name : names) g.nodes.push_back(node(name));
  g.edges = std::move(edges);
  return g;
}

GraphInput chain() {
  return graph_of({"Source: Kafka orders", "Enrich orders", "Sink: Kafka enriched"},
                  {edge(0, 1, "FORWARD"), edge(1, 2, "HASH")});
}
GraphInput fan_in() {
  return graph_of({"Source: Kafka orders", "Source: JDBC customers", "Join customers", "Sink: Kafka out"},
                  {edge(0, 2), edge(1, 2), edge(2, 3, "FORWARD")});
}
GraphInput fan_out() {
  return graph_of({"Source: Kafka clicks", "Sessionize", "Sink: Iceberg", "Sink: Late clicks", "Sink: Metrics"},
                  {edge(0, 1), edge(1, 2, "FORWARD"), edge(1, 3, "REBALANCE"), edge(1, 4, "REBALANCE")});
}
GraphInput diamond() {
  return graph_of({"Source: payments", "Feature lookup", "Rules engine", "Score -> Sink: alerts"},
                  {edge(0, 1, "REBALANCE"), edge(0, 2), edge(1, 3), edge(2, 3)});
}
GraphInput wide(int n) {
  GraphInput g;
  for (int i = 0; i < n; ++i) g.nodes.push_back(node("Operator " + std::to_string(i)));
  for (int i = 1; i < n; ++i) g.edges.push_back(edge(static_cast<std::size_t>(i - 1), static_cast<std::size_t>(i)));
  return g;
}

bool inside(GraphPoint p, const Rect& r) { return p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height; }

// Boxes in bounds and apart; every route orthogonal, starting next to its source box and ending
// next to its target box, never running through a box; layers grow along each edge.
void expect_well_formed(const GraphInput& g, const GraphLayout& l) {
  ASSERT_EQ(l.boxes.size(), g.nodes.size());
  for (std::size_t i = 0; i < l.boxes.size(); ++i) {
    const Rect& a = l.boxes[i].rect;
    EXPECT_GE(a.x, 0);
    EXPECT_GE(a.y, 0);
    EXPECT_LE(a.x + a.width, l.width);
    EXPECT_LE(a.y + a.height, l.height);
    for (std::size_t j = i + 1; j < l.boxes.size(); ++j) {
      const Rect& b = l.boxes[j].rect;
      const bool apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      EXPECT_TRUE(apart) << "boxes " << i << " and " << j << " overlap";
    }
  }
  const bool lr = l.direction == GraphDirection::LeftToRight;
  for (const GraphRoute& r : l.routes) {
    ASSERT_LT(r.edge, g.edges.size());
    const GraphEdge& e = g.edges[r.edge];
    EXPECT_LT(l.boxes[e.from].layer, l.boxes[e.to].layer);
    ASSERT_GE(r.points.size(), 2u);
    const Rect& from = l.boxes[e.from].rect;
    const Rect& to = l.boxes[e.to].rect;
    const GraphPoint first = r.points.front(), last = r.points.back();
    if (lr) {
      EXPECT_EQ(first.x, from.x + from.width);
      EXPECT_TRUE(first.y >= from.y && first.y < from.y + from.height);
      EXPECT_EQ(last.x, to.x - 1);
      EXPECT_TRUE(last.y >= to.y && last.y < to.y + to.height);
    } else {
      EXPECT_EQ(first.y, from.y + from.height);
      EXPECT_TRUE(first.x >= from.x && first.x < from.x + from.width);
      EXPECT_EQ(last.y, to.y - 1);
      EXPECT_TRUE(last.x >= to.x && last.x < to.x + to.width);
    }
    for (std::size_t k = 0; k + 1 < r.points.size(); ++k) {
      const GraphPoint a = r.points[k], b = r.points[k + 1];
      EXPECT_TRUE(a.x == b.x || a.y == b.y) << "not orthogonal at point " << k;
      const int dx = (b.x > a.x) - (b.x < a.x), dy = (b.y > a.y) - (b.y < a.y);
      for (GraphPoint p = a;; p = {p.x + dx, p.y + dy}) {
        for (const GraphBox& box : l.boxes) EXPECT_FALSE(inside(p, box.rect)) << "route of edge " << r.edge << " runs through a box";
        if (p == b) break;
      }
    }
  }
}

TEST(GraphLayout, ChainGoesLeftToRightInOneRow) {
  const GraphInput g = chain();
  const GraphLayout l = layout_graph(g, 158, 30);
  expect_well_formed(g, l);
  EXPECT_EQ(l.direction, GraphDirection::LeftToRight);
  EXPECT_EQ(l.layers, 3);
  EXPECT_EQ(l.height, kGraphBoxHeight);
  EXPECT_LE(l.width, 158);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(l.boxes[static_cast<std::size_t>(i)].layer, i);
  ASSERT_EQ(l.routes.size(), 2u);
  for (const GraphRoute& r : l.routes) EXPECT_EQ(r.points.size(), 2u) << "a straight line";
  EXPECT_TRUE(l.left_out.empty());
}

TEST(GraphLayout, FanInMeetsAtTheTarget) {
  const GraphInput g = fan_in();
  const GraphLayout l = layout_graph(g, 158, 30);
  expect_well_formed(g, l);
  EXPECT_EQ(l.boxes[0].layer, 0);
  EXPECT_EQ(l.boxes[1].layer, 0);
  EXPECT_EQ(l.boxes[2].layer, 1);
  EXPECT_EQ(l.boxes[3].layer, 2);
  // Both inputs end on the same cell before the join: one arrow.
  EXPECT_EQ(l.routes[0].points.back(), l.routes[1].points.back());
  // The join sits between its two inputs.
  const int join_mid = l.boxes[2].rect.y + 2;
  EXPECT_GT(join_mid, l.boxes[0].rect.y + 2);
  EXPECT_LT(join_mid, l.boxes[1].rect.y + 2);
}

TEST(GraphLayout, FanOutLeavesFromOnePoint) {
  const GraphInput g = fan_out();
  const GraphLayout l = layout_graph(g, 158, 30);
  expect_well_formed(g, l);
  EXPECT_EQ(l.layers, 3);
  for (std::size_t e = 1; e < 4; ++e) EXPECT_EQ(l.routes[e].points.front(), l.routes[1].points.front());
  // Three sinks stacked in the last layer.
  for (std::size_t v = 2; v < 5; ++v) EXPECT_EQ(l.boxes[v].layer, 2);
}

TEST(GraphLayout, DiamondHasThreeLayers) {
  const GraphInput g = diamond();
  const GraphLayout l = layout_graph(g, 158, 30);
  expect_well_formed(g, l);
  EXPECT_EQ(l.layers, 3);
  EXPECT_EQ(l.boxes[1].layer, 1);
  EXPECT_EQ(l.boxes[2].layer, 1);
  EXPECT_EQ(l.boxes[3].layer, 2);
  EXPECT_EQ(l.routes.size(), 4u);
}

TEST(GraphLayout, AnEdgeThatSkipsALayerRunsBesideIt) {
  // Source → A → Sink and Source → Sink directly.
  const GraphInput g = graph_of({"Source", "A", "Sink"}, {edge(0, 1), edge(1, 2), edge(0, 2, "FORWARD")});
  const GraphLayout l = layout_graph(g, 158, 30);
  expect_well_formed(g, l);
  EXPECT_EQ(l.boxes[2].layer, 2);
  EXPECT_EQ(l.routes.size(), 3u);
}

TEST(GraphLayout, ThirtyVerticesScrollRatherThanShrink) {
  const GraphInput g = wide(30);
  const GraphLayout l = layout_graph(g, 76, 8);
  expect_well_formed(g, l);
  EXPECT_EQ(l.layers, 30);
  EXPECT_GT(l.width * l.height, 76 * 8) << "larger than the window: it scrolls";
  for (const GraphBox& b : l.boxes) EXPECT_GE(b.rect.width, kGraphMinBoxWidth);
}

TEST(GraphLayout, NarrowAndTallGoesTopToBottom) {
  const GraphInput g = wide(4);
  const GraphLayout narrow = layout_graph(g, 40, 40);
  expect_well_formed(g, narrow);
  EXPECT_EQ(narrow.direction, GraphDirection::TopToBottom);
  EXPECT_LE(narrow.width, 40);
  // Wide enough: left to right.
  EXPECT_EQ(layout_graph(g, 158, 10).direction, GraphDirection::LeftToRight);
  // Too narrow for left to right and too low for top to bottom: whichever hides less.
  EXPECT_EQ(layout_graph(g, 76, 8).direction, GraphDirection::LeftToRight);
}

TEST(GraphLayout, CyclesSelfLoopsAndUnknownEndsAreLeftOut) {
  GraphInput g = graph_of({"A", "B", "C"}, {edge(0, 1), edge(1, 2), edge(2, 0), edge(1, 1), edge(0, 7), edge(0, 1)});
  const GraphLayout l = layout_graph(g, 158, 30);
  expect_well_formed(g, l);
  EXPECT_EQ(l.routes.size(), 2u);
  EXPECT_EQ(l.left_out, (std::vector<std::size_t>{2, 3, 4, 5}));
  // Nothing but a cycle: still every vertex placed, one edge left out.
  const GraphInput ring = graph_of({"A", "B", "C"}, {edge(0, 1), edge(1, 2), edge(2, 0)});
  const GraphLayout r = layout_graph(ring, 158, 30);
  expect_well_formed(ring, r);
  EXPECT_EQ(r.left_out.size(), 1u);
  EXPECT_EQ(r.layers, 3);
}

TEST(GraphLayout, EmptyAndSingle) {
  EXPECT_TRUE(layout_graph(GraphInput{}, 80, 10).boxes.empty());
  const GraphInput one = graph_of({"Source: only"}, {});
  const GraphLayout l = layout_graph(one, 80, 10);
  ASSERT_EQ(l.boxes.size(), 1u);
  EXPECT_EQ(l.height, kGraphBoxHeight);
}

TEST(GraphScrolling, FollowsTheSelectionAndStaysInside) {
  const GraphInput g = wide(30);
  const GraphLayout l = layout_graph(g, 76, 5);
  GraphScroll s = follow_selection(l, 0, {}, 76, 5);
  EXPECT_EQ(s, GraphScroll{});
  s = follow_selection(l, 29, s, 76, 5);
  const Rect& last = l.boxes[29].rect;
  EXPECT_EQ(s.x + 76, last.x + last.width);
  s = follow_selection(l, 10, s, 76, 5);
  EXPECT_EQ(s.x, l.boxes[10].rect.x);
  EXPECT_EQ(follow_selection(l, std::nullopt, GraphScroll{100000, 100000}, 76, 5).x, l.width - 76);
  EXPECT_EQ(follow_selection(l, std::nullopt, GraphScroll{-5, -5}, 76, 5), GraphScroll{});
  const GraphOverflow start = graph_overflow(l, GraphScroll{}, 76, 5);
  EXPECT_TRUE(start.right);
  EXPECT_FALSE(start.left || start.up || start.down);
  const GraphOverflow end = graph_overflow(l, GraphScroll{l.width - 76, 0}, 76, 5);
  EXPECT_TRUE(end.left);
  EXPECT_FALSE(end.right);
  EXPECT_FALSE(graph_overflow(layout_graph(chain(), 158, 10), GraphScroll{}, 158, 10).any());
}

TEST(GraphPercent, Words) {
  EXPECT_EQ(graph_percent(0.254), "25%");
  EXPECT_EQ(graph_percent(1.7), "100%");
  EXPECT_EQ(graph_percent(-1), "");
  EXPECT_EQ(graph_percent(std::nan("")), "");
}

void render(const GraphInput& g, int w, int h, const std::string& name, std::optional<std::size_t> selected = 0,
            bool unicode = true) {
  const Theme theme = Theme::builtin();
  Canvas c(w, h);
  const Rect area{1, 1, w - 2, h - 2};
  const GraphLayout l = layout_graph(g, area.width, area.height);
  const GraphScroll s = follow_selection(l, selected, {}, area.width, area.height);
  draw_graph(c, area, g, l, selected, s, {theme, unicode, {}});
  testing::expect_snapshot(c, name);
}

TEST(GraphSnapshot, Shapes) {
  GraphInput loaded = chain();
  loaded.nodes[1].busy = 0.93;
  loaded.nodes[0].backpressure = 0.62;
  loaded.nodes[1].parallelism = 12;
  render(loaded, 80, 24, "graph_chain_80x24");
  render(loaded, 160, 48, "graph_chain_160x48");
  render(fan_in(), 80, 24, "graph_fan_in_80x24", 2);
  render(fan_in(), 160, 48, "graph_fan_in_160x48", 2);
  render(fan_out(), 80, 24, "graph_fan_out_80x24", 1);
  render(fan_out(), 160, 48, "graph_fan_out_160x48", 1);
  render(diamond(), 80, 24, "graph_diamond_80x24", 3);
  render(diamond(), 160, 48, "graph_diamond_160x48", 3);
  render(diamond(), 80, 24, "graph_diamond_ascii_80x24", 3, false);
  render(wide(30), 80, 24, "graph_thirty_80x24", 12);
  render(wide(30), 160, 48, "graph_thirty_160x48", 12);
}

}  // namespace
}  // namespace flinktop::tui
