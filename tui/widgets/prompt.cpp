// Prompt: history browsing, Tab completion cycling, and drawing with the greyed hint.
#include "tui/widgets/prompt.hpp"

#include <algorithm>

namespace flinktop::tui {
namespace {

constexpr std::size_t kHistoryLimit = 100;

bool starts_with_folded(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (fold(text[i]) != fold(prefix[i])) return false;
  }
  return true;
}

}  // namespace

void Prompt::open(std::string text) {
  editor_.set_text(std::move(text));
  history_pos_ = history_.size();
  draft_.clear();
  cycling_ = false;
}

void Prompt::set_history(std::vector<std::string> history) {
  history_ = std::move(history);
  if (history_.size() > kHistoryLimit) history_.erase(history_.begin(), history_.end() - kHistoryLimit);
  history_pos_ = history_.size();
}

void Prompt::remember(const std::string& line) {
  if (line.empty() || (!history_.empty() && history_.back() == line)) return;
  history_.push_back(line);
  if (history_.size() > kHistoryLimit) history_.erase(history_.begin());
}

std::vector<std::string> Prompt::matches(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const auto& c : candidates_) {
    if (c.size() > prefix.size() && starts_with_folded(c, prefix)) out.push_back(c);
  }
  return out;
}

std::string Prompt::hint() const {
  const std::string& t = editor_.text();
  if (t.empty() || editor_.cursor() != t.size()) return {};
  for (const auto& c : candidates_) {
    if (c.size() > t.size() && starts_with_folded(c, t)) return c.substr(t.size());
  }
  return {};
}

void Prompt::complete(int step) {
  if (!cycling_) {
    const auto found = matches(editor_.text());
    if (found.empty()) return;
    cycle_base_ = editor_.text();
    cycle_index_ = step > 0 ? 0 : found.size() - 1;
    cycling_ = true;
    editor_.set_text(found[cycle_index_]);
    return;
  }
  const auto found = matches(cycle_base_);
  if (found.empty()) return;
  const auto n = found.size();
  cycle_index_ = (cycle_index_ + n + (step > 0 ? 1 : n - 1)) % n;
  editor_.set_text(found[cycle_index_]);
}

Prompt::Outcome Prompt::handle_key(const Key& key) {
  using K = Key::Kind;
  if (key == Key::named(K::Tab) || key == Key::named(K::BackTab)) {
    complete(key.kind == K::Tab ? 1 : -1);
    return Outcome::Editing;
  }
  cycling_ = false;
  if (key == Key::named(K::Escape) || key == Key::ctrl('c') || key == Key::ctrl('g')) {
    return Outcome::Cancelled;
  }
  if (key == Key::named(K::Enter)) {
    remember(editor_.text());
    history_pos_ = history_.size();
    return Outcome::Submitted;
  }
  if ((key == Key::named(K::Backspace) || key == Key::ctrl('h')) && editor_.text().empty()) {
    return Outcome::Cancelled;
  }
  if (key == Key::named(K::Up) || key == Key::ctrl('p')) {
    if (history_pos_ > 0) {
      if (history_pos_ == history_.size()) draft_ = editor_.text();
      editor_.set_text(history_[--history_pos_]);
    }
    return Outcome::Editing;
  }
  if (key == Key::named(K::Down) || key == Key::ctrl('n')) {
    if (history_pos_ < history_.size()) {
      ++history_pos_;
      editor_.set_text(history_pos_ == history_.size() ? draft_ : history_[history_pos_]);
    }
    return Outcome::Editing;
  }
  editor_.handle_key(key);
  return Outcome::Editing;
}

void Prompt::draw(Canvas& canvas, Rect area, const DrawContext& ctx) const {
  if (area.empty()) return;
  const Style& style = ctx.theme[Role::Prompt];
  canvas.fill({area.x, area.y, area.width, 1}, U' ', style);
  const int lead = canvas.text(area.x, area.y, leader_, style, area.width);
  Style cursor = style;
  cursor.attrs ^= kAttrReverse;
  editor_.draw(canvas, area.x + lead, area.y, area.width - lead, style, cursor, true, hint(),
               ctx.theme[Role::PromptSuggestion]);
}

}  // namespace flinktop::tui
