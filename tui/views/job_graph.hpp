// What the job view shows of a job's shape and load: the graph widget's input built from the
// plan (edges, ship strategies) joined with the vertices (parallelism, status), and each vertex's
// busy and backpressured share — over the last poll interval when the history has it, else
// Flink's average over the vertex's life — so that the graph and the vertices table agree.
#pragma once

#include <string>
#include <vector>

#include "core/flink/types/job.hpp"
#include "core/model/job_history.hpp"
#include "tui/widgets/graph.hpp"
#include "tui/widgets/sparkline.hpp"

namespace flinktop::tui {

struct VertexShares {
  double busy = -1;  // 0..1; negative: unknown
  double backpressure = -1;
};

VertexShares vertex_shares(const flink::Vertex& vertex, const model::JobHistory* history);

// Nodes in the vertices' order (sources first, as Flink lists them), then plan nodes without a
// vertex; an edge per plan input. No plan: no graph (empty input).
GraphInput job_graph_input(const flink::JobDetails& job, const model::JobHistory* history);

// The shape alone (ids and edges): the layout is computed again only when it changes.
std::string graph_shape(const GraphInput& graph);

// The current series and values for the trends row of the job view.
std::vector<Trend> job_trends(const model::JobHistory& history);

}  // namespace flinktop::tui
