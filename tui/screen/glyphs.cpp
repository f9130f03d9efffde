// ASCII stand-ins for the glyphs widgets draw, for terminals whose locale cannot show them.
#include "tui/screen/glyphs.hpp"

#include <initializer_list>
#include <utility>

namespace flinktop::tui {

char32_t ascii_fallback(char32_t ch) {
  if (ch < 0x80) return ch;
  if (ch >= 0x2500 && ch <= 0x257F) {  // box drawing
    switch (ch) {
      case U'─':
      case U'━':
      case U'═':
      case U'╌':
      case U'┄':
      case U'╴':
      case U'╶': return U'-';
      case U'│':
      case U'┃':
      case U'║':
      case U'╎':
      case U'┆':
      case U'╵':
      case U'╷': return U'|';
      default: return U'+';
    }
  }
  if (ch >= 0x2581 && ch <= 0x2588) return kAsciiGlyphs.bars[ch - 0x2580];
  if (ch >= 0x2580 && ch <= 0x259F) return U'#';
  if (ch >= 0x2800 && ch <= 0x28FF) return ch == 0x2800 ? U' ' : U'.';  // braille graphs
  for (auto [from, to] : std::initializer_list<std::pair<char32_t, char32_t>>{
           {U'…', U'~'}, {U'↑', U'^'}, {U'↓', U'v'}, {U'←', U'<'},  {U'→', U'>'},  {U'▲', U'^'},
           {U'▼', U'v'}, {U'◀', U'<'}, {U'▶', U'>'}, {U'•', U'*'},  {U'●', U'*'},  {U'○', U'o'},
           {U'◆', U'*'}, {U'✓', U'+'}, {U'✔', U'+'}, {U'✗', U'x'},  {U'✘', U'x'},  {U'·', U'.'},
           {U'×', U'x'}, {U'«', U'<'}, {U'»', U'>'}, {U'‘', U'\''}, {U'’', U'\''}, {U'“', U'"'},
           {U'”', U'"'}, {U'–', U'-'}, {U'—', U'-'}, {0xA0, U' '}}) {
    if (ch == from) return to;
  }
  return U'?';
}

}  // namespace flinktop::tui
