// RowFilter: RE2 (linear time, no catastrophic backtracking on a user's pattern) with a literal
// fallback for patterns that do not compile.
#include "tui/widgets/row_filter.hpp"

#include <re2/re2.h>

namespace flinktop::tui {
namespace {

std::shared_ptr<const re2::RE2> compile(std::string_view pattern, bool literal) {
  re2::RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_literal(literal);
  return std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
}

}  // namespace

RowFilter::RowFilter(std::string_view text) : text_(text) {
  std::string_view pattern = text;
  if (!pattern.empty() && pattern.front() == '!') {
    inverted_ = true;
    pattern.remove_prefix(1);
  }
  if (pattern.empty()) return;
  auto re = compile(pattern, false);
  if (!re->ok()) {
    error_ = "invalid regex /" + std::string(pattern) + "/: " + re->error() + " (matching it as plain text)";
    re = compile(pattern, true);
  }
  matcher_ = std::move(re);
}

bool RowFilter::matches(std::string_view visible_text) const {
  if (!matcher_) return true;
  const bool found =
      re2::RE2::PartialMatch(re2::StringPiece(visible_text.data(), visible_text.size()), *matcher_);
  return found != inverted_;
}

}  // namespace flinktop::tui
