// The jobs of one cluster, from its Flink REST API (polled while this view is shown).
#pragma once

#include "tui/views/view.hpp"

namespace flinktop::tui {

class JobsView : public TableView {
 public:
  JobsView(std::string cluster_id, std::string cluster_name);
  std::string title() const override { return "Jobs(" + cluster_name_ + ")"; }
  std::string crumb() const override { return "jobs"; }
  std::vector<KeyHint> hints() const override;
  sync::Demand demand() const override { return sync::Demand::flink(cluster_id_); }
  std::optional<LogsTarget> logs_target(const ViewData& data) override;

 protected:
  model::RowTable rows(const ViewData& data) const override;
  std::string problem(const ViewData& data) const override;

 private:
  std::string cluster_id_;
  std::string cluster_name_;
};

}  // namespace flinktop::tui
