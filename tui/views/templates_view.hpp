// What `n` offers in the clusters view: every template flinktop create takes (the shipped ones and
// the user's, core/actions/templates.hpp), with what each creates. Enter uses the selected one —
// the Ui renders it for the context and namespace it was opened for and opens it in $EDITOR, or,
// for a native cluster, shows the command Flink's client runs.
#pragma once

#include <string>
#include <vector>

#include "core/actions/templates.hpp"
#include "tui/views/view.hpp"

namespace flinktop::tui {

// Where the new objects go: the context and namespace of the cluster selected when `n` was
// pressed (else the first context's), and that cluster's name when it is an operator session
// (the session-job template's `deployment`).
struct NewObjectPlace {
  std::string context;
  std::string namespace_;
  std::string session;
};

class TemplatesView : public TableView {
 public:
  TemplatesView(std::vector<actions::Template> templates, NewObjectPlace place);
  std::string title() const override { return "Templates(" + place_.context + "/" + place_.namespace_ + ")"; }
  std::string crumb() const override { return "new"; }
  std::vector<KeyHint> hints() const override;

  const NewObjectPlace& place() const { return place_; }
  // The selected template (null when none is).
  const actions::Template* selected_template();

 protected:
  model::RowTable rows(const ViewData& data) const override;
  bool rows_unchanged(const ViewData&) const override { return true; }

 private:
  std::vector<actions::Template> templates_;
  std::vector<std::string> creates_;  // per template: the kinds its defaults make, or "a command …"
  NewObjectPlace place_;
};

// The values a template is rendered with for `place`: its namespace (and the session cluster of
// a session job) where the template takes those keys; everything else keeps its default.
std::map<std::string, std::string> place_values(const actions::Template& t, const NewObjectPlace& place);

}  // namespace flinktop::tui
