// LogFilter over RE2. PartialMatch is RE2's unanchored search; with no capture groups asked for it
// runs the DFA only, which is what keeps an active filter cheap on the ingest path.
#include "core/logs/log_filter.hpp"

#include <re2/re2.h>

#include "core/text/one_line.hpp"

namespace flinktop::logs {

namespace {

std::shared_ptr<const re2::RE2> compile(std::string_view pattern, bool literal, bool case_sensitive) {
  re2::RE2::Options options;
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  options.set_literal(literal);
  return std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
}

bool has_upper(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    // "\S", "\W", "\D", "\B" are classes, not letters the user typed.
    if (pattern[i] == '\\') {
      ++i;
      continue;
    }
    if (pattern[i] >= 'A' && pattern[i] <= 'Z') return true;
  }
  return false;
}

}  // namespace

LogFilter::LogFilter(std::string_view text) : text_(text) {
  std::string_view pattern = text;
  if (!pattern.empty() && pattern.front() == '!') {
    inverted_ = true;
    pattern.remove_prefix(1);
  }
  if (pattern.empty()) return;
  const bool case_sensitive = has_upper(pattern);
  auto re = compile(pattern, false, case_sensitive);
  if (!re->ok()) {
    error_ = text::one_line("invalid regex /" + std::string(pattern) + "/: " + re->error() +
                            " (matching it as plain text)");
    re = compile(pattern, true, case_sensitive);
  }
  matcher_ = std::move(re);
}

bool LogFilter::matches(std::string_view line) const {
  if (!matcher_) return true;
  const bool found = re2::RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *matcher_);
  return found != inverted_;
}

std::vector<MatchSpan> LogFilter::spans(std::string_view line, std::size_t max) const {
  std::vector<MatchSpan> out;
  if (!matcher_ || inverted_) return out;
  const re2::StringPiece text(line.data(), line.size());
  std::size_t at = 0;
  re2::StringPiece match;
  while (at <= line.size() && out.size() < max &&
         matcher_->Match(text, at, line.size(), re2::RE2::UNANCHORED, &match, 1)) {
    const auto begin = static_cast<std::size_t>(match.data() - line.data());
    const std::size_t end = begin + match.size();
    if (end > begin) {
      out.push_back({begin, end});
      at = end;
    } else {
      // An empty match (e.g. "x*" where there is no x) says nothing: step over one character.
      at = begin + 1;
      while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
    }
  }
  return out;
}

}  // namespace flinktop::logs
