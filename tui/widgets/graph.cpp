// layout_graph: layers (longest path from the sources, cycles broken), order within layers
// (barycentres, a few sweeps), positions across the layers (each vertex pulled towards its
// neighbours), lanes in the channels between layers, then the routes.
#include "tui/widgets/graph.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace flinktop::tui {

namespace {

constexpr int kChannels[] = {14, 12, 10, 8, 6};  // preferred room between layers, left to right
constexpr int kMinChannel = 6;
constexpr int kCrossGapLR = 1;  // rows between boxes of one layer
constexpr int kCrossGapTB = 2;  // columns between boxes of one layer
constexpr int kSweeps = 4;

// A vertex or, for an edge that skips layers, a point it passes in a layer between.
struct Item {
  bool dummy = false;
  std::size_t node = 0;
  int layer = 0;
  std::vector<int> preds, succs;  // items in the layer before / after
  int pos = 0;                    // across the layers
  int size = 1;
};

// What the direction does not change: layers, items and their order.
struct Skeleton {
  std::vector<Item> items;                 // the nodes first, in node order, then dummies
  std::vector<std::vector<int>> layers;    // item indices, in order
  std::vector<std::pair<std::size_t, std::vector<int>>> chains;  // edge → its items, source to target
  std::vector<std::size_t> left_out;
};

// Longest path from the sources. Kahn's order; when only cycles are left, the remaining vertex
// with the lowest index goes next and the edges that close its cycles are left out.
std::vector<int> assign_layers(std::size_t n, const std::vector<GraphEdge>& edges, std::vector<bool>& kept,
                               std::vector<std::size_t>& left_out) {
  std::vector<std::vector<std::size_t>> in(n), out(n);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (!kept[e]) continue;
    out[edges[e].from].push_back(e);
    in[edges[e].to].push_back(e);
  }
  std::vector<int> pending(n, 0), layer(n, 0);
  for (std::size_t v = 0; v < n; ++v) pending[v] = static_cast<int>(in[v].size());
  std::vector<bool> done(n, false);
  std::set<std::size_t> ready;
  for (std::size_t v = 0; v < n; ++v) {
    if (pending[v] == 0) ready.insert(v);
  }
  for (std::size_t placed = 0; placed < n; ++placed) {
    if (ready.empty()) {
      std::size_t forced = 0;
      while (done[forced]) ++forced;
      for (std::size_t e : in[forced]) {
        if (kept[e] && !done[edges[e].from]) {
          kept[e] = false;
          left_out.push_back(e);
        }
      }
      ready.insert(forced);
    }
    const std::size_t v = *ready.begin();
    ready.erase(ready.begin());
    done[v] = true;
    for (std::size_t e : in[v]) {
      if (kept[e]) layer[v] = std::max(layer[v], layer[edges[e].from] + 1);
    }
    for (std::size_t e : out[v]) {
      if (!kept[e]) continue;
      const std::size_t to = edges[e].to;
      if (!done[to] && --pending[to] == 0) ready.insert(to);
    }
  }
  return layer;
}

// The mean order of an item's neighbours in the layer before or after; its own without any.
double barycentre(const std::vector<int>& neighbours, const std::vector<int>& order, int self) {
  if (neighbours.empty()) return self;
  double sum = 0;
  for (int n : neighbours) sum += order[static_cast<std::size_t>(n)];
  return sum / static_cast<double>(neighbours.size());
}

void order_layers(Skeleton& s) {
  std::vector<int> order(s.items.size(), 0);
  auto renumber = [&] {
    for (const auto& layer : s.layers) {
      for (std::size_t i = 0; i < layer.size(); ++i) order[static_cast<std::size_t>(layer[i])] = static_cast<int>(i);
    }
  };
  renumber();
  auto sweep = [&](std::size_t l, bool down) {
    auto& layer = s.layers[l];
    std::vector<std::pair<double, int>> keyed;
    for (int i : layer) {
      const Item& item = s.items[static_cast<std::size_t>(i)];
      keyed.emplace_back(barycentre(down ? item.preds : item.succs, order, order[static_cast<std::size_t>(i)]), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < keyed.size(); ++k) layer[k] = keyed[k].second;
    renumber();
  };
  for (int round = 0; round < kSweeps; ++round) {
    for (std::size_t l = 1; l < s.layers.size(); ++l) sweep(l, true);
    for (std::size_t l = s.layers.size(); l-- > 1;) sweep(l - 1, false);
  }
}

Skeleton build_skeleton(const GraphInput& graph) {
  Skeleton s;
  const std::size_t n = graph.nodes.size();
  std::vector<bool> kept(graph.edges.size(), true);
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (std::size_t e = 0; e < graph.edges.size(); ++e) {
    const GraphEdge& edge = graph.edges[e];
    if (edge.from >= n || edge.to >= n || edge.from == edge.to || !seen.insert({edge.from, edge.to}).second) {
      kept[e] = false;
      s.left_out.push_back(e);
    }
  }
  const std::vector<int> layer = assign_layers(n, graph.edges, kept, s.left_out);
  std::sort(s.left_out.begin(), s.left_out.end());
  const int layers = n == 0 ? 0 : *std::max_element(layer.begin(), layer.end()) + 1;
  s.layers.resize(static_cast<std::size_t>(layers));
  for (std::size_t v = 0; v < n; ++v) {
    Item item;
    item.node = v;
    item.layer = layer[v];
    s.items.push_back(item);
    s.layers[static_cast<std::size_t>(layer[v])].push_back(static_cast<int>(v));
  }
  for (std::size_t e = 0; e < graph.edges.size(); ++e) {
    if (!kept[e]) continue;
    std::vector<int> chain{static_cast<int>(graph.edges[e].from)};
    for (int l = layer[graph.edges[e].from] + 1; l < layer[graph.edges[e].to]; ++l) {
      Item dummy;
      dummy.dummy = true;
      dummy.layer = l;
      s.items.push_back(dummy);
      chain.push_back(static_cast<int>(s.items.size() - 1));
      s.layers[static_cast<std::size_t>(l)].push_back(chain.back());
    }
    chain.push_back(static_cast<int>(graph.edges[e].to));
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      s.items[static_cast<std::size_t>(chain[k])].succs.push_back(chain[k + 1]);
      s.items[static_cast<std::size_t>(chain[k + 1])].preds.push_back(chain[k]);
    }
    s.chains.emplace_back(e, std::move(chain));
  }
  order_layers(s);
  return s;
}

int centre(const Item& item) { return item.pos + item.size / 2; }

// Items of one layer in order, each as near `desired` as the ones before and after allow: the
// mean of the positions pushed down from the top and pushed up from the bottom.
void place_layer(std::vector<Item>& items, const std::vector<int>& layer, const std::vector<int>& desired, int gap) {
  const std::size_t k = layer.size();
  if (k == 0) return;
  auto size = [&](std::size_t i) { return items[static_cast<std::size_t>(layer[i])].size; };
  std::vector<int> down(k), up(k);
  for (std::size_t i = 0; i < k; ++i) down[i] = i == 0 ? desired[i] : std::max(desired[i], down[i - 1] + size(i - 1) + gap);
  for (std::size_t i = k; i-- > 0;) up[i] = i + 1 == k ? desired[i] : std::min(desired[i], up[i + 1] - size(i) - gap);
  int previous_end = 0;
  for (std::size_t i = 0; i < k; ++i) {
    int pos = (down[i] + up[i]) / 2;
    if (i > 0) pos = std::max(pos, previous_end + gap);
    items[static_cast<std::size_t>(layer[i])].pos = pos;
    previous_end = pos + size(i);
  }
}

void assign_positions(Skeleton& s, int box_cross, int gap) {
  for (Item& item : s.items) item.size = item.dummy ? 1 : box_cross;
  for (const auto& layer : s.layers) {
    int pos = 0;
    for (int i : layer) {
      s.items[static_cast<std::size_t>(i)].pos = pos;
      pos += s.items[static_cast<std::size_t>(i)].size + gap;
    }
  }
  auto pull = [&](std::size_t l, bool from_preds) {
    const auto& layer = s.layers[l];
    std::vector<int> desired;
    for (int i : layer) {
      const Item& item = s.items[static_cast<std::size_t>(i)];
      const auto& neighbours = from_preds ? item.preds : item.succs;
      if (neighbours.empty()) {
        desired.push_back(item.pos);
        continue;
      }
      double sum = 0;
      for (int n : neighbours) sum += centre(s.items[static_cast<std::size_t>(n)]);
      desired.push_back(static_cast<int>(std::lround(sum / static_cast<double>(neighbours.size()))) - item.size / 2);
    }
    place_layer(s.items, layer, desired, gap);
  };
  for (int round = 0; round < 3; ++round) {
    for (std::size_t l = 1; l < s.layers.size(); ++l) pull(l, true);
    for (std::size_t l = s.layers.size(); l-- > 1;) pull(l - 1, false);
  }
  int lowest = 0;
  bool first = true;
  for (const Item& item : s.items) {
    lowest = first ? item.pos : std::min(lowest, item.pos);
    first = false;
  }
  for (Item& item : s.items) item.pos -= lowest;
}

// One run of an edge through the channel after layer `layer`, from item a to item b.
struct Hop {
  std::size_t chain = 0;
  int a = 0, b = 0;
};

// Lanes of one channel: the vertical (LR) or horizontal (TB) runs of the edges that change
// position there. A vertex that fans out keeps one lane for all its edges, one that fans in too;
// fan-in lanes sit at the far end of the channel so that each edge's own run (where its label
// goes) is the long one.
struct ChannelLanes {
  std::map<std::pair<std::size_t, int>, int> offset_of;  // (chain, hop index) → offset in the channel
  int needed = 0;                                        // cells the lanes need, stub and arrow included
};

ChannelLanes plan_lanes(const Skeleton& s, const std::vector<Hop>& hops, const std::vector<int>& hop_index,
                        int channel) {
  std::map<int, int> out_degree, in_degree;
  for (const Hop& h : hops) {
    ++out_degree[h.a];
    ++in_degree[h.b];
  }
  struct Group {
    bool fan_in = false;
    double from = 0, to = 0;
    int members = 0;
    std::vector<std::pair<std::size_t, int>> hops;
  };
  std::map<std::string, Group> groups;
  for (std::size_t i = 0; i < hops.size(); ++i) {
    const Hop& h = hops[i];
    const Item& a = s.items[static_cast<std::size_t>(h.a)];
    const Item& b = s.items[static_cast<std::size_t>(h.b)];
    if (centre(a) == centre(b)) continue;  // straight: no lane
    std::string key;
    bool fan_in = false;
    if (!a.dummy && out_degree[h.a] > 1) {
      key = "a" + std::to_string(h.a);
    } else if (!b.dummy && in_degree[h.b] > 1) {
      key = "b" + std::to_string(h.b);
      fan_in = true;
    } else {
      key = "e" + std::to_string(i);
    }
    Group& g = groups[key];
    g.fan_in = fan_in;
    g.from += centre(a);
    g.to += centre(b);
    ++g.members;
    g.hops.emplace_back(h.chain, hop_index[i]);
  }
  // Going down, the lane of the edge that starts higher goes further right (and the reverse going
  // up): then the runs of two edges do not cross.
  auto order_of = [](const Group& g) {
    const double from = g.from / g.members, to = g.to / g.members;
    return to >= from ? std::pair<int, double>(0, -from) : std::pair<int, double>(1, from);
  };
  std::vector<const Group*> near, far;
  for (const auto& [key, g] : groups) (g.fan_in ? far : near).push_back(&g);
  auto by_order = [&](const Group* x, const Group* y) { return order_of(*x) < order_of(*y); };
  std::stable_sort(near.begin(), near.end(), by_order);
  std::stable_sort(far.begin(), far.end(), by_order);
  ChannelLanes lanes;
  const int count = static_cast<int>(near.size() + far.size());
  lanes.needed = count == 0 ? 3 : count + 4;  // the stub, the lanes, a cell before the arrow, the arrow
  const int size = std::max(channel, lanes.needed);
  for (std::size_t i = 0; i < near.size(); ++i) {
    for (const auto& hop : near[i]->hops) lanes.offset_of[hop] = 1 + static_cast<int>(i);
  }
  for (std::size_t i = 0; i < far.size(); ++i) {
    for (const auto& hop : far[far.size() - 1 - i]->hops) lanes.offset_of[hop] = size - 3 - static_cast<int>(i);
  }
  return lanes;
}

GraphLayout place(const GraphInput& graph, Skeleton s, GraphDirection direction, int box_width, int channel) {
  const bool lr = direction == GraphDirection::LeftToRight;
  const int box_main = lr ? box_width : kGraphBoxHeight;
  assign_positions(s, lr ? kGraphBoxHeight : box_width, lr ? kCrossGapLR : kCrossGapTB);
  const int base = lr ? channel : 3;

  // Hops per channel, then each channel's lanes and size.
  const std::size_t layer_count = s.layers.size();
  std::vector<std::vector<Hop>> hops(layer_count);
  std::vector<std::vector<int>> hop_index(layer_count);
  for (std::size_t c = 0; c < s.chains.size(); ++c) {
    const auto& chain = s.chains[c].second;
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      const auto l = static_cast<std::size_t>(s.items[static_cast<std::size_t>(chain[k])].layer);
      hops[l].push_back({c, chain[k], chain[k + 1]});
      hop_index[l].push_back(static_cast<int>(k));
    }
  }
  std::vector<ChannelLanes> lanes(layer_count);
  std::vector<int> start(layer_count, 0);
  int main = 0;
  for (std::size_t l = 0; l < layer_count; ++l) {
    start[l] = main;
    lanes[l] = plan_lanes(s, hops[l], hop_index[l], base);
    main += box_main + (l + 1 < layer_count ? std::max(base, lanes[l].needed) : 0);
  }

  GraphLayout layout;
  layout.direction = direction;
  layout.layers = static_cast<int>(layer_count);
  layout.left_out = s.left_out;
  auto point = [&](int along, int across) { return lr ? GraphPoint{along, across} : GraphPoint{across, along}; };
  int cross_extent = 0;
  for (std::size_t v = 0; v < graph.nodes.size(); ++v) {
    const Item& item = s.items[v];
    const GraphPoint corner = point(start[static_cast<std::size_t>(item.layer)], item.pos);
    layout.boxes.push_back({item.layer, Rect{corner.x, corner.y, box_width, kGraphBoxHeight}});
  }
  for (const Item& item : s.items) cross_extent = std::max(cross_extent, item.pos + item.size);
  for (std::size_t c = 0; c < s.chains.size(); ++c) {
    const auto& [edge, chain] = s.chains[c];
    GraphRoute route;
    route.edge = edge;
    const Item& first = s.items[static_cast<std::size_t>(chain.front())];
    const Item& last = s.items[static_cast<std::size_t>(chain.back())];
    auto add = [&](GraphPoint p) {
      if (route.points.empty() || !(route.points.back() == p)) route.points.push_back(p);
    };
    add(point(start[static_cast<std::size_t>(first.layer)] + box_main, centre(first)));
    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
      const Item& a = s.items[static_cast<std::size_t>(chain[k])];
      const Item& b = s.items[static_cast<std::size_t>(chain[k + 1])];
      if (centre(a) == centre(b)) continue;
      const auto l = static_cast<std::size_t>(a.layer);
      const int lane = start[l] + box_main + lanes[l].offset_of.at({c, static_cast<int>(k)});
      add(point(lane, centre(a)));
      add(point(lane, centre(b)));
    }
    add(point(start[static_cast<std::size_t>(last.layer)] - 1, centre(last)));
    layout.routes.push_back(std::move(route));
  }
  layout.width = lr ? main : cross_extent;
  layout.height = lr ? cross_extent : main;
  return layout;
}

// The share of the graph a window shows (1 = all of it).
double shown(const GraphLayout& layout, int width, int height) {
  const double w = layout.width <= width ? 1.0 : static_cast<double>(width) / layout.width;
  const double h = height <= 0 || layout.height <= height ? 1.0 : static_cast<double>(height) / layout.height;
  return w * h;
}

}  // namespace

GraphLayout layout_graph(const GraphInput& graph, int width, int height) {
  const Skeleton skeleton = build_skeleton(graph);
  const int layers = static_cast<int>(skeleton.layers.size());
  if (layers == 0) return GraphLayout{};

  // Left to right: the widest boxes and channels that fit.
  int channel = kMinChannel, box = kGraphMinBoxWidth;
  for (int c : kChannels) {
    if (layers * kGraphMinBoxWidth + (layers - 1) * c <= width) {
      channel = c;
      box = std::min(kGraphMaxBoxWidth, (width - (layers - 1) * c) / layers);
      break;
    }
  }
  GraphLayout lr = place(graph, skeleton, GraphDirection::LeftToRight, box, channel);
  if (lr.width <= width || layers == 1) return lr;

  // Top to bottom: boxes as wide as the most crowded layer allows.
  int tb_box = kGraphMaxBoxWidth;
  for (const auto& layer : skeleton.layers) {
    int boxes = 0, dummies = 0;
    for (int i : layer) (skeleton.items[static_cast<std::size_t>(i)].dummy ? dummies : boxes) += 1;
    if (boxes > 0) tb_box = std::min(tb_box, (width - dummies - (boxes + dummies - 1) * kCrossGapTB) / boxes);
  }
  tb_box = std::clamp(tb_box, kGraphMinBoxWidth, kGraphMaxBoxWidth);
  GraphLayout tb = place(graph, skeleton, GraphDirection::TopToBottom, tb_box, channel);
  return shown(tb, width, height) > shown(lr, width, height) ? tb : lr;
}

}  // namespace flinktop::tui
