#include "tui/views/view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/text/age.hpp"

namespace flinktop::tui {

const model::Cluster* ViewData::cluster(const std::string& id) const {
  for (const model::Cluster& c : clusters) {
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
  if (s == "FINISHED" || s == "CANCELED" || s == "CANCELLED" || s == "SUSPENDED" || s == "TERMINATING") {
    return Role::RowMuted;
  }
  if (s == "RESTARTING" || s == "CANCELLING" || s == "CREATED" || s == "INITIALIZING" || s == "PENDING" ||
      s == "STARTING" || s == "NOTREADY" || s == "DEPLOYING" || s == "UPGRADING" || s == "RECONCILING" ||
      s == "CONTAINERCREATING" || s == "SUSPENDING") {
    return Role::RowWarn;
  }
  return Role::RowNormal;
}

std::string age_from_millis(std::int64_t epoch_ms, std::chrono::system_clock::time_point now) {
  if (epoch_ms <= 0) return "";
  return text::age(std::chrono::system_clock::time_point(std::chrono::milliseconds(epoch_ms)), now);
}

std::string duration_from_millis(std::int64_t ms) {
  if (ms < 0) return "";
  if (ms < 1000) return fmt::format("{}ms", ms);
  if (ms < 10'000) return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  return text::human_duration(std::chrono::seconds(ms / 1000));
}

std::string bytes(std::int64_t value) {
  if (value < 0) return "";
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(value);
  int unit = 0;
  while (v >= 1024.0 && unit < 5) {
    v /= 1024.0;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", value) : fmt::format("{:.1f} {}", v, units[unit]);
}

std::string count(std::int64_t value) {
  if (value < 1000) return std::to_string(value);
  if (value < 1'000'000) return fmt::format("{:.1f}k", static_cast<double>(value) / 1e3);
  if (value < 1'000'000'000) return fmt::format("{:.1f}M", static_cast<double>(value) / 1e6);
  return fmt::format("{:.1f}G", static_cast<double>(value) / 1e9);
}

}  // namespace flinktop::tui
