// `l`: the live logs of a cluster (JobManager and TaskManagers), a pod, a TaskManager or a job
// (the TaskManagers running its tasks). The App follows them (ViewData::logs) and this view takes
// what is new each frame into its LogView. Above the lines: what is followed, and each source that
// is not simply streaming says why (reconnecting after a cut, waiting for its container, pods/log
// forbidden so the REST log file is shown), and how many lines were dropped to keep up.
//
// Its keys win over the global ones while it is shown (as in k9s' log view): f follow/pause,
// w wrap, t timestamps, / filter, H filter hides or only highlights, n/N next/previous match,
// ]/[ next/previous ERROR or exception, z fold stack traces, J pretty JSON, c clear,
// P previous container, ctrl-s save (on a worker thread), Y copy the cursor line.
#pragma once

#include <filesystem>

#include "core/logs/save_lines.hpp"
#include "tui/views/view.hpp"
#include "tui/widgets/log_view.hpp"

namespace flinktop::tui {

class LogsView : public View {
 public:
  LogsView(LogsTarget target, std::size_t capacity);
  std::string title() const override { return "Logs(" + subject_ + ")"; }
  std::string crumb() const override { return "logs"; }
  std::vector<KeyHint> hints() const override;
  void refresh(const ViewData& data, WidgetClock::time_point now) override;
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx) override;
  bool handle_key(const Key& key) override;
  bool claims_key(const Key& key) const override;
  LogView* log_view() override { return &view_; }
  // Keeps the cluster's Flink REST polled: its TaskManagers are what REST log files are read from.
  sync::Demand demand() const override {
    sync::Demand demand = sync::Demand::flink(request_.cluster_id);
    demand.logs = request_;
    return demand;
  }
  std::optional<std::pair<Severity, std::string>> take_message() override;
  CopyTarget copy_target() override;

  // Where ctrl-s writes its file (the current directory unless set).
  void set_save_directory(std::filesystem::path directory) { save_directory_ = std::move(directory); }
  const std::vector<logs::SourceStatus>& sources() const { return sources_; }

 private:
  void save();
  void collect_save();  // the save worker's outcome, once it is there
  void say(Severity severity, std::string text) { message_.emplace(severity, std::move(text)); }
  // The lines between the title and the log: what is followed, sources in trouble.
  std::vector<std::pair<Role, std::string>> state_lines() const;

  LogRequest request_;
  std::string subject_;
  LogView view_;
  std::shared_ptr<const LogFeed> feed_;
  std::vector<logs::SourceStatus> sources_;
  std::uint64_t dropped_ = 0;  // lines the buffer let go before this view could take them
  std::optional<std::pair<Severity, std::string>> message_;
  std::chrono::system_clock::time_point wall_now_{};
  std::filesystem::path save_directory_ = ".";
  // ctrl-s writes on a worker (100k lines, fsync): the UI thread never waits for the disk.
  std::unique_ptr<logs::BackgroundSave> saving_;
  std::string saved_as_;  // "1,234 lines to /path/file.log": what the outcome says
};

}  // namespace flinktop::tui
