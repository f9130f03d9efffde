// A view is one screen of the UI (clusters, pods, jobs, a job, ...): it turns the latest data
// into what it shows, draws it, and answers the keys that belong to it. Views never fetch: the
// App hands them the data (ViewData) and runs every action.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/cluster.hpp"
#include "core/model/flink_snapshot.hpp"
#include "core/model/row_table.hpp"
#include "core/model/savepoint_history.hpp"
#include "core/model/store.hpp"
#include "core/sync/demand.hpp"
#include "core/sync/supply.hpp"
#include "core/text/quantity.hpp"
#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/widgets/box.hpp"
#include "tui/widgets/draw_context.hpp"
#include "tui/widgets/header.hpp"
#include "tui/widgets/log_view.hpp"
#include "tui/widgets/status_line.hpp"
#include "tui/widgets/table.hpp"
#include "tui/widgets/text_pager.hpp"

namespace flinktop::tui {

using logs::LogFeed;
using logs::LogRequest;

// What a view reads: what core/sync supplied for the screen's demand, and the clock.
struct ViewData : sync::Supplied {
  std::chrono::system_clock::time_point now{};
};

// What `l` opens: the logs of the selected cluster, pod, TaskManager or job, and what the log
// view's title calls them.
struct LogsTarget {
  LogRequest request;
  std::string subject;
};

// What `Y` copies from a view: "job id" / "a1b2…". Empty text: nothing to copy.
struct CopyTarget {
  std::string what;
  std::string text;
};

class View {
 public:
  virtual ~View() = default;
  virtual std::string title() const = 0;  // "Clusters", "Jobs(orders)"
  virtual std::string crumb() const = 0;  // "clusters", "orders", "jobs"
  virtual std::vector<KeyHint> hints() const { return {}; }
  virtual void refresh(const ViewData& data, WidgetClock::time_point now) = 0;
  virtual void draw(Canvas& canvas, Rect area, const DrawContext& ctx) = 0;
  virtual bool handle_key(const Key& key) = 0;
  virtual Table* table() { return nullptr; }
  // Views of text rather than rows (describe, YAML): `/` searches instead of filtering.
  virtual TextPager* pager() { return nullptr; }
  // The log view: `/` filters its lines.
  virtual LogView* log_view() { return nullptr; }
  // Keys of the view's own that win over the global key map while it is shown (a log view's `t`
  // toggles timestamps rather than opening TaskManagers).
  virtual bool claims_key(const Key& /*key*/) const { return false; }
  // What `l` opens from here (nothing: the view has no logs to offer).
  virtual std::optional<LogsTarget> logs_target(const ViewData& /*data*/) { return std::nullopt; }
  // A line for the status line that the last key produced ("saved 1,234 lines to ..."), once.
  virtual std::optional<std::pair<Severity, std::string>> take_message() { return std::nullopt; }
  // What this view needs fetched while it is shown (its Flink cluster, open job, logs...): the
  // App hands the screen's demand to core/sync, which runs the feeds it names and no others.
  virtual sync::Demand demand() const { return {}; }
  // Whether the view, refreshed now (`wall_now`) from unchanged data, could read differently than
  // at its last refresh — an age ticked. The Ui refreshes a view once a second only while this
  // holds: rebuilding thousands of rows whose ages read the same was most of flinktop's idle CPU.
  virtual bool clock_due(std::chrono::system_clock::time_point /*wall_now*/) const { return true; }
  // What the copy key takes: by default the selected row's ID column, else its NAME, else its
  // first cell.
  virtual CopyTarget copy_target();
  // The id of the selected row ("" = none).
  std::string selected_id() {
    Table* t = table();
    const model::Row* row = t ? t->selected() : nullptr;
    return row ? row->id : "";
  }
};

// A view that is one table in a box: subclasses only say which rows and how to colour them.
class TableView : public View {
 public:
  void refresh(const ViewData& data, WidgetClock::time_point now) override;
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx) override;
  bool handle_key(const Key& key) override { return table_.handle_key(key); }
  Table* table() override { return &table_; }
  bool clock_due(std::chrono::system_clock::time_point wall_now) const override {
    return wall_now >= next_age_change_;
  }

 protected:
  virtual model::RowTable rows(const ViewData& data) const = 0;
  // True when the view knows, without making them, that rows() would give the rows it gave last
  // time (their ages aside: refresh() checks those). A big table need not be made again, sealed
  // and diffed to find that nothing in it changed.
  virtual bool rows_unchanged(const ViewData& /*data*/) const { return false; }
  // An AGE cell. rows() builds every age through these, so the view knows when one next changes.
  std::string age_cell(std::chrono::system_clock::time_point since, std::chrono::system_clock::time_point now) const;
  std::string age_cell_from_millis(std::int64_t epoch_ms, std::chrono::system_clock::time_point now) const;
  // For rows kept from an earlier refresh: the soonest moment one of their age cells changes.
  void note_age_change(std::chrono::system_clock::time_point at) const;
  // Shown instead of the rows' count when the data could not be had ("" = nothing to say).
  virtual std::string problem(const ViewData&) const { return ""; }

  Table table_;

 private:
  bool loaded_ = false;
  std::string problem_;
  // The soonest moment an age cell of the last rows() reads differently (max: no ages shown).
  mutable std::chrono::system_clock::time_point next_age_change_ = std::chrono::system_clock::time_point::max();
};

// The job's name from the latest Flink data; the id's first 8 characters until it is known.
std::string job_name(const ViewData& data, const std::string& job_id);

// Role for a state word as Flink and Kubernetes spell them (RUNNING, Failed, CrashLoopBackOff...).
Role role_for_state(std::string_view state);

// Cell formatting is shared with the CLI's tables; views name the functions unqualified.
using text::age_from_millis;
using text::bytes;
using text::count;
using text::duration_from_millis;

}  // namespace flinktop::tui
