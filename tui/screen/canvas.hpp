// The Canvas: an in-memory grid of cells that a frame is composed into. Widgets draw here; only
// tui/screen/terminal.cpp turns a Canvas into terminal output (the cells that changed since the
// last frame). Text is sanitised on the way in: control characters (C0, C1, DEL, ESC) never
// reach a cell, invalid UTF-8 shows as U+FFFD, wide characters (CJK, emoji) take two cells.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tui/screen/style.hpp"

namespace flinktop::tui {

struct Rect {
  int x = 0, y = 0, width = 0, height = 0;
  bool empty() const { return width <= 0 || height <= 0; }
  friend constexpr bool operator==(const Rect&, const Rect&) = default;
};

struct Cell {
  char32_t ch = U' ';  // the code point shown; 0 in the right half of a wide character
  Style style;
  char32_t mark = 0;  // one combining mark drawn over ch (U+0301 on "e" shows "é"); 0: none
  friend constexpr bool operator==(const Cell&, const Cell&) = default;
};

class Canvas {
 public:
  Canvas() = default;
  Canvas(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  void resize(int width, int height);  // clears
  void clear(const Style& style = {});

  const Cell& at(int x, int y) const { return cells_[static_cast<std::size_t>(y * width_ + x)]; }
  // One code point in one cell (two for a wide one); out of range is ignored, a control
  // character or a lone combining mark is stored as U+FFFD.
  void set(int x, int y, char32_t ch, const Style& style);

  // Writes UTF-8 text from (x, y), clipped to max_width columns (and the canvas). Returns the
  // number of columns written. A wide character that does not fit whole is not drawn.
  // Sanitised on the way: escape sequences (ESC/CSI/OSC/DCS, 7- and 8-bit) are removed whole,
  // other controls dropped, line breaks become a space, TAB advances to the next multiple of 8
  // columns from x, invalid UTF-8 becomes U+FFFD, invisible format characters are dropped and a
  // combining mark joins the character before it.
  int text(int x, int y, std::string_view utf8, const Style& style, int max_width = 1 << 30);
  void fill(const Rect& area, char32_t ch, const Style& style);

  // The whole canvas as plain text, one line per row, each ended by '\n', trailing spaces trimmed
  // (snapshot tests).
  std::string to_string() const;

 private:
  Cell& cell(int x, int y) { return cells_[static_cast<std::size_t>(y * width_ + x)]; }
  // Stores a glyph of width 1 or 2 at (x, y), first cutting in half any wide character it overlaps
  // (the other half becomes a space), so a right half (ch == 0) always follows its wide character.
  void put(int x, int y, char32_t ch, int width, const Style& style);

  int width_ = 0;
  int height_ = 0;
  std::vector<Cell> cells_;
};

// One code point from s at i (advancing i). An ill-formed sequence gives one U+FFFD per maximal
// subpart (Unicode 15, §3.9): overlongs, surrogates and values above U+10FFFF never decode.
char32_t decode_utf8(std::string_view s, std::size_t& i);

// Columns a code point takes in a terminal: 0 (combining), 1 or 2 (wide). Control characters -1.
int column_width(char32_t ch);
// Columns UTF-8 text takes once sanitised as Canvas::text would draw it.
int text_width(std::string_view utf8);
// Cuts sanitised text to at most `columns`, adding "…" when cut.
std::string truncate_to_width(std::string_view utf8, int columns);

}  // namespace flinktop::tui
