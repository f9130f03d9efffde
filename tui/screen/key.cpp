// Key names for key maps, help and status messages.
#include "tui/screen/key.hpp"
#include "tui/screen/utf8.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace flinktop::tui {
namespace {

using Kind = Key::Kind;

struct KindName {
  Kind kind;
  std::string_view name;
};

// The first name of a kind is the one printed; the others are accepted when parsing.
constexpr std::array<KindName, 37> kNames{{
    {Kind::Enter, "enter"},
    {Kind::Enter, "return"},
    {Kind::Enter, "ret"},
    {Kind::Escape, "esc"},
    {Kind::Escape, "escape"},
    {Kind::Backspace, "backspace"},
    {Kind::Backspace, "bs"},
    {Kind::Tab, "tab"},
    {Kind::BackTab, "backtab"},
    {Kind::Up, "up"},
    {Kind::Down, "down"},
    {Kind::Left, "left"},
    {Kind::Right, "right"},
    {Kind::Home, "home"},
    {Kind::End, "end"},
    {Kind::PageUp, "pgup"},
    {Kind::PageUp, "pageup"},
    {Kind::PageDown, "pgdn"},
    {Kind::PageDown, "pagedown"},
    {Kind::Insert, "insert"},
    {Kind::Insert, "ins"},
    {Kind::Delete, "delete"},
    {Kind::Delete, "del"},
    {Kind::F1, "f1"},
    {Kind::F2, "f2"},
    {Kind::F3, "f3"},
    {Kind::F4, "f4"},
    {Kind::F5, "f5"},
    {Kind::F6, "f6"},
    {Kind::F7, "f7"},
    {Kind::F8, "f8"},
    {Kind::F9, "f9"},
    {Kind::F10, "f10"},
    {Kind::F11, "f11"},
    {Kind::F12, "f12"},
    {Kind::Resize, "resize"},
    {Kind::None, "none"},
}};


std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Strips one leading modifier ("ctrl-", "ctrl+", "c-", "alt-", "a-", "m-", "meta-", "shift-",
// "s-") from s; returns the modifier bit or 0.
std::uint8_t take_modifier(std::string& s) {
  static constexpr std::array<std::pair<std::string_view, std::uint8_t>, 7> kPrefixes{{
      {"ctrl", Key::kCtrl},
      {"c", Key::kCtrl},
      {"alt", Key::kAlt},
      {"meta", Key::kAlt},
      {"m", Key::kAlt},
      {"a", Key::kAlt},
      {"shift", Key::kShift},
  }};
  for (const auto& [prefix, bit] : kPrefixes) {
    if (s.size() > prefix.size() + 1 && s.compare(0, prefix.size(), prefix) == 0 &&
        (s[prefix.size()] == '-' || s[prefix.size()] == '+')) {
      s.erase(0, prefix.size() + 1);
      return bit;
    }
  }
  return 0;
}

}  // namespace

std::string to_string(const Key& key) {
  std::string out;
  if (key.modifiers & Key::kCtrl) out += "ctrl-";
  if (key.modifiers & Key::kAlt) out += "alt-";
  if (key.modifiers & Key::kShift) out += "shift-";
  if (key.kind == Kind::Char) {
    if (key.ch == U' ') {
      out += "space";
    } else {
      utf8::append(out, key.ch);
    }
    return out;
  }
  if (key.kind == Kind::BackTab) return out + "shift-tab";
  for (const auto& [kind, name] : kNames) {
    if (kind == key.kind) return out + std::string(name);
  }
  return out + "?";
}

std::optional<Key> parse_key(std::string_view text) {
  if (text.size() > 2 && text.front() == '<' && text.back() == '>') text = text.substr(1, text.size() - 2);
  if (text.empty()) return std::nullopt;
  // A single character (any case, any script) stands for itself.
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (text.size() == len) {
    char32_t cp = len == 1 ? lead : lead & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
    return Key::character(cp);
  }
  std::string s = lower(text);
  std::uint8_t mods = 0;
  for (std::uint8_t bit = take_modifier(s); bit != 0; bit = take_modifier(s)) mods |= bit;
  if (s == "space") return Key::character(U' ', mods);
  if (s == "tab" && (mods & Key::kShift)) return Key::named(Kind::BackTab, mods & ~Key::kShift);
  if (s.size() == 1) {
    // "ctrl-C" is the same key as "ctrl-c"; a plain letter keeps its case (G is not g).
    char c = (mods & Key::kCtrl) ? s[0] : text.back();
    return Key::character(static_cast<unsigned char>(c), mods);
  }
  for (const auto& [kind, name] : kNames) {
    if (name == s && kind != Kind::None) return Key::named(kind, mods);
  }
  return std::nullopt;
}

}  // namespace flinktop::tui
