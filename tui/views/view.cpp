#include "tui/views/view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/text/age.hpp"

namespace flinktop::tui {

std::string TableView::age_cell(std::chrono::system_clock::time_point since,
                                std::chrono::system_clock::time_point now) const {
  note_age_change(text::age_changes_at(since, now));
  return text::age(since, now);
}

void TableView::note_age_change(std::chrono::system_clock::time_point at) const {
  next_age_change_ = std::min(next_age_change_, at);
}

std::string TableView::age_cell_from_millis(std::int64_t epoch_ms, std::chrono::system_clock::time_point now) const {
  if (epoch_ms <= 0) return "";
  return age_cell(std::chrono::system_clock::time_point(std::chrono::milliseconds(epoch_ms)), now);
}

CopyTarget View::copy_target() {
  Table* t = table();
  const model::Row* row = t ? t->selected() : nullptr;
  if (!row || row->cells.empty()) return {};
  const auto& columns = t->data().columns;
  for (const char* name : {"ID", "NAME"}) {
    for (std::size_t i = 0; i < columns.size() && i < row->cells.size(); ++i) {
      if (columns[i] != name) continue;
      std::string what(name);
      std::transform(what.begin(), what.end(), what.begin(), [](unsigned char c) { return std::tolower(c); });
      return {what, row->cells[i]};
    }
  }
  return {t->data().columns.empty() ? "cell" : t->data().columns.front(), row->cells.front()};
}

void TableView::refresh(const ViewData& data, WidgetClock::time_point now) {
  if (loaded_ && data.now < next_age_change_ && rows_unchanged(data)) {
    problem_ = problem(data);
    return;
  }
  next_age_change_ = std::chrono::system_clock::time_point::max();
  model::RowTable next = rows(data);
  next.seal();
  problem_ = problem(data);
  if (!loaded_) {
    table_.set_rows(std::move(next));
    loaded_ = true;
    return;
  }
  const model::RowDelta delta = model::diff_rows(table_.data(), next);
  if (delta.empty() && table_.data().columns == next.columns) return;
  table_.update(std::move(next), delta, now);
}

void TableView::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  std::vector<TitlePart> parts{{" " + this->title(), Role::Title}};
  const std::size_t total = table_.total(), shown = table_.shown();
  parts.push_back({shown == total ? fmt::format("[{}] ", total) : fmt::format("[{}/{}] ", shown, total),
                   Role::TitleCounter});
  if (!table_.filter().text().empty()) parts.push_back({"</" + table_.filter().text() + "> ", Role::TitleFilter});
  if (!problem_.empty()) parts.push_back({problem_ + " ", Role::StatusError});
  Rect inner = draw_box(canvas, area, ctx, Role::Border, parts);
  table_.draw(canvas, inner, ctx);
}

Role role_for_state(std::string_view state) {
  std::string s(state);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  if (s == "RUNNING" || s == "READY" || s == "STABLE" || s == "DEPLOYED" || s == "COMPLETED") return Role::RowOk;
  if (s == "FAILED" || s == "FAILING" || s == "ERROR" || s == "CRASHLOOPBACKOFF" || s == "NOJOBMANAGER" ||
      s == "IMAGEPULLBACKOFF" || s == "ERRIMAGEPULL" || s == "OOMKILLED") {
    return Role::RowError;
  }
  if (s == "FINISHED" || s == "CANCELED" || s == "CANCELLED" || s == "SUSPENDED" || s == "TERMINATING" ||
      s == "ABANDONED") {
    return Role::RowMuted;
  }
  if (s == "RESTARTING" || s == "CANCELLING" || s == "CREATED" || s == "INITIALIZING" || s == "PENDING" ||
      s == "STARTING" || s == "NOTREADY" || s == "DEPLOYING" || s == "UPGRADING" || s == "RECONCILING" ||
      s == "CONTAINERCREATING" || s == "SUSPENDING" || s == "IN_PROGRESS" || s == "TRIGGER_PENDING") {
    return Role::RowWarn;
  }
  return Role::RowNormal;
}

std::string job_name(const ViewData& data, const std::string& job_id) {
  if (data.flink) {
    for (const flink::JobOverview& j : data.flink->jobs) {
      if (j.id == job_id) return j.name;
    }
  }
  return job_id.substr(0, 8);
}

}  // namespace flinktop::tui
