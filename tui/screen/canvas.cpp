// The Canvas cell grid and the one place where outside text is decoded and made safe to show:
// UTF-8 decoding, removal of escape sequences and control characters, tab expansion, combining
// marks and wide characters.
#include "tui/screen/canvas.hpp"
#include "tui/screen/utf8.hpp"

#include <algorithm>
#include <cstddef>

namespace flinktop::tui {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr int kTabStop = 8;

// Invisible characters whose width terminals disagree about or that reorder text (bidi
// overrides, "Trojan source"): zero-width space/joiners, bidi controls, variation selectors,
// tags, the BOM. Dropping them keeps every terminal's idea of the line the same as ours.
bool invisible(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
         cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE007F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x061C || cp == 0x180E;
}

// Calls emit(cp) for every code point of outside text that may reach a cell, and '\t' for a tab;
// stops when emit returns false. Escape sequences are removed whole (a coloured log line shows
// its text, not "[31m"); any other control character is dropped; line breaks become a space.
template <class Emit>
void for_each_printable(std::string_view s, Emit&& emit) {
  enum class State { Ground, Esc, EscIntermediate, Csi, String, StringEsc };
  State state = State::Ground;
  bool after_cr = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = decode_utf8(s, i);
    bool again = true;
    while (again) {
      again = false;
      switch (state) {
        case State::Ground: {
          const bool cr = cp == U'\r';
          if (cp == 0x1B) {
            state = State::Esc;
          } else if (cp == 0x9B) {
            state = State::Csi;
          } else if (cp == 0x90 || cp == 0x98 || cp == 0x9D || cp == 0x9E || cp == 0x9F) {
            state = State::String;
          } else if (cp == U'\t') {
            if (!emit(U'\t')) return;
          } else if (cp == U'\n' || cp == U'\v' || cp == U'\f' || cr || cp == 0x2028 || cp == 0x2029) {
            if (!(cp == U'\n' && after_cr) && !emit(U' ')) return;
          } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || invisible(cp)) {
            // dropped
          } else if (!emit(cp)) {
            return;
          }
          after_cr = cr;
          break;
        }
        case State::Esc:
          if (cp == U'[') {
            state = State::Csi;
          } else if (cp == U']' || cp == U'P' || cp == U'X' || cp == U'^' || cp == U'_') {
            state = State::String;
          } else if (cp >= 0x20 && cp <= 0x2F) {
            state = State::EscIntermediate;
          } else if (cp >= 0x30 && cp <= 0x7E) {
            state = State::Ground;
          } else {
            state = State::Ground, again = true;
          }
          break;
        case State::EscIntermediate:
          if (cp >= 0x30 && cp <= 0x7E) {
            state = State::Ground;
          } else if (cp < 0x20 || cp > 0x2F) {
            state = State::Ground, again = true;
          }
          break;
        case State::Csi:
          if (cp >= 0x40 && cp <= 0x7E) {
            state = State::Ground;
          } else if (cp < 0x20 || cp > 0x3F) {
            state = State::Ground, again = true;
          }
          break;
        case State::String:  // OSC, DCS, SOS, PM, APC: everything up to BEL or ST
          if (cp == 0x07 || cp == 0x9C) {
            state = State::Ground;
          } else if (cp == 0x1B) {
            state = State::StringEsc;
          }
          break;
        case State::StringEsc:
          if (cp == U'\\') {
            state = State::Ground;
          } else {
            state = State::Esc, again = true;
          }
          break;
      }
    }
  }
}

// Lays sanitised text out in columns from 0: emit(cp, column, width) for every glyph (width 0 for
// a combining mark, which belongs to the glyph before it); a tab becomes spaces up to the next
// tab stop. Stops when emit returns false.
template <class Emit>
void layout(std::string_view s, Emit&& emit) {
  int col = 0;
  for_each_printable(s, [&](char32_t cp) {
    if (cp == U'\t') {
      const int n = kTabStop - col % kTabStop;
      for (int k = 0; k < n; ++k, ++col) {
        if (!emit(U' ', col, 1)) return false;
      }
      return true;
    }
    const int w = column_width(cp);
    if (!emit(cp, col, w)) return false;
    col += w;
    return true;
  });
}

}  // namespace

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int need = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07;
  } else {
    ++i;
    return kReplacement;
  }
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;
  std::size_t j = i + 1;
  for (int k = 0; k < need; ++k, ++j) {
    if (j >= s.size()) break;
    const auto b = static_cast<unsigned char>(s[j]);
    if (b < (k == 0 ? lo : 0x80) || b > (k == 0 ? hi : 0xBF)) break;
    cp = (cp << 6) | (b & 0x3F);
    if (k == need - 1) {
      i = j + 1;
      return cp;
    }
  }
  i = j;
  return kReplacement;
}

Canvas::Canvas(int width, int height) {
  resize(width, height);
}

void Canvas::resize(int width, int height) {
  width_ = std::max(0, width);
  height_ = std::max(0, height);
  cells_.assign(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), Cell{});
}

void Canvas::clear(const Style& style) {
  Cell blank;
  blank.style = style;
  std::fill(cells_.begin(), cells_.end(), blank);
}

void Canvas::put(int x, int y, char32_t ch, int width, const Style& style) {
  Cell& first = cell(x, y);
  if (first.ch == 0 && x > 0) cell(x - 1, y).ch = U' ', cell(x - 1, y).mark = 0;
  const int after = x + width;  // the first column not written
  if (after < width_ && cell(after, y).ch == 0) cell(after, y).ch = U' ';
  first.ch = ch;
  first.style = style;
  first.mark = 0;
  if (width == 2) {
    Cell& second = cell(x + 1, y);
    second.ch = 0;
    second.style = style;
    second.mark = 0;
  }
}

void Canvas::set(int x, int y, char32_t ch, const Style& style) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  int w = column_width(ch);
  if (w <= 0 || invisible(ch)) ch = kReplacement, w = 1;
  if (x + w > width_) return;
  put(x, y, ch, w, style);
}

int Canvas::text(int x, int y, std::string_view utf8, const Style& style, int max_width) {
  if (y < 0 || y >= height_ || max_width <= 0 || x >= width_) return 0;
  const long end = std::min(static_cast<long>(x) + max_width, static_cast<long>(width_));
  int last = -1;  // the column of the last glyph drawn, for a combining mark that follows it
  int advance = 0;
  layout(utf8, [&](char32_t cp, int col, int w) {
    const long at = static_cast<long>(x) + col;
    if (w == 0) {
      if (last >= 0 && cell(last, y).mark == 0) cell(last, y).mark = cp;
      return true;
    }
    if (at + w > end) return false;
    last = -1;
    if (at >= 0) {
      put(static_cast<int>(at), y, cp, w, style);
      last = static_cast<int>(at);
    } else if (at + w > 0) {
      put(0, y, U' ', 1, style);  // the visible half of a wide character cut by the left edge
    }
    advance = col + w;
    return true;
  });
  return advance;
}

void Canvas::fill(const Rect& area, char32_t ch, const Style& style) {
  const int x0 = std::max(0, area.x), y0 = std::max(0, area.y);
  const int x1 = std::min(width_, area.x + area.width), y1 = std::min(height_, area.y + area.height);
  int w = column_width(ch);
  if (w <= 0 || invisible(ch)) ch = kReplacement, w = 1;
  for (int y = y0; y < y1; ++y) {
    int x = x0;
    for (; x + w <= x1; x += w) put(x, y, ch, w, style);
    for (; x < x1; ++x) put(x, y, U' ', 1, style);
  }
}

std::string Canvas::to_string() const {
  std::string out;
  for (int y = 0; y < height_; ++y) {
    const std::size_t start = out.size();
    std::size_t keep = start;  // the end of the row without trailing spaces
    for (int x = 0; x < width_; ++x) {
      const Cell& c = at(x, y);
      if (c.ch == 0) continue;
      utf8::append(out, c.ch);
      if (c.mark != 0) utf8::append(out, c.mark);
      if (c.ch != U' ' || c.mark != 0) keep = out.size();
    }
    out.resize(keep);
    out += '\n';
  }
  return out;
}

int text_width(std::string_view utf8) {
  int width = 0;
  layout(utf8, [&](char32_t, int col, int w) {
    width = col + w;
    return true;
  });
  return width;
}

std::string truncate_to_width(std::string_view utf8, int columns) {
  std::string out;
  if (columns <= 0) return out;
  std::size_t fits = 0;  // the length of out that leaves a column for the ellipsis
  bool cut = false;
  layout(utf8, [&](char32_t cp, int col, int w) {
    if (col + w > columns) {
      cut = true;
      return false;
    }
    utf8::append(out, cp);
    if (col + w <= columns - 1) fits = out.size();
    return true;
  });
  if (cut) {
    out.resize(fits);
    out += "\u2026";
  }
  return out;
}

}  // namespace flinktop::tui
