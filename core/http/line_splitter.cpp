// LineSplitter: complete lines inside a chunk are delivered straight from the chunk (no copy); only
// an unterminated tail is kept, and it never grows past max_line (+1 byte for a possible '\r').
//
// When on_line returns false the unconsumed rest of the chunk is kept, so a later feed() resumes
// exactly where delivery stopped.
#include "core/http/line_splitter.hpp"

#include <algorithm>

namespace flinktop::http {

namespace {

using OnLine = std::function<bool(std::string_view)>;

// A terminated line: in pieces of max bytes when it is longer (the last piece is never empty).
bool deliver(std::string_view line, std::size_t max, const OnLine& on_line) {
  while (line.size() > max) {
    if (!on_line(line.substr(0, max))) return false;
    line.remove_prefix(max);
  }
  return on_line(line);
}

}  // namespace

bool LineSplitter::feed(std::string_view chunk, const OnLine& on_line) {
  const std::size_t max = std::max<std::size_t>(max_line_, 1);

  // Only after an earlier stop can the kept text hold complete lines: deliver those first.
  if (pending_.find('\n') != std::string::npos) {
    std::string carried;
    carried.swap(pending_);
    if (!feed(carried, on_line)) {
      pending_.append(chunk);
      return false;
    }
  }

  while (!chunk.empty()) {
    const std::size_t newline = chunk.find('\n');
    if (newline == std::string_view::npos) {
      pending_.append(chunk);
      // An over-long unterminated line goes out in pieces now, so memory stays bounded. A lone '\r'
      // just past a full piece is held back: it may be the first half of "\r\n".
      std::size_t consumed = 0;
      bool go_on = true;
      while (pending_.size() - consumed > max &&
             !(pending_.size() - consumed == max + 1 && pending_.back() == '\r')) {
        if (!on_line(std::string_view(pending_).substr(consumed, max))) {
          go_on = false;
          consumed += max;
          break;
        }
        consumed += max;
      }
      pending_.erase(0, consumed);
      return go_on;
    }

    std::string_view line;
    if (pending_.empty()) {
      line = chunk.substr(0, newline);
    } else {
      pending_.append(chunk.substr(0, newline));
      line = pending_;
    }
    chunk.remove_prefix(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    const bool go_on = deliver(line, max, on_line);
    pending_.clear();  // `line` may point into pending_: clear only after delivery
    if (!go_on) {
      pending_.assign(chunk);
      return false;
    }
  }
  return true;
}

}  // namespace flinktop::http
