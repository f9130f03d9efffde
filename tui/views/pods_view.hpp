// The JobManager and TaskManager pods of one cluster, or of all clusters; with CPU and memory in
// use when the cluster serves the metrics API (metrics-server).
#pragma once

#include "tui/views/view.hpp"

namespace flinktop::tui {

class PodsView : public TableView {
 public:
  explicit PodsView(std::string cluster_id = "", std::string cluster_name = "");
  std::string title() const override { return cluster_name_.empty() ? "Pods" : "Pods(" + cluster_name_ + ")"; }
  std::string crumb() const override { return "pods"; }
  std::vector<KeyHint> hints() const override;
  std::optional<LogsTarget> logs_target(const ViewData& data) override;
  bool shows_pod_usage() const override { return true; }

 protected:
  model::RowTable rows(const ViewData& data) const override;

 private:
  std::string cluster_id_;
  std::string cluster_name_;
};

}  // namespace flinktop::tui
