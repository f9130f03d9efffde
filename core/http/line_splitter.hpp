// Turns a byte stream that arrives in arbitrary chunks into lines (watch events, log lines).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace flinktop::http {

class LineSplitter {
 public:
  // A line longer than max_line is delivered in pieces of max_line bytes (never unbounded memory).
  explicit LineSplitter(std::size_t max_line = 16 * 1024 * 1024) : max_line_(max_line) {}

  // Calls on_line for each complete line in (previous remainder + chunk), without the '\n'
  // (and without a trailing '\r'). Returns false as soon as on_line returns false.
  bool feed(std::string_view chunk, const std::function<bool(std::string_view)>& on_line);

  // The unterminated remainder at end of stream, if any (a cut stream leaves one).
  const std::string& remainder() const noexcept { return pending_; }
  void reset() { pending_.clear(); }

 private:
  std::size_t max_line_;
  std::string pending_;
};

}  // namespace flinktop::http
