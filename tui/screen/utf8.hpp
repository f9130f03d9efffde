// UTF-8 encoding and code-point steps shared by the screen (Canvas, key names) and the editing
// widgets. (Decoding for display, with sanitising, is the Canvas's job.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flinktop::tui::utf8 {

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline std::string encode(char32_t cp) {
  std::string s;
  append(s, cp);
  return s;
}

inline bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

inline std::size_t next(std::string_view s, std::size_t i) {
  if (i >= s.size()) return s.size();
  ++i;
  while (i < s.size() && continuation(s[i])) ++i;
  return i;
}

inline std::size_t prev(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && continuation(s[i])) --i;
  return i;
}

}  // namespace flinktop::tui::utf8
