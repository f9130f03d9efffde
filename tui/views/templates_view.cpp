#include "tui/views/templates_view.hpp"

#include <fmt/format.h>

#include <map>

#include "core/error.hpp"

namespace flinktop::tui {

namespace {

// "ConfigMap, Service ×2, Deployment ×2": the kinds a template's defaults create, in its order.
std::string kinds_of(const actions::Template& t) {
  if (t.command) return "a command for Flink's client";
  std::vector<std::pair<std::string, int>> kinds;
  try {
    for (const nlohmann::json& object : actions::render(t, {}).objects) {
      const std::string kind = object.value("kind", "?");
      if (!kinds.empty() && kinds.back().first == kind) {
        ++kinds.back().second;
      } else {
        kinds.emplace_back(kind, 1);
      }
    }
  } catch (const Error& e) {
    return std::string("cannot render: ") + e.what();
  }
  std::string text;
  for (const auto& [kind, n] : kinds) text += (text.empty() ? "" : ", ") + (n > 1 ? fmt::format("{} ×{}", kind, n) : kind);
  return text;
}

}  // namespace

TemplatesView::TemplatesView(std::vector<actions::Template> templates, NewObjectPlace place)
    : templates_(std::move(templates)), place_(std::move(place)) {
  for (const actions::Template& t : templates_) creates_.push_back(kinds_of(t));
  table_.set_columns({{"NAME", 12, 0, false, Align::Left},
                      {"CREATES", 12, 0, true, Align::Left},
                      {"DESCRIPTION", 20, 0, true, Align::Left}});
  table_.set_empty_message("No templates found: flinktop templates says where it looks");
}

std::vector<KeyHint> TemplatesView::hints() const {
  return {{"enter", "Use it ($EDITOR)"}, {"/", "Filter"}, {"esc", "Back"}, {"?", "Help"}};
}

model::RowTable TemplatesView::rows(const ViewData&) const {
  model::RowTable table{{"NAME", "CREATES", "DESCRIPTION"}, {}};
  for (std::size_t i = 0; i < templates_.size(); ++i) {
    const actions::Template& t = templates_[i];
    table.rows.push_back({t.name, {t.name, creates_[i], t.description}});
  }
  return table;
}

const actions::Template* TemplatesView::selected_template() {
  const std::string id = selected_id();
  for (const actions::Template& t : templates_) {
    if (t.name == id) return &t;
  }
  return nullptr;
}

std::map<std::string, std::string> place_values(const actions::Template& t, const NewObjectPlace& place) {
  std::map<std::string, std::string> values;
  if (t.key("namespace") && !place.namespace_.empty()) values["namespace"] = place.namespace_;
  if (t.key("deployment") && !place.session.empty()) values["deployment"] = place.session;
  return values;
}

}  // namespace flinktop::tui
