// Every Flink cluster of every context: the first screen.
#pragma once

#include "tui/views/view.hpp"

namespace flinktop::tui {

class ClustersView : public TableView {
 public:
  // `rest_only_cluster`: the id of the cluster known only by its REST URL (--flink-url), "" = none.
  ClustersView(bool several_contexts, std::string rest_only_cluster);
  std::string title() const override { return "Clusters"; }
  std::string crumb() const override { return "clusters"; }
  std::vector<KeyHint> hints() const override;
  std::optional<LogsTarget> logs_target(const ViewData& data) override;
  // Only the JobManager of a cluster known by its REST URL can say its version, TaskManagers, slots
  // and jobs, so it is polled while the list is shown.
  sync::Demand demand() const override { return sync::Demand::flink(rest_only_cluster_); }

 protected:
  model::RowTable rows(const ViewData& data) const override;

 private:
  model::Row rest_only_row(const model::Cluster& c, const ViewData& data) const;
  static std::string rest_cell(const model::Cluster& c, const ViewData& data);
  bool several_contexts_;
  std::string rest_only_cluster_;
};

}  // namespace flinktop::tui
