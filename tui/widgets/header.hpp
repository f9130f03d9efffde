// The header block at the top of the screen (k9s-style): where you are (context, cluster,
// namespace, Flink and flinktop versions) on the left, the keys that matter for the current view
// in columns beside it, and DEMO / READ-ONLY badges at the right.
#pragma once

#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

struct KeyHint {
  std::string key;          // "ctrl-d", "s", "enter" (drawn as "<ctrl-d>")
  std::string description;  // "Cancel"
};

struct HeaderInfo {
  // --flink-url: one Flink without Kubernetes. The URL takes the context's line and there is no
  // namespace line (there is no context or namespace to name).
  std::string flink_url;
  std::string context;
  std::string cluster;
  std::string kube_namespace;
  std::string flink_version;     // "1.19.1"; "" when unknown
  std::string flinktop_version;  // "0.1.0"
  bool demo = false;             // the --demo environment: a DEMO badge
  bool read_only = false;        // --readonly: a READ-ONLY badge
  std::vector<KeyHint> hints;    // for the current view, most important first
};

// Fills `area` (usually 6 rows). Hints flow down columns of area.height rows; columns that do
// not fit are left out.
void draw_header(Canvas& canvas, Rect area, const HeaderInfo& info, const DrawContext& ctx);

}  // namespace flinktop::tui
