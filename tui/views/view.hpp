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
#include "core/text/quantity.hpp"
#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/views/log_feed.hpp"
#include "tui/widgets/box.hpp"
#include "tui/widgets/draw_context.hpp"
#include "tui/widgets/header.hpp"
#include "tui/widgets/log_view.hpp"
#include "tui/widgets/status_line.hpp"
#include "tui/widgets/table.hpp"
#include "tui/widgets/text_pager.hpp"

namespace flinktop::tui {

struct ViewData {
  // Every cluster of every context. Shared, not copied: the App hands a ViewData to the Ui on every
  // frame, and copying thousands of clusters with their pods was half of the idle CPU.
  std::shared_ptr<const model::ClusterList> clusters;
  // The Flink REST data of the cluster the view is about (null until the first poll answers).
  std::shared_ptr<const model::FlinkClusterSnapshot> flink;
  std::chrono::system_clock::time_point now{};
  // The Store's snapshot of each context in view: the raw objects behind describe and YAML.
  std::vector<std::shared_ptr<const model::ContextSnapshot>> contexts;
  // The savepoints in flinktop's own action journal; null until a view that lists savepoints
  // asks for them (the App reads the file then, and again after an action ends).
  std::shared_ptr<const std::vector<model::SavepointRecord>> journal_savepoints;
  // What the App follows for the top view's log request (null when it asks for none).
  std::shared_ptr<const LogFeed> logs;

  const model::Cluster* cluster(const std::string& id) const;
  const model::ClusterList& cluster_list() const;  // empty while there are none
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
  // The logs the App should follow while this view is shown (null = none).
  virtual const LogRequest* log_request() const { return nullptr; }
  // A line for the status line that the last key produced ("saved 1,234 lines to ..."), once.
  virtual std::optional<std::pair<Severity, std::string>> take_message() { return std::nullopt; }
  // The cluster whose Flink REST the App should poll while this view is shown ("" = none), and
  // the job whose details it should poll.
  virtual std::string focus_cluster() const { return ""; }
  virtual std::string focus_job() const { return ""; }
  // True while the view lists savepoints: only then does the App read the journal from disk.
  virtual bool shows_savepoints() const { return false; }
  // True while the view shows TaskManagers' load: only then is each TaskManager asked for it.
  virtual bool shows_taskmanager_load() const { return false; }
  // True while the view shows pods' CPU and memory: only then is the metrics API listed.
  virtual bool shows_pod_usage() const { return false; }
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
