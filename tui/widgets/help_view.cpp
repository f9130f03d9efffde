// HelpView: sections become blocks, blocks are packed into as many equal-height columns as fit.
#include "tui/widgets/help_view.hpp"

#include <algorithm>

namespace flinktop::tui {
namespace {

constexpr int kGap = 4;     // between columns
constexpr int kMargin = 1;  // before the first column

}  // namespace

void HelpView::set_entries(std::vector<HelpEntry> entries) {
  blocks_.clear();
  std::vector<std::string> order;
  for (const auto& e : entries) {
    if (std::find(order.begin(), order.end(), e.section) == order.end()) order.push_back(e.section);
  }
  for (const auto& section : order) {
    Block b;
    b.lines.push_back({{}, section, true});
    for (const auto& e : entries) {
      if (e.section != section) continue;
      b.lines.push_back({"<" + e.key + ">", e.description, false});
      b.key_w = std::max(b.key_w, text_width(b.lines.back().key));
    }
    b.width = text_width(section);
    for (const auto& l : b.lines) {
      if (!l.title) b.width = std::max(b.width, b.key_w + 1 + text_width(l.text));
    }
    blocks_.push_back(std::move(b));
  }
  scroll_ = 0;
}

bool HelpView::handle_key(const Key& key) {
  using K = Key::Kind;
  int to = scroll_;
  if (key.is('j') || key == Key::named(K::Down)) {
    ++to;
  } else if (key.is('k') || key == Key::named(K::Up)) {
    --to;
  } else if (key.is('g') || key == Key::named(K::Home)) {
    to = 0;
  } else if (key.is('G') || key == Key::named(K::End)) {
    to = max_scroll_;
  } else if (key == Key::named(K::PageDown) || key == Key::ctrl('f')) {
    to += page_;
  } else if (key == Key::named(K::PageUp) || key == Key::ctrl('b')) {
    to -= page_;
  } else {
    return false;
  }
  scroll_ = std::clamp(to, 0, max_scroll_);
  return true;
}

void HelpView::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  if (area.empty()) return;
  const Theme& theme = ctx.theme;
  canvas.fill(area, U' ', theme[Role::Normal]);
  if (blocks_.empty()) return;

  // As many columns as the widest block allows; then the lowest column height that packs the
  // blocks, in order, into that many columns (a blank line between blocks, never split).
  int block_w = 0, total = 0, tallest = 0;
  for (const auto& b : blocks_) {
    block_w = std::max(block_w, b.width);
    const int h = static_cast<int>(b.lines.size());
    total += h + 1;
    tallest = std::max(tallest, h);
  }
  const int columns =
      std::clamp((area.width - kMargin + kGap) / (block_w + kGap), 1, static_cast<int>(blocks_.size()));
  auto pack = [&](int height) {
    std::vector<std::vector<const Block*>> cols(1);
    int used = 0;
    for (const auto& b : blocks_) {
      const int h = static_cast<int>(b.lines.size());
      if (used > 0 && used + 1 + h > height) {
        cols.emplace_back();
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + h;
      cols.back().push_back(&b);
    }
    return cols;
  };
  int height = std::max(tallest, (total + columns - 1) / columns - 1);
  auto cols = pack(height);
  while (static_cast<int>(cols.size()) > columns) cols = pack(++height);

  page_ = std::max(1, area.height - 1);
  max_scroll_ = std::max(0, height - area.height);
  scroll_ = std::clamp(scroll_, 0, max_scroll_);

  // Each column as wide as its widest block.
  int x = area.x + kMargin;
  for (const auto& col : cols) {
    int col_w = 0, key_w = 0;
    for (const Block* b : col) col_w = std::max(col_w, b->width), key_w = std::max(key_w, b->key_w);
    col_w = std::max(col_w, key_w + 1);
    if (x >= area.x + area.width) break;
    const int room = area.x + area.width - x;
    int row = -scroll_;
    for (const Block* b : col) {
      for (const auto& line : b->lines) {
        const int y = area.y + row++;
        if (y < area.y || y >= area.y + area.height) continue;
        if (line.title) {
          canvas.text(x, y, line.text, theme[Role::TableHeader], room);
        } else {
          canvas.text(x, y, line.key, theme[Role::HeaderKey], room);
          if (key_w + 1 < room)
            canvas.text(x + key_w + 1, y, line.text, theme[Role::HeaderKeyHint], room - key_w - 1);
        }
      }
      ++row;
    }
    // Blocks in one column share the key width so the descriptions line up.
    for (const Block* b : col) col_w = std::max(col_w, key_w + 1 + (b->width - b->key_w - 1));
    x += col_w + kGap;
  }
}

}  // namespace flinktop::tui
