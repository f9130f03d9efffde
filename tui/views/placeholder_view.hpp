// A view whose feature is not built yet (logs, port-forwards): says so plainly, never pretends.
#pragma once

#include "tui/views/view.hpp"

namespace flinktop::tui {

class PlaceholderView : public View {
 public:
  PlaceholderView(std::string title, std::string crumb, std::vector<std::string> lines)
      : title_(std::move(title)), crumb_(std::move(crumb)), lines_(std::move(lines)) {}
  std::string title() const override { return title_; }
  std::string crumb() const override { return crumb_; }
  void refresh(const ViewData&, WidgetClock::time_point) override {}
  bool handle_key(const Key&) override { return false; }
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx) override {
    Rect inner = draw_box(canvas, area, ctx, Role::Border, {{" " + title_ + " ", Role::Title}});
    int y = inner.y + 1;
    for (const std::string& line : lines_) {
      if (y >= inner.y + inner.height) break;
      canvas.text(inner.x + 2, y++, line, ctx.theme[Role::RowMuted], inner.width - 4);
    }
  }

 private:
  std::string title_;
  std::string crumb_;
  std::vector<std::string> lines_;
};

}  // namespace flinktop::tui
