#include "tui/views/view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace flinktop::tui {

const std::vector<model::Cluster>& ViewData::cluster_list() const {
  static const std::vector<model::Cluster> none;
  return clusters ? *clusters : none;
}

const model::Cluster* ViewData::cluster(const std::string& id) const {
  for (const model::Cluster& c : cluster_list()) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

void TableView::refresh(const ViewData& data, WidgetClock::time_point now) {
  model::RowTable next = rows(data);
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

}  // namespace flinktop::tui
