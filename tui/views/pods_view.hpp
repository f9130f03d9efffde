// The JobManager and TaskManager pods of one cluster, or of all clusters; with CPU and memory in
// use when the cluster serves the metrics API (metrics-server).
#pragma once

#include <map>

#include "tui/views/view.hpp"

namespace flinktop::tui {

class PodsView : public TableView {
 public:
  explicit PodsView(std::string cluster_id = "", std::string cluster_name = "");
  std::string title() const override { return cluster_name_.empty() ? "Pods" : "Pods(" + cluster_name_ + ")"; }
  std::string crumb() const override { return "pods"; }
  std::vector<KeyHint> hints() const override;
  std::optional<LogsTarget> logs_target(const ViewData& data) override;
  sync::Demand demand() const override {
    sync::Demand demand;
    demand.pod_usage = true;
    return demand;
  }

 protected:
  model::RowTable rows(const ViewData& data) const override;
  bool rows_unchanged(const ViewData& data) const override;

 private:
  // What the shown rows were made of, cluster by cluster: a TaskManager restarting or an
  // operator status changing elsewhere does not make 5,000 rows again.
  struct Made {
    std::shared_ptr<const model::Cluster> cluster;
    std::shared_ptr<const model::PodUsageMap> usage;  // its context's, when the usage columns show
  };
  using UsageByContext = std::map<std::string, std::shared_ptr<const model::PodUsageMap>>;
  // The usage figures of each context that has some (none at all: no CPU and MEM columns).
  static UsageByContext usage_by_context(const ViewData& data);

  std::string cluster_id_;
  std::string cluster_name_;
  mutable std::vector<Made> made_;
  mutable bool made_usage_columns_ = false;
};

// The pod selected in `top` when it is the pods view (whose rows are "<context>/<pod uid>").
struct SelectedPod {
  const model::Cluster* cluster = nullptr;
  const model::ClusterPod* pod = nullptr;  // null: the top view is not the pods view, or no row
};
SelectedPod selected_pod(View& top, const ViewData& data);

}  // namespace flinktop::tui
