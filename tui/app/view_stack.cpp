#include "tui/app/view_stack.hpp"

#include "tui/views/clusters_view.hpp"
#include "tui/views/job_view.hpp"
#include "tui/views/jobs_view.hpp"

namespace flinktop::tui {

ViewStack::ViewStack(std::unique_ptr<View> root) { views_.push_back(std::move(root)); }

std::vector<std::string> ViewStack::crumbs() const {
  std::vector<std::string> out;
  for (const auto& view : views_) out.push_back(view->crumb());
  return out;
}

sync::Demand ViewStack::demand() const {
  sync::Demand demand = top().demand();
  for (auto it = views_.rbegin(); it != views_.rend() && !demand.logs; ++it) demand.logs = (*it)->demand().logs;
  return demand;
}

void ViewStack::back() {
  if (Table* t = top().table(); t && !t->filter().text().empty()) {
    t->set_filter("");
    return;
  }
  if (TextPager* p = top().pager(); p && !p->search_text().empty()) {
    p->search("");
    return;
  }
  if (LogView* logs = top().log_view(); logs && !logs->filter().text().empty()) {
    logs->set_filter("");
    return;
  }
  if (views_.size() > 1) views_.pop_back();
}

const model::Cluster* ViewStack::selected_cluster(const ViewData& data) {
  if (const std::string about = top().demand().flink_cluster; !about.empty()) return data.cluster(about);
  return data.cluster(top().selected_id());
}

std::string ViewStack::selected_job_id() {
  if (auto* job = dynamic_cast<JobView*>(&top())) return job->job_id();
  if (dynamic_cast<JobsView*>(&top())) return top().selected_id();
  return "";
}

std::string ViewStack::drill_down(const ViewData& data) {
  if (dynamic_cast<ClustersView*>(&top())) return open_for_selected_cluster<JobsView>(data);
  if (auto* jobs = dynamic_cast<JobsView*>(&top())) {
    const std::string id = jobs->selected_id();
    const model::Cluster* c = data.cluster(jobs->demand().flink_cluster);
    if (id.empty() || !c) return "";
    push(std::make_unique<JobView>(c->id, c->name, id, job_name(data, id)));
  }
  return "";
}

}  // namespace flinktop::tui
