// LineEditor: byte-offset cursor kept on code point boundaries; drawing scrolls horizontally.
#include "tui/widgets/line_editor.hpp"

#include "tui/screen/utf8.hpp"

namespace flinktop::tui {
namespace {

bool insertable(const Key& key) {
  if (key.kind != Key::Kind::Char) return false;
  if ((key.modifiers & (Key::kCtrl | Key::kAlt)) != 0) return false;
  const char32_t c = key.ch;
  return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c <= 0x10FFFF && !(c >= 0xD800 && c < 0xE000);
}

}  // namespace

void LineEditor::set_text(std::string text) {
  text_ = std::move(text);
  cursor_ = text_.size();
}

bool LineEditor::handle_key(const Key& key) {
  using K = Key::Kind;
  if (insertable(key)) {
    const std::string bytes = utf8::encode(key.ch);
    text_.insert(cursor_, bytes);
    cursor_ += bytes.size();
  } else if (key == Key::named(K::Backspace) || key == Key::ctrl('h')) {
    if (cursor_ == 0) return false;
    const std::size_t from = utf8::prev(text_, cursor_);
    text_.erase(from, cursor_ - from);
    cursor_ = from;
  } else if (key == Key::named(K::Delete) || key == Key::ctrl('d')) {
    if (cursor_ >= text_.size()) return false;
    text_.erase(cursor_, utf8::next(text_, cursor_) - cursor_);
  } else if (key == Key::named(K::Left)) {
    cursor_ = utf8::prev(text_, cursor_);
  } else if (key == Key::named(K::Right)) {
    cursor_ = utf8::next(text_, cursor_);
  } else if (key == Key::named(K::Home) || key == Key::ctrl('a')) {
    cursor_ = 0;
  } else if (key == Key::named(K::End) || key == Key::ctrl('e')) {
    cursor_ = text_.size();
  } else if (key == Key::ctrl('u')) {
    text_.erase(0, cursor_);
    cursor_ = 0;
  } else if (key == Key::ctrl('k')) {
    text_.erase(cursor_);
  } else if (key == Key::ctrl('w')) {
    std::size_t from = cursor_;
    while (from > 0 && text_[from - 1] == ' ') --from;
    while (from > 0 && text_[from - 1] != ' ') from = utf8::prev(text_, from);
    text_.erase(from, cursor_ - from);
    cursor_ = from;
  } else {
    return false;
  }
  return true;
}

void LineEditor::draw(Canvas& canvas, int x, int y, int width, const Style& style, const Style& cursor_style,
                      bool show_cursor, std::string_view hint, const Style& hint_style) const {
  if (width <= 0) return;
  // Scroll: the first shown byte is the earliest from which the cursor still fits (one column is
  // kept for the cursor cell itself).
  std::size_t start = 0;
  const std::string_view all(text_);
  while (start < cursor_ && text_width(all.substr(start, cursor_ - start)) > width - 1) {
    start = utf8::next(all, start);
  }
  const int before = text_width(all.substr(start, cursor_ - start));
  const int used = canvas.text(x, y, all.substr(start), style, width);
  if (!hint.empty() && cursor_ == text_.size() && used < width) {
    canvas.text(x + used, y, hint, hint_style, width - used);
  }
  const int cx = x + before;
  if (show_cursor && before < width && cx >= 0 && cx < canvas.width() && y >= 0 && y < canvas.height()) {
    const char32_t under = canvas.at(cx, y).ch;
    canvas.set(cx, y, under == 0 ? U' ' : under, cursor_style);
  }
}

}  // namespace flinktop::tui
