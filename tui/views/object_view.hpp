// `d` describe and `y` YAML of one Kubernetes object (a FlinkDeployment, a FlinkSessionJob, a
// pod), from the Store's latest copy: it follows the object as it changes, keeps the reader's
// scroll position, and says so plainly when the object is gone.
#pragma once

#include "core/actions/object_edit.hpp"
#include "tui/views/view.hpp"
#include "tui/widgets/text_pager.hpp"

namespace flinktop::tui {

// Which object: enough to find it again in every new snapshot.
using ObjectRef = actions::ObjectKey;

class ObjectView : public View {
 public:
  enum class Show { Describe, Yaml };
  ObjectView(ObjectRef object, Show show, std::string cluster_id);
  std::string title() const override;
  std::string crumb() const override { return show_ == Show::Describe ? "describe" : "yaml"; }
  std::vector<KeyHint> hints() const override;
  void refresh(const ViewData& data, WidgetClock::time_point now) override;
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx) override;
  bool handle_key(const Key& key) override { return pager_.handle_key(key); }
  TextPager* pager() override { return &pager_; }
  // Keeps the cluster's Flink data polled, so Esc returns to a live view.
  sync::Demand demand() const override { return sync::Demand::flink(cluster_id_); }
  const ObjectRef& object() const { return object_; }
  const std::string& cluster_id() const { return cluster_id_; }

 private:
  ObjectRef object_;
  Show show_;
  std::string cluster_id_;
  std::string resource_version_;  // of what the pager shows: unchanged → no rebuild
  TextPager pager_;
};

}  // namespace flinktop::tui
