// A frame around an area with a title on its top border, as k9s draws its views:
// "┌──── Jobs(flink-prod)[12/200] </RUNNING> ────┐". ASCII lines when the terminal has no Unicode.
#pragma once

#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

struct TitlePart {
  std::string text;
  Role role = Role::Title;
};

// Draws the border on the outer cells of `area` (the inside is left as it is) and the title parts
// centred on the top border, cut if too long. Returns the inside.
Rect draw_box(Canvas& canvas, Rect area, const DrawContext& ctx, Role border = Role::Border,
              const std::vector<TitlePart>& title = {});

}  // namespace flinktop::tui
