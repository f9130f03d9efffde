#include "tui/views/job_graph.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/text/quantity.hpp"
#include "tui/views/view.hpp"

namespace flinktop::tui {

namespace {

double lifetime_share(double part_ms, const flink::Vertex& v) {
  const double whole = static_cast<double>(v.duration) * static_cast<double>(std::max<std::int64_t>(1, v.parallelism));
  if (v.duration <= 0) return -1;
  return std::clamp(part_ms / whole, 0.0, 1.0);
}

// Flink's plan descriptions carry HTML line breaks; one line is enough for a box.
std::string plain_description(std::string text) {
  for (std::size_t at; (at = text.find("<br/>")) != std::string::npos;) text.replace(at, 5, " ");
  return text;
}

std::string rate(double per_second) {
  if (!std::isfinite(per_second)) return "–";
  return text::count(std::llround(per_second)) + "/s";
}

double last_known(const std::vector<double>& values) {
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    if (std::isfinite(*it)) return *it;
  }
  return model::kUnknown;
}

}  // namespace

VertexShares vertex_shares(const flink::Vertex& v, const model::JobHistory* history) {
  if (history) {
    auto it = history->vertex_loads().find(v.id);
    if (it != history->vertex_loads().end() && std::isfinite(it->second.busy)) {
      return {it->second.busy, std::isfinite(it->second.backpressure) ? it->second.backpressure : -1};
    }
  }
  if (!v.metrics.accumulated_times_known) return {-1, -1};  // Flink before 1.15: not sent
  return {lifetime_share(v.metrics.accumulated_busy_time, v),
          lifetime_share(static_cast<double>(v.metrics.accumulated_backpressured_time), v)};
}

GraphInput job_graph_input(const flink::JobDetails& job, const model::JobHistory* history) {
  GraphInput graph;
  if (job.plan.nodes.empty()) return graph;
  std::map<std::string, std::size_t> index;
  for (const flink::Vertex& v : job.vertices) {
    const VertexShares shares = vertex_shares(v, history);
    GraphNode node;
    node.id = v.id;
    node.name = v.name;
    node.parallelism = v.parallelism;
    node.status = v.status;
    node.status_role = role_for_state(v.status);
    node.busy = shares.busy;
    node.backpressure = shares.backpressure;
    index[v.id] = graph.nodes.size();
    graph.nodes.push_back(std::move(node));
  }
  for (const flink::PlanNode& p : job.plan.nodes) {
    if (index.contains(p.id)) continue;
    GraphNode node;
    node.id = p.id;
    node.name = plain_description(p.description);
    node.parallelism = p.parallelism;
    index[p.id] = graph.nodes.size();
    graph.nodes.push_back(std::move(node));
  }
  for (const flink::PlanNode& p : job.plan.nodes) {
    for (const flink::PlanInput& input : p.inputs) {
      auto from = index.find(input.id);
      // An input the plan does not list is left out rather than guessed.
      if (from == index.end()) continue;
      GraphEdge edge;
      edge.from = from->second;
      edge.to = index.at(p.id);
      edge.label = input.ship_strategy;
      graph.edges.push_back(std::move(edge));
    }
  }
  return graph;
}

std::string graph_shape(const GraphInput& graph) {
  std::string shape;
  for (const GraphNode& n : graph.nodes) shape += n.id + ';';
  for (const GraphEdge& e : graph.edges) shape += fmt::format("{}>{};", e.from, e.to);
  return shape;
}

std::vector<Trend> job_trends(const model::JobHistory& history) {
  std::vector<Trend> trends;
  Trend in{"in", "", "", history.series(&model::JobSample::records_in_per_second), 0, Role::Sparkline};
  in.value = rate(last_known(in.values));
  Trend out{"out", "", "", history.series(&model::JobSample::records_out_per_second), 0, Role::Sparkline};
  out.value = rate(last_known(out.values));
  Trend bp{"backpressure", "", "bp", history.series(&model::JobSample::max_backpressure), 1.0, Role::Sparkline};
  const double last_bp = last_known(bp.values);
  bp.value = std::isfinite(last_bp) ? graph_percent(last_bp) : "–";
  if (last_bp > 0.1) bp.role = Role::SparklineWarn;
  Trend checkpoint{"checkpoint", "", "ckpt", history.checkpoint_durations(), 0, Role::Sparkline};
  checkpoint.value = checkpoint.values.empty() ? "–" : text::duration_from_millis(std::llround(checkpoint.values.back()));
  trends.push_back(std::move(in));
  trends.push_back(std::move(out));
  trends.push_back(std::move(bp));
  trends.push_back(std::move(checkpoint));
  return trends;
}

}  // namespace flinktop::tui
