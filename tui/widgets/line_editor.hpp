// One editable line of text with a cursor, with the keys of a shell's line editor: typing inserts,
// Backspace/Delete, Left/Right, Home/End and ctrl-a/ctrl-e, ctrl-u (delete to the start),
// ctrl-k (delete to the end), ctrl-w (delete the word before the cursor). Used by the `:`/`/`
// prompt and by dialogs with a text field.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"

namespace flinktop::tui {

class LineEditor {
 public:
  LineEditor() = default;
  explicit LineEditor(std::string text) { set_text(std::move(text)); }

  const std::string& text() const { return text_; }
  std::size_t cursor() const { return cursor_; }  // a byte offset on a code point boundary
  void set_text(std::string text);                // cursor at the end
  void clear() { set_text({}); }

  // True when the key edited the line or moved the cursor.
  bool handle_key(const Key& key);

  // Draws the line in `width` columns from (x, y), scrolled so that the cursor shows; the cursor
  // cell takes `cursor_style` (when `show_cursor`). `hint` is drawn after the text (a completion).
  void draw(Canvas& canvas, int x, int y, int width, const Style& style, const Style& cursor_style,
            bool show_cursor = true, std::string_view hint = {}, const Style& hint_style = {}) const;

 private:
  std::string text_;
  std::size_t cursor_ = 0;
};

}  // namespace flinktop::tui
