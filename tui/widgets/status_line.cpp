// draw_status_line: flash left, activities and data age right.
#include "tui/widgets/status_line.hpp"

#include <algorithm>
#include <array>

#include "core/text/age.hpp"

namespace flinktop::tui {
namespace {

constexpr auto kSpinnerStep = std::chrono::milliseconds(100);
constexpr std::array<std::string_view, 10> kUnicodeSpinner{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr std::array<std::string_view, 4> kAsciiSpinner{"|", "/", "-", "\\"};

Role role_of(Severity s) {
  switch (s) {
    case Severity::Ok: return Role::StatusOk;
    case Severity::Warn: return Role::StatusWarn;
    case Severity::Error: return Role::StatusError;
    case Severity::Info: break;
  }
  return Role::StatusInfo;
}

struct Piece {
  std::string text;
  Role role;
};

}  // namespace

void draw_status_line(Canvas& canvas, Rect area, const StatusLineData& data, const DrawContext& ctx) {
  if (area.empty()) return;
  const Theme& theme = ctx.theme;
  canvas.fill({area.x, area.y, area.width, 1}, U' ', theme[Role::Status]);

  std::vector<Piece> right;
  for (const auto& action : data.in_flight) {
    const auto elapsed = std::max(WidgetClock::duration::zero(), ctx.now - action.started);
    const auto frame = static_cast<std::size_t>(elapsed / kSpinnerStep);
    const std::string_view spin = ctx.unicode ? kUnicodeSpinner[frame % kUnicodeSpinner.size()]
                                              : kAsciiSpinner[frame % kAsciiSpinner.size()];
    right.push_back({std::string(spin) + " " + action.label + " " +
                         text::human_duration(std::chrono::duration_cast<std::chrono::seconds>(elapsed)),
                     Role::Status});
  }
  if (data.data_age) right.push_back({"data " + text::human_duration(*data.data_age) + " old", Role::Stale});
  int right_w = 0;
  for (const auto& p : right) right_w += text_width(p.text) + 2;  // two spaces before each

  const bool flash_shown = data.flash && ctx.now < data.flash->until && !data.flash->text.empty();
  int flash_w = 0;
  if (flash_shown) {
    const int want = text_width(data.flash->text);
    // An error keeps all the room it needs; anything else at least a third of the line (the
    // running actions matter more than "savepoint triggered").
    flash_w = data.flash->severity == Severity::Error
                  ? std::min(want, area.width - 2)
                  : std::min(want, std::max(area.width / 3, area.width - 2 - right_w));
    flash_w = std::max(0, flash_w);
    const std::string shown =
        want > flash_w ? truncate_to_width(data.flash->text, flash_w) : data.flash->text;
    canvas.text(area.x + 1, area.y, shown, theme[role_of(data.flash->severity)], flash_w);
  }

  // The right side, cut from its left if the flash claimed the room.
  const int limit = area.x + 1 + flash_w;  // the first column the right side may use
  int x = area.x + area.width - 1;
  for (auto it = right.rbegin(); it != right.rend(); ++it) {
    const int w = text_width(it->text);
    if (x - w < limit + 1) break;
    x -= w;
    canvas.text(x, area.y, it->text, theme[it->role], w);
    x -= 2;
  }
}

}  // namespace flinktop::tui
