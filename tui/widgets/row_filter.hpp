// The `/` filter of a table: an RE2 regular expression matched case-insensitively against the
// visible text of a row; a leading `!` keeps the rows that do NOT match. A pattern that is not a
// valid regular expression is matched as plain text and the reason is kept for the status line,
// so a typo never hides every row or crashes the UI.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace flinktop::tui {

class RowFilter {
 public:
  RowFilter() = default;  // matches every row
  explicit RowFilter(std::string_view text);

  // False for "" and a lone "!": nothing to filter by.
  bool active() const { return matcher_ != nullptr; }
  bool inverted() const { return inverted_; }
  // As typed, "!" included.
  const std::string& text() const { return text_; }
  // Empty when the pattern compiled; otherwise one line saying why and that it is used literally.
  const std::string& error() const { return error_; }

  bool matches(std::string_view visible_text) const;

 private:
  std::string text_;
  bool inverted_ = false;
  std::string error_;
  std::shared_ptr<const re2::RE2> matcher_;  // shared: a RowFilter is a cheap copyable value
};

}  // namespace flinktop::tui
