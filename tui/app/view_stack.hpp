// The views the user has drilled through (clusters → jobs → a job), the top one on screen: what
// Enter opens, what Esc goes back to, and the crumbs that show the path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tui/views/view.hpp"

namespace flinktop::tui {

class ViewStack {
 public:
  // Starts at the root view (clusters).
  explicit ViewStack(std::unique_ptr<View> root);

  View& top() { return *views_.back(); }
  const View& top() const { return *views_.back(); }
  std::size_t depth() const { return views_.size(); }
  // What the screen needs fetched: the top view's demand, with the logs of the topmost view that
  // follows logs (a log view keeps its tail while describe or help is opened over it).
  sync::Demand demand() const;
  std::vector<std::string> crumbs() const;

  void push(std::unique_ptr<View> view) { views_.push_back(std::move(view)); }
  void to_root() { views_.resize(1); }
  // Esc: clears the top view's filter first, then leaves the view (never the root).
  void back();
  // Leaves the top view whatever its filter (never the root): a view whose work is done.
  void pop() {
    if (views_.size() > 1) views_.pop_back();
  }

  // The cluster the top view is about, or the selected row's in the clusters view.
  const model::Cluster* selected_cluster(const ViewData& data);
  // The job the top view shows or has selected ("" = none).
  std::string selected_job_id();

  // A view of the selected cluster (jobs, pods, taskmanagers); "" or why it cannot open.
  template <class V>
  std::string open_for_selected_cluster(const ViewData& data) {
    const model::Cluster* c = selected_cluster(data);
    if (!c) return "select a cluster first";
    push(std::make_unique<V>(c->id, c->name));
    return "";
  }

  // Enter: clusters → jobs, jobs → the job. "" or why nothing opened.
  std::string drill_down(const ViewData& data);

 private:
  std::vector<std::unique_ptr<View>> views_;
};


}  // namespace flinktop::tui
