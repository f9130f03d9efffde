// The status line at the bottom: the last message (info, ok, warning, error) until it expires,
// the actions still running with a spinner and how long they have taken, and how old the data
// on screen is when it is stale. Everything is plain data passed in, `now` included.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

enum class Severity : std::uint8_t { Info, Ok, Warn, Error };

struct Flash {
  std::string text;
  Severity severity = Severity::Info;
  WidgetClock::time_point until;  // not shown from then on
  std::string copy{};             // what the copy key takes while this shows (a savepoint path)
};

struct InFlight {
  std::string label;  // "savepoint orders-enrichment"
  WidgetClock::time_point started;
};

struct StatusLineData {
  std::optional<Flash> flash;
  std::vector<InFlight> in_flight;
  // How old the data on screen is; shown ("data 12s old") when set. The caller sets it only
  // when the data is older than its refresh interval.
  std::optional<std::chrono::seconds> data_age;
};

// One row: the flash on the left; in-flight actions and the data age on the right. When the line is
// too narrow, an error flash keeps all its room and any other at least a third; the right
// side then drops its oldest activities first (the data age, rightmost, stays longest).
void draw_status_line(Canvas& canvas, Rect area, const StatusLineData& data, const DrawContext& ctx);

}  // namespace flinktop::tui
