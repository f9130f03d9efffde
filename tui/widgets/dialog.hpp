// A modal confirmation in the middle of the screen: a title, body lines, the exact target of the
// action highlighted, and Yes/No buttons with No focused, so that Enter pressed out of habit
// never confirms. Keys: y = Yes, n/Esc = No, Tab/Left/Right move the focus, Enter presses the
// focused button. The variant with a text field (a savepoint directory, pre-filled) starts in the
// field; there y/n are typed, Enter/Tab move on to the buttons and Esc still cancels.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"
#include "tui/widgets/draw_context.hpp"
#include "tui/widgets/line_editor.hpp"

namespace flinktop::tui {

struct DialogContent {
  std::string title;              // "Cancel job"
  std::vector<std::string> body;  // "Cancel this job? Its state is lost unless you take a savepoint."
  std::string target;             // "orders-enrichment (7f3a2c…) on flink-prod/orders"
  std::string yes = "Yes";
  std::string no = "No";
  std::optional<std::string> field_label;  // set: the dialog has one text field
  std::string field_value;                 // its initial text
};

class Dialog {
 public:
  enum class Outcome : std::uint8_t { Open, Yes, No };
  enum class Focus : std::uint8_t { Field, Yes, No };

  explicit Dialog(DialogContent content);

  Outcome handle_key(const Key& key);
  Outcome outcome() const { return outcome_; }
  Focus focus() const { return focus_; }
  bool has_field() const { return content_.field_label.has_value(); }
  const std::string& field_value() const { return field_.text(); }
  const DialogContent& content() const { return content_; }

  // Centred in `screen`, as wide as its text needs (wrapped to fit), never wider than the screen.
  void draw(Canvas& canvas, Rect screen, const DrawContext& ctx) const;

 private:
  void next_focus(int step);

  DialogContent content_;
  LineEditor field_;
  Focus focus_ = Focus::No;
  Outcome outcome_ = Outcome::Open;
};

}  // namespace flinktop::tui
