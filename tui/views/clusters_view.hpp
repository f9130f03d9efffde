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

 protected:
  model::RowTable rows(const ViewData& data) const override;

 private:
  bool several_contexts_;
};

}  // namespace flinktop::tui
