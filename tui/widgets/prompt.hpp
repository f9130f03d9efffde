// The one-line prompt for `:` commands and `/` filters: a LineEditor plus history (Up/Down) and
// Tab completion from candidates the caller supplies, the rest of the first match shown greyed
// after the cursor. Esc cancels; Enter submits; Backspace on an empty line cancels (as k9s).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/widgets/draw_context.hpp"
#include "tui/widgets/line_editor.hpp"

namespace flinktop::tui {

class Prompt {
 public:
  enum class Outcome : std::uint8_t { Editing, Submitted, Cancelled };

  explicit Prompt(std::string leader = ":") : leader_(std::move(leader)) {}

  // Starts editing with `text` (the current filter when reopening `/`).
  void open(std::string text = {});
  Outcome handle_key(const Key& key);
  const std::string& text() const { return editor_.text(); }
  const std::string& leader() const { return leader_; }

  // Whole-line candidates ("jobs", "taskmanagers", "ctx kind-dev"); matched case-insensitively
  // by prefix, in the order given.
  void set_candidates(std::vector<std::string> candidates) { candidates_ = std::move(candidates); }
  // What Tab would add, shown greyed after the cursor; empty when nothing matches.
  std::string hint() const;

  const std::vector<std::string>& history() const { return history_; }  // oldest first
  void set_history(std::vector<std::string> history);

  // One line: the leader, the text, the hint; the cursor as a reversed cell.
  void draw(Canvas& canvas, Rect area, const DrawContext& ctx) const;

 private:
  std::vector<std::string> matches(std::string_view prefix) const;
  void complete(int step);
  void remember(const std::string& line);

  std::string leader_;
  LineEditor editor_;
  std::vector<std::string> candidates_;
  std::vector<std::string> history_;
  std::size_t history_pos_ = 0;  // == history_.size(): editing a new line
  std::string draft_;            // the new line, kept while browsing the history
  std::string cycle_base_;       // what was typed before Tab, while Tab cycles through matches
  std::size_t cycle_index_ = 0;
  bool cycling_ = false;
};

}  // namespace flinktop::tui
