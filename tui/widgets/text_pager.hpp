// A scrollable page of text lines (describe, YAML): j/k, g/G, PgUp/PgDn move it; `/` search
// highlights every match and brings the next one into view. Lines from outside are drawn
// through Canvas::text, which strips control sequences; the caller keeps them one line each.
#pragma once

#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

struct PagerLine {
  std::string text;
  Role role = Role::Normal;
  int label_width = 0;  // the first label_width bytes take Role::YamlKey ("Status:", "  image:")
};

class TextPager {
 public:
  // New content; the scroll position stays (a refresh must not jump the reader back to the top).
  void set_lines(std::vector<PagerLine> lines);
  const std::vector<PagerLine>& lines() const { return lines_; }
  bool handle_key(const Key& key);
  // Case-insensitive plain text; each call moves to the next matching line from the top one
  // (wrapping). "" clears. Returns false when nothing matches.
  bool search(const std::string& text);
  const std::string& search_text() const { return search_; }
  int scroll() const { return scroll_; }
  // The matches over the total: "3 matches" for the title.
  std::size_t match_count() const;
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx);

 private:
  bool matches(const std::string& line) const;

  std::vector<PagerLine> lines_;
  std::string search_;
  int scroll_ = 0;
  int page_ = 10;
};

}  // namespace flinktop::tui
