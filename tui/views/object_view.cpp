#include "tui/views/object_view.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/kube/yaml_json.hpp"
#include "core/text/one_line.hpp"
#include "tui/views/describe.hpp"

namespace flinktop::tui {

namespace {

template <class T>
const T* find(const model::ObjectMap<T>& objects, const ObjectRef& ref) {
  for (const auto& [uid, object] : objects) {
    if (object->meta.name == ref.name && object->meta.namespace_ == ref.namespace_) return object.get();
  }
  return nullptr;
}

std::vector<PagerLine> yaml_lines(const kube::ObjectMeta& meta) {
  std::vector<PagerLine> lines;
  const std::string raw = kube::raw_json(meta);
  if (raw.empty()) return {{"The Store keeps no copy of this object's YAML.", Role::RowMuted, 0}};
  const auto json = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  std::istringstream yaml(kube::object_yaml(json));
  std::string raw_line;
  while (std::getline(yaml, raw_line)) {
    // The indent is the structure: kept as is; the rest made one safe line (a long value is cut).
    const std::size_t indent = std::min(raw_line.find_first_not_of(' '), raw_line.size());
    const std::string line = raw_line.substr(0, indent) + text::one_line(std::string_view(raw_line).substr(indent), 2000);
    // "  image: flink:1.20" → the key part coloured.
    const auto colon = line.find(": ");
    const auto first = line.find_first_not_of(" -");
    int label = 0;
    if (colon != std::string::npos && first != std::string::npos && line[first] != '"') label = static_cast<int>(colon + 1);
    else if (!line.empty() && line.back() == ':') label = static_cast<int>(line.size());
    lines.push_back({line, Role::YamlValue, label});
  }
  return lines;
}

}  // namespace

ObjectView::ObjectView(ObjectRef object, Show show, std::string cluster_id)
    : object_(std::move(object)), show_(show), cluster_id_(std::move(cluster_id)) {}

std::string ObjectView::title() const {
  return fmt::format("{}({}/{})", show_ == Show::Describe ? "Describe" : "YAML", object_.namespace_, object_.name);
}

std::vector<KeyHint> ObjectView::hints() const {
  return {{"/", "Search"}, {"j", "Down"}, {"k", "Up"}, {"g", "Top"}, {"G", "Bottom"}, {"esc", "Back"}};
}

void ObjectView::refresh(const ViewData& data, WidgetClock::time_point) {
  const model::ContextSnapshot* snapshot = nullptr;
  for (const auto& s : data.contexts) {
    if (s && s->context == object_.context) snapshot = s.get();
  }
  const kube::ObjectMeta* meta = nullptr;
  std::vector<PagerLine> lines;
  auto build = [&](const auto* object) {
    if (!object) return;
    meta = &object->meta;
    if (show_ == Show::Yaml) {
      lines = yaml_lines(object->meta);
    } else {
      lines = describe(*object, snapshot ? events_about(*snapshot, object_.kind, object->meta)
                                         : std::vector<const kube::Event*>{},
                       data.now);
    }
  };
  if (snapshot) {
    if (object_.kind == "FlinkDeployment") build(find(snapshot->objects<kube::FlinkDeployment>(), object_));
    if (object_.kind == "FlinkSessionJob") build(find(snapshot->objects<kube::FlinkSessionJob>(), object_));
    if (object_.kind == "Pod") build(find(snapshot->objects<kube::Pod>(), object_));
  }
  if (!meta) {
    resource_version_.clear();
    pager_.set_lines({{fmt::format("{} {}/{} is gone from context {} (deleted, or not visible any more).", object_.kind,
                                   object_.namespace_, object_.name, object_.context),
                       Role::RowWarn, 0}});
    return;
  }
  // Describe shows ages, which move on; YAML only changes with the object.
  if (show_ == Show::Yaml && meta->resource_version == resource_version_ && !pager_.lines().empty()) return;
  resource_version_ = meta->resource_version;
  pager_.set_lines(std::move(lines));
}

void ObjectView::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  std::vector<TitlePart> parts{{" " + title() + " ", Role::Title}};
  if (!pager_.search_text().empty()) {
    parts.push_back({"</" + pager_.search_text() + "> ", Role::TitleFilter});
    parts.push_back({fmt::format("[{} matches] ", pager_.match_count()), Role::TitleCounter});
  }
  const Rect inner = draw_box(canvas, area, ctx, Role::Border, parts);
  pager_.draw(canvas, inner, ctx);
}

}  // namespace flinktop::tui
