// The characters widgets draw structure with (borders, sparkline bars, markers), in a Unicode set
// and an ASCII set for terminals whose locale is not UTF-8. Pick with glyphs(terminal.unicode()).
#pragma once

#include <array>

namespace flinktop::tui {

struct Glyphs {
  char32_t horizontal, vertical;
  char32_t top_left, top_right, bottom_left, bottom_right;
  char32_t tee_left, tee_right, tee_down, tee_up, cross;  // ├ ┤ ┬ ┴ ┼
  char32_t ellipsis;                                      // …
  char32_t arrow_up, arrow_down, arrow_left, arrow_right;
  char32_t bullet, check, cross_mark;  // • ✓ ✗
  char32_t selected_marker;            // ▶ before the selected row in menus
  char32_t scroll_track, scroll_thumb;
  std::array<char32_t, 9> bars;  // sparkline: empty, 1/8 … 8/8
};

inline constexpr Glyphs kUnicodeGlyphs{
    U'─',
    U'│',
    U'┌',
    U'┐',
    U'└',
    U'┘',
    U'├',
    U'┤',
    U'┬',
    U'┴',
    U'┼',
    U'…',
    U'↑',
    U'↓',
    U'←',
    U'→',
    U'•',
    U'✓',
    U'✗',
    U'▶',
    U'│',
    U'┃',
    {U' ', U'▁', U'▂', U'▃', U'▄', U'▅', U'▆', U'▇', U'█'},
};

inline constexpr Glyphs kAsciiGlyphs{
    U'-',
    U'|',
    U'+',
    U'+',
    U'+',
    U'+',
    U'+',
    U'+',
    U'+',
    U'+',
    U'+',
    U'~',
    U'^',
    U'v',
    U'<',
    U'>',
    U'*',
    U'+',
    U'x',
    U'>',
    U'|',
    U'#',
    {U' ', U'_', U'_', U'.', U'-', U'-', U'=', U'#', U'#'},
};

inline constexpr const Glyphs& glyphs(bool unicode) {
  return unicode ? kUnicodeGlyphs : kAsciiGlyphs;
}

// What the Terminal shows for a code point when the locale is not UTF-8: ASCII unchanged, box
// drawing as - | +, blocks and bars as # = - . _, arrows as ^ v < >, anything else as '?'.
char32_t ascii_fallback(char32_t ch);

}  // namespace flinktop::tui
