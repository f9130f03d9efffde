// One job in detail, as the Flink Web UI shows it: a summary with sparklines of its throughput,
// backpressure and checkpoint durations, then tabs for its vertices, checkpoints, exceptions and
// savepoints (Tab cycles). The vertices tab draws the job graph above the table when there is
// room for both; the graph's selected box follows the table's cursor. Polled while open.
#pragma once

#include "tui/views/view.hpp"
#include "tui/widgets/graph.hpp"
#include "tui/widgets/sparkline.hpp"

namespace flinktop::tui {

class JobView : public View {
 public:
  JobView(std::string cluster_id, std::string cluster_name, std::string job_id, std::string job_name);
  std::string title() const override { return "Job(" + job_name_ + ")"; }
  std::string crumb() const override { return job_name_; }
  std::vector<KeyHint> hints() const override;
  void refresh(const ViewData& data, WidgetClock::time_point now) override;
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx) override;
  bool handle_key(const Key& key) override;
  Table* table() override { return &tabs_[tab_]; }
  // The journal is read only while the savepoints tab is shown.
  sync::Demand demand() const override {
    sync::Demand demand = sync::Demand::flink(cluster_id_);
    demand.job = job_id_;
    demand.savepoints = tab_ == kSavepoints;
    return demand;
  }
  std::optional<LogsTarget> logs_target(const ViewData& data) override;
  CopyTarget copy_target() override;
  const std::string& job_id() const { return job_id_; }
  // The savepoint picker of `r`: the savepoints tab, newest first.
  void show_savepoints() { tab_ = kSavepoints; }
  // The savepoint selected in the savepoints tab while it is shown, else null.
  const model::SavepointRecord* picked_savepoint() const { return tab_ == kSavepoints ? selected_savepoint() : nullptr; }
  // The highest parallelism of its vertices as last polled (0 before the first poll).
  long long parallelism() const;

 private:
  enum Tab { kVertices = 0, kCheckpoints = 1, kExceptions = 2, kSavepoints = 3, kTabCount = 4 };
  static model::RowTable vertex_rows(const flink::JobDetails& job, const model::JobHistory* history);
  static model::RowTable checkpoint_rows(const flink::CheckpointStats& stats, std::chrono::system_clock::time_point now);
  static model::RowTable exception_rows(const flink::JobExceptions& exceptions, std::chrono::system_clock::time_point now);
  void load(Tab tab, model::RowTable rows, WidgetClock::time_point now);
  // Under the savepoints table: the selected savepoint's whole path (and error), which a narrow
  // column would cut. Returns the rows it took from the bottom of `area`.
  int draw_savepoint_detail(Canvas& canvas, Rect area, const DrawContext& ctx);
  const model::SavepointRecord* selected_savepoint() const;
  // Above the vertices table: the job graph, as tall as it needs while the table keeps room for
  // its rows (or a third of the area). Returns the rows it took from the top of `area`.
  int draw_job_graph(Canvas& canvas, Rect area, const DrawContext& ctx);

  std::string cluster_id_;
  std::string cluster_name_;
  std::string job_id_;
  std::string job_name_;
  Tab tab_ = kVertices;
  Table tabs_[kTabCount];
  bool loaded_[kTabCount] = {false, false, false, false};
  std::vector<std::string> summary_;  // lines above the tabs
  std::vector<Trend> trends_;         // a row of sparklines under them (once the job was polled)
  GraphInput graph_;
  std::string graph_shape_;  // what the layout was computed for: the shape, then the window
  int graph_width_ = -1, graph_height_ = -1;
  GraphLayout graph_layout_;
  GraphScroll graph_scroll_;
  std::string stacktrace_;            // of the selected exception, shown under the table
  std::shared_ptr<const model::FlinkClusterSnapshot> flink_;  // what the last refresh showed
  std::string error_;
  std::vector<model::SavepointRecord> savepoints_;  // in the order of the savepoints table's rows
  std::chrono::system_clock::time_point wall_now_{};
  bool wide_ = false;  // the savepoints table has FORMAT and ERROR (it was last drawn wide)
};

}  // namespace flinktop::tui
