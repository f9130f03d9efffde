// The TaskManagers of one cluster as Flink knows them: slots, cores, memory as configured, and —
// asked of each TaskManager while this view is open — CPU load, heap and managed memory in use,
// and garbage collections.
#pragma once

#include "tui/views/view.hpp"

namespace flinktop::tui {

class TaskManagersView : public TableView {
 public:
  TaskManagersView(std::string cluster_id, std::string cluster_name);
  std::string title() const override { return "TaskManagers(" + cluster_name_ + ")"; }
  std::string crumb() const override { return "taskmanagers"; }
  std::vector<KeyHint> hints() const override { return {{"l", "Logs"}, {"esc", "Back"}, {"/", "Filter"}}; }
  // Each TaskManager's load is asked for only while this view shows it.
  sync::Demand demand() const override {
    sync::Demand demand = sync::Demand::flink(cluster_id_);
    demand.taskmanager_load = true;
    return demand;
  }
  std::optional<LogsTarget> logs_target(const ViewData& data) override;

 protected:
  model::RowTable rows(const ViewData& data) const override;

 private:
  std::string cluster_id_;
  std::string cluster_name_;
};

}  // namespace flinktop::tui
