// Log text made safe for a terminal and bounded in size. Whatever a program writes to its log —
// ANSI colour codes, cursor movement, OSC window-title sequences, NUL, CR, raw C1 bytes, invalid
// UTF-8, a megabyte of JSON on one line — comes out as printable, valid UTF-8 that cannot move the
// cursor or change the terminal:
//   C0 controls and DEL   → caret notation, visible and ASCII: ESC "^[", NUL "^@", CR "^M", DEL "^?"
//   C1 controls (U+0080–U+009F) and invalid UTF-8 → U+FFFD "�"
//   TAB                   → spaces up to the next tab stop (columns counted in code points)
// The result is cut at `max_bytes` (on a character boundary); the caller is told how many input
// bytes were left out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flinktop::logs {

struct SanitizeOptions {
  std::size_t max_bytes = 64 * 1024;  // of output; a longer line is cut
  int tab_width = 8;                  // 0: a tab becomes one space
};

// Appends the safe form of `raw` to `out`; returns the number of bytes of `raw` left out.
std::size_t sanitize_line(std::string_view raw, std::string& out, const SanitizeOptions& options = {});

// The same, as a new string (tests, one-off text).
std::string sanitized(std::string_view raw, const SanitizeOptions& options = {});

}  // namespace flinktop::logs
