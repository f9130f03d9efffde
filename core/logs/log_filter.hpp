// The log filter: an RE2 regular expression (linear time — a user's pattern cannot stall the
// ingest or the UI), `!` in front keeps the lines that do NOT match, smart case (case-insensitive
// unless the pattern has an upper-case letter), and the match positions for highlighting. A pattern
// that does not compile is kept as plain text and error() says why, in one line: the UI shows it
// while the user is still typing; the CLI refuses it (exit 2).
//
// A LogFilter is an immutable, cheaply copyable value, safe to use from many threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace flinktop::logs {

struct MatchSpan {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  bool operator==(const MatchSpan&) const = default;
};

class LogFilter {
 public:
  LogFilter() = default;  // matches every line
  explicit LogFilter(std::string_view text);

  // False for "" and a lone "!": every line passes.
  bool active() const noexcept { return matcher_ != nullptr; }
  bool inverted() const noexcept { return inverted_; }
  const std::string& text() const noexcept { return text_; }  // as typed, "!" included
  // Empty when the pattern compiled; else "invalid regex /x(/: missing ): x( (matching it as plain text)".
  const std::string& error() const noexcept { return error_; }

  bool matches(std::string_view line) const;

  // Where the pattern matches (non-overlapping, left to right, at most `max` spans; an empty match
  // is skipped). Nothing for an inverted or inactive filter: there is nothing to point at.
  std::vector<MatchSpan> spans(std::string_view line, std::size_t max = 64) const;

 private:
  std::string text_;
  bool inverted_ = false;
  std::string error_;
  std::shared_ptr<const re2::RE2> matcher_;
};

}  // namespace flinktop::logs
