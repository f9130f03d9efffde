// Colour arithmetic for terminals that cannot show what a skin asks for: the xterm 256-colour
// palette and the nearest entry of it (or of the 16/8 basic colours) to an RGB value.
#pragma once

#include <cstdint>

namespace flinktop::tui {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend constexpr bool operator==(const Rgb&, const Rgb&) = default;
};

// The RGB value xterm shows for palette index i by default.
Rgb palette_rgb(std::uint8_t index);
// The nearest palette index among the first `colors` entries (8, 16 or 256).
std::uint8_t nearest_index(Rgb rgb, int colors);

}  // namespace flinktop::tui
