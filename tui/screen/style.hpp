// How a cell looks: foreground, background and attributes. Colours are abstract roles resolved by
// the theme (so NO_COLOR, 16/256/true-colour terminals and skins all work from one description).
#pragma once

#include <cstdint>

namespace flinktop::tui {

// A colour: the terminal default, one of the 256 indexed colours, or 24-bit RGB. The Terminal
// maps RGB to the nearest of 256 (or 8) when the terminal cannot do true colour.
struct Color {
  enum class Kind : std::uint8_t { Default, Indexed, Rgb };
  Kind kind = Kind::Default;
  std::uint8_t index = 0;
  std::uint8_t r = 0, g = 0, b = 0;

  static constexpr Color none() { return {}; }
  static constexpr Color indexed(std::uint8_t i) { return {Kind::Indexed, i, 0, 0, 0}; }
  static constexpr Color rgb(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    return {Kind::Rgb, 0, r, g, b};
  }
  friend constexpr bool operator==(const Color&, const Color&) = default;
};

enum Attr : std::uint8_t {
  kAttrNone = 0,
  kAttrBold = 1 << 0,
  kAttrDim = 1 << 1,
  kAttrUnderline = 1 << 2,
  kAttrReverse = 1 << 3,
  kAttrItalic = 1 << 4,
};

struct Style {
  Color fg;
  Color bg;
  std::uint8_t attrs = kAttrNone;
  friend constexpr bool operator==(const Style&, const Style&) = default;
};

}  // namespace flinktop::tui
