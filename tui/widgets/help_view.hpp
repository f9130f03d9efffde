// The `?` help: every key of the current view and the global ones, grouped by section, laid out
// in columns as k9s does ("RESOURCE", "GENERAL", "NAVIGATION"). The app generates the entries
// from its key map, so the help cannot drift from what the keys do. Scrolls when it does not fit.
#pragma once

#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/widgets/draw_context.hpp"

namespace flinktop::tui {

struct HelpEntry {
  std::string key;          // "ctrl-d" (drawn as "<ctrl-d>")
  std::string description;  // "Delete"
  std::string section;      // "Job"; sections show in the order they first appear
};

class HelpView {
 public:
  void set_entries(std::vector<HelpEntry> entries);
  // j/k/Up/Down, g/G/Home/End, PgUp/PgDn scroll when the help is taller than the screen.
  bool handle_key(const Key& key);
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx);

 private:
  struct Line {
    std::string key;   // empty for a section title or a blank line
    std::string text;  // the description, or the section title
    bool title = false;
  };
  struct Block {
    std::vector<Line> lines;  // the title first
    int key_w = 0;
    int width = 0;
  };

  std::vector<Block> blocks_;
  int scroll_ = 0;
  int max_scroll_ = 0;
  int page_ = 10;
};

}  // namespace flinktop::tui
