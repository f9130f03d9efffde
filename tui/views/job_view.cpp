#include "tui/views/job_view.hpp"

#include <fmt/format.h>

#include <sstream>

#include "core/text/one_line.hpp"
#include "tui/views/job_savepoints.hpp"

namespace flinktop::tui {

namespace {

const char* const kTabNames[] = {"Vertices", "Checkpoints", "Exceptions", "Savepoints"};
const char* const kTabShortNames[] = {"Vert", "Ckpt", "Exc", "Svpt"};

// From this table width on, the savepoints table also shows FORMAT and ERROR.
constexpr int kWideSavepoints = 120;

std::string percent_of(std::int64_t part_ms, std::int64_t whole_ms) {
  if (whole_ms <= 0) return "";
  return fmt::format("{:.0f}%", 100.0 * static_cast<double>(part_ms) / static_cast<double>(whole_ms));
}

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
  return {{"tab", "Next tab"}, {"s", "Savepoint"}, {"S", "Stop w/ savepoint"},
          {"c", "Cancel"}, {"esc", "Back"}};
}

model::RowTable JobView::vertex_rows(const flink::JobDetails& job) {
  model::RowTable table{{"NAME", "PARALLELISM", "STATUS", "RECORDS IN", "RECORDS OUT", "BYTES IN", "BYTES OUT",
                         "BUSY", "BACKPRESSURED", "DURATION"},
                        {}};
  for (const flink::Vertex& v : job.vertices) {
    const std::int64_t lifetime = v.duration * std::max<std::int64_t>(1, v.parallelism);
    table.rows.push_back({v.id,
                          {v.name, std::to_string(v.parallelism), v.status, count(v.metrics.read_records),
                           count(v.metrics.write_records), bytes(v.metrics.read_bytes), bytes(v.metrics.write_bytes),
                           percent_of(static_cast<std::int64_t>(v.metrics.accumulated_busy_time), lifetime),
                           percent_of(v.metrics.accumulated_backpressured_time, lifetime),
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
                           bytes(c.checkpointed_size > 0 ? c.checkpointed_size : c.state_size),
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
  error_.clear();
  stacktrace_.clear();
  // The operator's and the journal's savepoints are known before the first poll answers.
  savepoints_ = job_savepoints(data, OpenJob{cluster_id_, job_id_, job_name_});
  wall_now_ = data.now;
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
    load(kVertices, vertex_rows(job), now);
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
  if (!error_.empty() && y < inner.y + inner.height - 2) {
    canvas.text(inner.x + 1, y++, error_, ctx.theme[Role::StatusError], inner.width - 2);
  }
  Rect table_area{inner.x, y, inner.width, inner.y + inner.height - y};
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

int JobView::draw_savepoint_detail(Canvas& canvas, Rect area, const DrawContext& ctx) {
  const model::Row* selected = tabs_[kSavepoints].selected();
  if (selected == nullptr || area.height < 6) return 0;
  const auto& rows = tabs_[kSavepoints].data().rows;
  const model::SavepointRecord* record = nullptr;
  for (std::size_t i = 0; i < rows.size() && i < savepoints_.size(); ++i) {
    if (rows[i].id == selected->id) record = &savepoints_[i];
  }
  if (record == nullptr) return 0;
  std::vector<std::pair<std::string, Role>> lines;
  if (!record->path.empty()) lines.emplace_back(record->path, Role::HeaderValue);
  if (!record->error.empty() && !wide_) lines.emplace_back(text::one_line(record->error, 1000), Role::StatusError);
  int y = area.y + area.height - static_cast<int>(lines.size());
  for (const auto& [line, role] : lines) canvas.text(area.x + 1, y++, line, ctx.theme[role], area.width - 2);
  return static_cast<int>(lines.size());
}

}  // namespace flinktop::tui
