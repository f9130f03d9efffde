// The breadcrumbs under the table: the path of views that led here ("clusters", "orders",
// "jobs"), the current one highlighted, each a block as k9s draws them. When the path is too
// long for the line, the oldest crumbs give way to "…".
#pragma once

#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

void draw_crumbs(Canvas& canvas, Rect area, const std::vector<std::string>& path, const DrawContext& ctx);

}  // namespace flinktop::tui
