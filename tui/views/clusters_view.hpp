// Every Flink cluster of every context: the first screen.
#pragma once

#include "tui/views/view.hpp"

namespace flinktop::tui {

class ClustersView : public TableView {
 public:
  explicit ClustersView(bool several_contexts);
  std::string title() const override { return "Clusters"; }
  std::string crumb() const override { return "clusters"; }
  std::vector<KeyHint> hints() const override;
  std::optional<LogsTarget> logs_target(const ViewData& data) override;
  // The cluster known only by its REST URL (--flink-url), if one is listed: only its JobManager can
  // say its version, TaskManagers, slots and jobs, so it is polled while the list is shown.
  std::string focus_cluster() const override { return rest_only_cluster_; }

 protected:
  model::RowTable rows(const ViewData& data) const override;

 private:
  model::Row rest_only_row(const model::Cluster& c, const ViewData& data) const;
  bool several_contexts_;
  mutable std::string rest_only_cluster_;  // found by rows()
};

}  // namespace flinktop::tui
