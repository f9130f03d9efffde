#include "tui/widgets/text_pager.hpp"

#include <algorithm>
#include <cctype>

namespace flinktop::tui {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

void TextPager::set_lines(std::vector<PagerLine> lines) {
  lines_ = std::move(lines);
  scroll_ = std::clamp(scroll_, 0, std::max(0, static_cast<int>(lines_.size()) - 1));
}

bool TextPager::matches(const std::string& line) const {
  return !search_.empty() && lower(line).find(lower(search_)) != std::string::npos;
}

std::size_t TextPager::match_count() const {
  return static_cast<std::size_t>(std::count_if(lines_.begin(), lines_.end(), [&](const PagerLine& l) { return matches(l.text); }));
}

bool TextPager::search(const std::string& text) {
  const bool again = !text.empty() && text == search_;
  search_ = text;
  if (search_.empty() || lines_.empty()) return search_.empty();
  const int n = static_cast<int>(lines_.size());
  // The same text again: the next match after the top line; new text: from the top line itself.
  for (int step = again ? 1 : 0; step < n + (again ? 1 : 0); ++step) {
    const int i = (scroll_ + step) % n;
    if (matches(lines_[static_cast<std::size_t>(i)].text)) {
      scroll_ = i;
      return true;
    }
  }
  return false;
}

bool TextPager::handle_key(const Key& key) {
  const int last = std::max(0, static_cast<int>(lines_.size()) - page_);
  using K = Key::Kind;
  if (key.is('j') || key.kind == K::Down) {
    scroll_ = std::min(scroll_ + 1, last);
  } else if (key.is('k') || key.kind == K::Up) {
    scroll_ = std::max(scroll_ - 1, 0);
  } else if (key.is('g') || key.kind == K::Home) {
    scroll_ = 0;
  } else if (key.is('G') || key.kind == K::End) {
    scroll_ = last;
  } else if (key.kind == K::PageDown || key == Key::ctrl('f')) {
    scroll_ = std::min(scroll_ + page_, last);
  } else if (key.kind == K::PageUp || key == Key::ctrl('b')) {
    scroll_ = std::max(scroll_ - page_, 0);
  } else {
    return false;
  }
  return true;
}

void TextPager::draw(Canvas& canvas, Rect area, const DrawContext& ctx) {
  if (area.empty()) return;
  page_ = std::max(1, area.height);
  const int x = area.x + 1, width = area.width - 1;
  for (int row = 0; row < area.height; ++row) {
    const std::size_t i = static_cast<std::size_t>(scroll_ + row);
    if (i >= lines_.size()) break;
    const PagerLine& line = lines_[i];
    const bool hit = matches(line.text);
    const Style body = hit ? ctx.theme[Role::RowSelected] : ctx.theme[line.role];
    const std::size_t label = std::min(static_cast<std::size_t>(std::max(0, line.label_width)), line.text.size());
    int used = 0;
    if (label > 0) {
      used = canvas.text(x, area.y + row, std::string_view(line.text).substr(0, label),
                         hit ? body : ctx.theme[Role::YamlKey], width);
    }
    canvas.text(x + used, area.y + row, std::string_view(line.text).substr(label), body, width - used);
  }
}

}  // namespace flinktop::tui
