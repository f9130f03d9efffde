// A key press as the rest of the UI sees it: a character (with ctrl/alt) or a named key, read by
// the Terminal. Names in the user's words ("ctrl-d", "shift-tab", "pgdn") for key maps and help.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flinktop::tui {

struct Key {
  enum class Kind : std::uint8_t {
    None,  // no key before the timeout
    Char,  // ch holds the code point; ctrl-a..ctrl-z come as Char 'a'..'z' with kCtrl
    Enter,
    Escape,
    Backspace,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    Resize,  // the terminal changed size; size() is already updated
  };
  enum Modifier : std::uint8_t { kNoModifier = 0, kCtrl = 1, kAlt = 2, kShift = 4 };

  Kind kind = Kind::None;
  char32_t ch = 0;
  std::uint8_t modifiers = kNoModifier;

  static constexpr Key none() { return {}; }
  static constexpr Key named(Kind kind, std::uint8_t mods = kNoModifier) { return {kind, 0, mods}; }
  static constexpr Key character(char32_t c, std::uint8_t mods = kNoModifier) {
    return {Kind::Char, c, mods};
  }
  static constexpr Key ctrl(char c) { return {Kind::Char, static_cast<char32_t>(c), kCtrl}; }
  static constexpr Key alt(char32_t c) { return {Kind::Char, c, kAlt}; }

  explicit operator bool() const { return kind != Kind::None; }
  // A plain character without modifiers: key.is('q').
  bool is(char32_t c) const { return kind == Kind::Char && ch == c && modifiers == kNoModifier; }
  friend constexpr bool operator==(const Key&, const Key&) = default;
};

// "q", "G", "ctrl-c", "alt-x", "enter", "esc", "shift-tab", "pgdn", "f5", "space".
std::string to_string(const Key& key);
// The inverse of to_string; also accepts "Ctrl+C", "C-c", "<ctrl-d>", "PgDn", "escape".
std::optional<Key> parse_key(std::string_view text);

}  // namespace flinktop::tui
