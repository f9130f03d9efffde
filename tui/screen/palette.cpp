// xterm's default palette and nearest-colour search (squared distance in RGB; the 6x6x6 cube and
// the grey ramp are searched arithmetically, the 16 basic colours by scanning).
#include "tui/screen/palette.hpp"

#include <array>

namespace flinktop::tui {
namespace {

constexpr std::array<Rgb, 16> kBasic{{
    {0, 0, 0},
    {205, 0, 0},
    {0, 205, 0},
    {205, 205, 0},
    {0, 0, 238},
    {205, 0, 205},
    {0, 205, 205},
    {229, 229, 229},
    {127, 127, 127},
    {255, 0, 0},
    {0, 255, 0},
    {255, 255, 0},
    {92, 92, 255},
    {255, 0, 255},
    {0, 255, 255},
    {255, 255, 255},
}};
constexpr std::array<std::uint8_t, 6> kCubeLevels{0, 95, 135, 175, 215, 255};

int distance(Rgb a, Rgb b) {
  const int dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
  return dr * dr + dg * dg + db * db;
}

int cube_step(std::uint8_t v) {
  return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
}

}  // namespace

Rgb palette_rgb(std::uint8_t index) {
  if (index < 16) return kBasic[index];
  if (index < 232) {
    const int i = index - 16;
    return {kCubeLevels[static_cast<std::size_t>(i / 36)], kCubeLevels[static_cast<std::size_t>(i / 6 % 6)],
            kCubeLevels[static_cast<std::size_t>(i % 6)]};
  }
  const auto grey = static_cast<std::uint8_t>(8 + 10 * (index - 232));
  return {grey, grey, grey};
}

std::uint8_t nearest_index(Rgb rgb, int colors) {
  int best = 0;
  int best_distance = 1 << 30;
  const int basic = colors >= 16 ? 16 : 8;
  for (int i = 0; i < basic; ++i) {
    const int d = distance(rgb, kBasic[static_cast<std::size_t>(i)]);
    if (d < best_distance) best = i, best_distance = d;
  }
  if (colors >= 256) {
    const int cube = 16 + 36 * cube_step(rgb.r) + 6 * cube_step(rgb.g) + cube_step(rgb.b);
    const int mean = (rgb.r + rgb.g + rgb.b) / 3;
    const int step = mean < 3 ? 0 : (mean - 3) / 10;  // the nearest of 8, 18, ..., 238
    const int grey = 232 + (step > 23 ? 23 : step);
    for (int candidate : {cube, grey}) {
      const int d = distance(rgb, palette_rgb(static_cast<std::uint8_t>(candidate)));
      // Prefer the cube and ramp over the basic 16, which users often recolour.
      if (d <= best_distance) best = candidate, best_distance = d;
    }
  }
  return static_cast<std::uint8_t>(best);
}

}  // namespace flinktop::tui
