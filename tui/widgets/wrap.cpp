// wrap_text: greedy, measured in terminal columns (wide characters count two).
#include "tui/widgets/wrap.hpp"

#include "tui/screen/canvas.hpp"
#include "tui/screen/utf8.hpp"

namespace flinktop::tui {

std::vector<std::string> wrap_text(std::string_view text, int width) {
  std::vector<std::string> lines;
  if (width <= 0) return lines;
  std::string line;
  int line_w = 0;
  auto flush = [&] {
    lines.push_back(std::move(line));
    line.clear();
    line_w = 0;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end;
    int word_w = text_width(word);
    if (line_w > 0 && line_w + 1 + word_w <= width) {
      line += ' ';
      line += word;
      line_w += 1 + word_w;
      continue;
    }
    if (line_w > 0) flush();
    while (word_w > width) {  // a word longer than a line: cut it where it reaches the width
      std::size_t cut = 0;
      while (cut < word.size()) {
        const std::size_t next = utf8::next(word, cut);
        if (text_width(word.substr(0, next)) > width) break;
        cut = next;
      }
      if (cut == 0) cut = utf8::next(word, 0);  // a wide character in a 1-column box
      lines.emplace_back(word.substr(0, cut));
      word.remove_prefix(cut);
      word_w = text_width(word);
    }
    line = std::string(word);
    line_w = word_w;
  }
  if (line_w > 0 || lines.empty()) flush();
  return lines;
}

}  // namespace flinktop::tui
