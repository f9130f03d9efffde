#include "tui/views/job_view.hpp"

#include <fmt/format.h>

#include <sstream>

#include "core/text/one_line.hpp"
#include "tui/screen/glyphs.hpp"
#include "tui/screen/utf8.hpp"
#include "tui/views/job_graph.hpp"
#include "tui/views/job_savepoints.hpp"

namespace flinktop::tui {

namespace {

const char* const kTabNames[] = {"Vertices", "Checkpoints", "Exceptions", "Savepoints"};
const char* const kTabShortNames[] = {"Vert", "Ckpt", "Exc", "Svpt"};

// From this table width on, the savepoints table also shows FORMAT and ERROR.
constexpr int kWideSavepoints = 120;
// The vertices table keeps at least this many rows (header included) under the graph, or a
// third of the room when that is more.
constexpr int kTableRowsUnderGraph = 4;

}  // namespace

JobView::JobView(std::string cluster_id, std::string cluster_name, std::string job_id, std::string job_name)
    : cluster_id_(std::move(cluster_id)), cluster_name_(std::move(cluster_name)), job_id_(std::move(job_id)),
      job_name_(std::move(job_name)) {
  tabs_[kVertices].set_columns({{"NAME", 24, 0, true, Align::Left}});
  tabs_[kVertices].set_empty_message("Loading the job graph…");
  tabs_[kVertices].set_row_role([](const model::Row& row) { return row.cells.size() > 2 ? role_for_state(row.cells[2]) : Role::RowNormal; });
  tabs_[kCheckpoints].set_columns({{"PATH / FAILURE", 10, 0, true, Align::Left}, {"ID", 0, 0, false, Align::Right}});
  tabs_[kCheckpoints].set_empty_message("No checkpoints yet");
  tabs_[kCheckpoints].set_row_role([](const model::Row& row) { return row.cells.size() > 1 ? role_for_state(row.cells[1]) : Role::RowNormal; });
  tabs_[kExceptions].set_columns({{"EXCEPTION", 12, 0, true, Align::Left}});
  tabs_[kExceptions].set_empty_message("No exceptions: the job has not failed");
  tabs_[kExceptions].set_row_role([](const model::Row&) { return Role::RowError; });
  tabs_[kSavepoints].set_columns({{"PATH", 16, 0, false, Align::Left},
                                  {"SOURCES", 8, 0, true, Align::Left},
                                  {"ERROR", 8, 0, true, Align::Left}});
  tabs_[kSavepoints].set_empty_message("No savepoints of this job known to Flink, the operator or flinktop's journal");
  tabs_[kSavepoints].set_row_role([](const model::Row& row) { return row.cells.size() > 1 ? role_for_state(row.cells[1]) : Role::RowNormal; });
}

std::vector<KeyHint> JobView::hints() const {
  if (tab_ == kSavepoints) return {{"tab", "Next tab"}, {"r", "Restore from it"}, {"Y", "Copy"}, {"esc", "Back"}};
  return {{"tab", "Next tab"}, {"s", "Savepoint"}, {"S", "Stop w/ savepoint"},
          {"P", "Rescale"}, {"c", "Cancel"}, {"Y", "Copy"}, {"esc", "Back"}};
}

long long JobView::parallelism() const {
  long long highest = 0;
  if (!flink_ || !flink_->open_job || flink_->open_job->job_id != job_id_ || !flink_->open_job->details) return 0;
  for (const flink::Vertex& v : flink_->open_job->details->vertices) {
    highest = std::max<long long>(highest, v.parallelism);
  }
  return highest;
}

namespace {

// A share the cluster does not report (Flink before 1.15 sends no accumulated times) reads "-".
std::string share_cell(double share) {
  std::string cell = graph_percent(share);
  return cell.empty() ? "-" : cell;
}

}  // namespace

model::RowTable JobView::vertex_rows(const flink::JobDetails& job, const model::JobHistory* history) {
  model::RowTable table{{"NAME", "PARALLELISM", "STATUS", "RECORDS IN", "RECORDS OUT", "BYTES IN", "BYTES OUT",
                         "BUSY", "BACKPRESSURED", "DURATION"},
                        {}};
  for (const flink::Vertex& v : job.vertices) {
    const VertexShares shares = vertex_shares(v, history);
    table.rows.push_back({v.id,
                          {v.name, std::to_string(v.parallelism), v.status, count(v.metrics.read_records),
                           count(v.metrics.write_records), bytes(v.metrics.read_bytes), bytes(v.metrics.write_bytes),
                           share_cell(shares.busy), share_cell(shares.backpressure),
                           duration_from_millis(v.duration)}});
  }
  return table;
}

model::RowTable JobView::checkpoint_rows(const flink::CheckpointStats& stats, std::chrono::system_clock::time_point now) {
  model::RowTable table{{"ID", "STATUS", "TYPE", "TRIGGERED", "DURATION", "SIZE", "PATH / FAILURE"}, {}};
  for (const flink::Checkpoint& c : stats.history) {
    table.rows.push_back({std::to_string(c.id),
                          {std::to_string(c.id), c.status, c.is_savepoint ? "savepoint" : "checkpoint",
                           age_from_millis(c.trigger_timestamp, now), duration_from_millis(c.end_to_end_duration),
                           bytes(c.size_bytes()),
                           c.failure_message.empty() ? c.external_path : c.failure_message}});
  }
  return table;
}

model::RowTable JobView::exception_rows(const flink::JobExceptions& exceptions, std::chrono::system_clock::time_point now) {
  model::RowTable table{{"WHEN", "EXCEPTION", "TASK", "LOCATION"}, {}};
  for (const flink::ExceptionEntry& e : exceptions.entries) {
    table.rows.push_back({fmt::format("{}-{}", e.timestamp, e.exception_name),
                          {age_from_millis(e.timestamp, now), e.exception_name, e.task_name, e.endpoint}});
  }
  return table;
}

void JobView::load(Tab tab, model::RowTable rows, WidgetClock::time_point now) {
  rows.seal();
  if (!loaded_[tab]) {
    tabs_[tab].set_rows(std::move(rows));
    loaded_[tab] = true;
    return;
  }
  const model::RowDelta delta = model::diff_rows(tabs_[tab].data(), rows);
  if (!delta.empty()) tabs_[tab].update(std::move(rows), delta, now);
}

void JobView::refresh(const ViewData& data, WidgetClock::time_point now) {
  summary_.clear();
  trends_.clear();
  error_.clear();
  stacktrace_.clear();
  // The operator's and the journal's savepoints are known before the first poll answers.
  savepoints_ = job_savepoints(data, OpenJob{cluster_id_, job_id_, job_name_});
  wall_now_ = data.now;
  flink_ = data.flink;
  load(kSavepoints, savepoint_rows(savepoints_, data.now, wide_), now);
  if (!data.flink || !data.flink->open_job || data.flink->open_job->job_id != job_id_) {
    summary_.push_back("Loading job " + job_id_ + "…");
    return;
  }
  const model::FlinkJobDetail& detail = *data.flink->open_job;
  error_ = detail.error;
  if (detail.details) {
    const flink::JobDetails& job = *detail.details;
    std::int64_t running = 0, total = 0;
    for (const flink::Vertex& v : job.vertices) {
      running += v.tasks.of("running");
      total += v.tasks.total;
    }
    summary_.push_back(fmt::format("{}  ·  {}  ·  id {}  ·  started {} ago  ·  up {}  ·  tasks {}/{} running", job.state,
                                   job.job_type.empty() ? "job" : job.job_type, job.id,
                                   age_from_millis(job.start_time, data.now), duration_from_millis(job.duration),
                                   running, total));
    load(kVertices, vertex_rows(job, &detail.history), now);
    graph_ = job_graph_input(job, &detail.history);
    if (!detail.history.samples().empty()) trends_ = job_trends(detail.history);
  }
  if (detail.checkpoints) {
    const flink::CheckpointStats& stats = *detail.checkpoints;
    std::string line = fmt::format("checkpoints: {} completed, {} failed, {} in progress, {} restored",
                                   stats.counts.completed, stats.counts.failed, stats.counts.in_progress,
                                   stats.counts.restored);
    if (const auto& last = stats.latest.completed) {
      line += fmt::format("  ·  last #{} {} ago, {}, {}", last->id, age_from_millis(last->latest_ack_timestamp, data.now),
                          duration_from_millis(last->end_to_end_duration), bytes(last->state_size));
    }
    summary_.push_back(line);
    if (const auto& sp = stats.latest.savepoint) summary_.push_back("last savepoint: " + sp->external_path);
    if (const auto& restored = stats.latest.restored) {
      summary_.push_back(fmt::format("restored from #{}{}", restored->id,
                                     restored->external_path.empty() ? "" : " " + restored->external_path));
    }
    load(kCheckpoints, checkpoint_rows(stats, data.now), now);
  }
  if (detail.exceptions) {
    load(kExceptions, exception_rows(*detail.exceptions, data.now), now);
    if (const model::Row* selected = tabs_[kExceptions].selected()) {
      for (const flink::ExceptionEntry& e : detail.exceptions->entries) {
        if (fmt::format("{}-{}", e.timestamp, e.exception_name) == selected->id) stacktrace_ = e.stacktrace;
      }
    }
  }
}

bool JobView::handle_key(const Key& key) {
  if (key.kind == Key::Kind::Tab || key.kind == Key::Kind::BackTab) {
    const int step = key.kind == Key::Kind::Tab ? 1 : kTabCount - 1;
    tab_ = static_cast<Tab>((tab_ + step) % kTabCount);
    return true;
  }
  return tabs_[tab_].handle_key(key);
}

void JobView::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  // Where the tab names do not all fit (80 columns), the others shrink so the open one stays whole.
  auto title_with = [&](const char* const* names) {
    std::vector<TitlePart> title{{" " + this->title() + " ", Role::Title}};
    for (int t = 0; t < kTabCount; ++t) {
      title.push_back({fmt::format("[{}] ", t == tab_ ? kTabNames[t] : names[t]),
                       t == tab_ ? Role::TitleFilter : Role::TitleCounter});
    }
    if (!error_.empty()) title.push_back({"stale ", Role::StatusError});
    return title;
  };
  std::vector<TitlePart> title = title_with(kTabNames);
  int title_width = 2;
  for (const TitlePart& part : title) title_width += text_width(part.text);
  if (title_width > area.width - 4) title = title_with(kTabShortNames);
  Rect inner = draw_box(canvas, area, ctx, Role::Border, title);
  int y = inner.y;
  for (const std::string& line : summary_) {
    if (y >= inner.y + inner.height - 2) break;
    canvas.text(inner.x + 1, y++, line, ctx.theme[Role::HeaderValue], inner.width - 2);
  }
  if (!trends_.empty() && y < inner.y + inner.height - 2) draw_trends(canvas, {inner.x + 1, y++, inner.width - 2, 1}, trends_, ctx);
  if (!error_.empty() && y < inner.y + inner.height - 2) {
    canvas.text(inner.x + 1, y++, error_, ctx.theme[Role::StatusError], inner.width - 2);
  }
  Rect table_area{inner.x, y, inner.width, inner.y + inner.height - y};
  if (tab_ == kVertices) {
    const int taken = draw_job_graph(canvas, table_area, ctx);
    table_area.y += taken;
    table_area.height -= taken;
  }
  if (tab_ == kSavepoints) {
    // The columns follow the width: rebuilt (without flashing rows) when it crosses the line.
    const bool wide = inner.width >= kWideSavepoints;
    if (wide != wide_) {
      wide_ = wide;
      if (loaded_[kSavepoints]) tabs_[kSavepoints].set_rows(savepoint_rows(savepoints_, wall_now_, wide_));
    }
    table_area.height -= draw_savepoint_detail(canvas, table_area, ctx);
  }
  // Under the exceptions table, the selected exception's stack trace gets the lower half.
  if (tab_ == kExceptions && !stacktrace_.empty() && table_area.height > 8) {
    const int trace_height = table_area.height / 2;
    table_area.height -= trace_height;
    std::istringstream trace(stacktrace_);
    std::string line;
    int row = table_area.y + table_area.height;
    while (row < inner.y + inner.height && std::getline(trace, line)) {
      canvas.text(inner.x + 1, row++, text::one_line(line, 1000), ctx.theme[Role::LogError], inner.width - 2);
    }
  }
  tabs_[tab_].draw(canvas, table_area, ctx);
}

const model::SavepointRecord* JobView::selected_savepoint() const {
  const model::Row* selected = tabs_[kSavepoints].selected();
  if (selected == nullptr) return nullptr;
  const auto& rows = tabs_[kSavepoints].data().rows;
  for (std::size_t i = 0; i < rows.size() && i < savepoints_.size(); ++i) {
    if (rows[i].id == selected->id) return &savepoints_[i];
  }
  return nullptr;
}

int JobView::draw_savepoint_detail(Canvas& canvas, Rect area, const DrawContext& ctx) {
  const model::SavepointRecord* record = selected_savepoint();
  if (record == nullptr || area.height < 6) return 0;
  std::vector<std::pair<std::string, Role>> lines;
  if (!record->path.empty()) lines.emplace_back(record->path, Role::HeaderValue);
  if (!record->error.empty() && !wide_) lines.emplace_back(text::one_line(record->error, 1000), Role::StatusError);
  int y = area.y + area.height - static_cast<int>(lines.size());
  for (const auto& [line, role] : lines) canvas.text(area.x + 1, y++, line, ctx.theme[role], area.width - 2);
  return static_cast<int>(lines.size());
}

int JobView::draw_job_graph(Canvas& canvas, Rect area, const DrawContext& ctx) {
  if (graph_.nodes.empty()) return 0;
  const int table_rows = 1 + static_cast<int>(tabs_[kVertices].shown());
  const int keep = std::min(table_rows, std::max(kTableRowsUnderGraph, area.height / 3));
  const int room = area.height - keep - 1;  // a blank row between graph and table
  if (room < kGraphBoxHeight) return 0;
  const int width = area.width - 2;
  const std::string shape = graph_shape(graph_);
  if (shape != graph_shape_ || width != graph_width_ || room != graph_height_) {
    graph_layout_ = layout_graph(graph_, width, room);
    graph_shape_ = shape;
    graph_width_ = width;
    graph_height_ = room;
  }
  std::optional<std::size_t> selected;
  if (const model::Row* row = tabs_[kVertices].selected()) {
    for (std::size_t i = 0; i < graph_.nodes.size(); ++i) {
      if (graph_.nodes[i].id == row->id) selected = i;
    }
  }
  const int height = std::min(graph_layout_.height, room);
  graph_scroll_ = follow_selection(graph_layout_, selected, graph_scroll_, width, height);
  draw_graph(canvas, {area.x + 1, area.y, width, height}, graph_, graph_layout_, selected, graph_scroll_, ctx);
  // Under a graph larger than its window: which way the rest lies and how to get there.
  if (const GraphOverflow more = graph_overflow(graph_layout_, graph_scroll_, width, height); more.any()) {
    const Glyphs& g = glyphs(ctx.unicode);
    std::string arrows;
    for (auto [on, arrow] : {std::pair{more.left, g.arrow_left}, std::pair{more.right, g.arrow_right},
                             std::pair{more.up, g.arrow_up}, std::pair{more.down, g.arrow_down}}) {
      if (on) arrows += utf8::encode(arrow);
    }
    const std::string hint = arrows + " more of the graph: j/k selects the vertex it shows";
    const int w = std::min(width, text_width(hint));
    canvas.text(area.x + 1 + width - w, area.y + height, hint, ctx.theme[Role::TitleCounter], w);
  }
  return height + 1;
}

CopyTarget JobView::copy_target() {
  const model::Row* row = tabs_[tab_].selected();
  switch (tab_) {
    case kVertices:
      if (row) return {"vertex id", row->id};
      break;
    case kCheckpoints:
      // A completed checkpoint's path (to restore from); a failed one's id.
      if (row && row->cells.size() > 6 && row->cells[1] == "COMPLETED" && !row->cells[6].empty()) {
        return {"checkpoint path", row->cells[6]};
      }
      if (row) return {"checkpoint id", row->id};
      break;
    case kExceptions:
      // Looked up now: the trace under the table follows the cursor only at the next refresh.
      if (row && flink_ && flink_->open_job && flink_->open_job->exceptions) {
        for (const flink::ExceptionEntry& e : flink_->open_job->exceptions->entries) {
          if (fmt::format("{}-{}", e.timestamp, e.exception_name) == row->id) return {"stack trace", e.stacktrace};
        }
      }
      break;
    case kSavepoints:
      if (const model::SavepointRecord* record = selected_savepoint(); record && !record->path.empty()) {
        return {"savepoint path", record->path};
      }
      break;
    case kTabCount: break;
  }
  return {"job id", job_id_};
}


std::optional<LogsTarget> JobView::logs_target(const ViewData& /*data*/) {
  return LogsTarget{LogRequest::of_job(cluster_id_, job_id_, job_name_), job_name_};
}

}  // namespace flinktop::tui
