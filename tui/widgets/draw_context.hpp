// What every widget's draw() needs besides its own data: the theme, whether the terminal shows
// Unicode (else glyphs(false): ASCII arrows, bars and borders) and the time of the frame, passed
// in so that anything time-based (highlights fading, spinners, ages) is testable without sleeping.
#pragma once

#include <chrono>

#include "tui/screen/theme.hpp"

namespace flinktop::tui {

using WidgetClock = std::chrono::steady_clock;

struct DrawContext {
  const Theme& theme;
  bool unicode = true;
  WidgetClock::time_point now{};
};

}  // namespace flinktop::tui
