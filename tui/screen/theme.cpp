// Roles, colours by name and the two themes built into the binary (default dark, monochrome).
#include "tui/screen/theme.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace flinktop::tui {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoleNames{{
    "normal",
    "logo",
    "header",
    "header_label",
    "header_value",
    "header_key",
    "header_key_hint",
    "border",
    "border_focused",
    "title",
    "title_counter",
    "title_filter",
    "table_header",
    "table_header_sorted",
    "row_normal",
    "row_selected",
    "row_marked",
    "row_changed",
    "row_added",
    "row_deleted",
    "row_ok",
    "row_warn",
    "row_error",
    "row_muted",
    "crumb",
    "crumb_active",
    "status",
    "status_info",
    "status_warn",
    "status_error",
    "status_ok",
    "prompt",
    "prompt_suggestion",
    "filter",
    "dialog_border",
    "dialog_title",
    "dialog_text",
    "dialog_target",
    "button",
    "button_focused",
    "log_timestamp",
    "log_source",
    "log_error",
    "log_warn",
    "log_info",
    "log_debug",
    "log_marker",
    "yaml_key",
    "yaml_value",
    "sparkline",
    "sparkline_warn",
    "graph_axis",
    "stale",
    "read_only",
    "demo",
}};

struct NamedColor {
  std::string_view name;
  Color color;
};

// The 16 ANSI colours by index (so the user's terminal palette applies), and a few common names
// as RGB (shown as the nearest of 256 on terminals without 24-bit colour).
constexpr std::array<NamedColor, 34> kColorNames{{
    {"black", Color::indexed(0)},
    {"red", Color::indexed(1)},
    {"green", Color::indexed(2)},
    {"yellow", Color::indexed(3)},
    {"blue", Color::indexed(4)},
    {"magenta", Color::indexed(5)},
    {"cyan", Color::indexed(6)},
    {"white", Color::indexed(7)},
    {"bright_black", Color::indexed(8)},
    {"grey", Color::indexed(8)},
    {"gray", Color::indexed(8)},
    {"bright_red", Color::indexed(9)},
    {"bright_green", Color::indexed(10)},
    {"bright_yellow", Color::indexed(11)},
    {"bright_blue", Color::indexed(12)},
    {"bright_magenta", Color::indexed(13)},
    {"bright_cyan", Color::indexed(14)},
    {"bright_white", Color::indexed(15)},
    {"orange", Color::rgb(255, 165, 0)},
    {"dark_orange", Color::rgb(255, 140, 0)},
    {"purple", Color::rgb(128, 0, 128)},
    {"pink", Color::rgb(255, 192, 203)},
    {"brown", Color::rgb(165, 42, 42)},
    {"gold", Color::rgb(255, 215, 0)},
    {"navy", Color::rgb(0, 0, 128)},
    {"teal", Color::rgb(0, 128, 128)},
    {"olive", Color::rgb(128, 128, 0)},
    {"maroon", Color::rgb(128, 0, 0)},
    {"silver", Color::rgb(192, 192, 192)},
    {"lime", Color::rgb(0, 255, 0)},
    {"aqua", Color::rgb(0, 255, 255)},
    {"fuchsia", Color::rgb(255, 0, 255)},
    {"dodger_blue", Color::rgb(30, 144, 255)},
    {"orange_red", Color::rgb(255, 69, 0)},
}};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Style indexed(int fg, int bg = -1, std::uint8_t attrs = kAttrNone) {
  Style s;
  if (fg >= 0) s.fg = Color::indexed(static_cast<std::uint8_t>(fg));
  if (bg >= 0) s.bg = Color::indexed(static_cast<std::uint8_t>(bg));
  s.attrs = attrs;
  return s;
}

Style attributes(std::uint8_t attrs) {
  Style s;
  s.attrs = attrs;
  return s;
}

}  // namespace

std::string_view role_name(Role role) {
  const auto i = static_cast<std::size_t>(role);
  return i < kRoleNames.size() ? kRoleNames[i] : std::string_view("?");
}

std::optional<Role> role_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::optional<Color> parse_color(std::string_view text) {
  std::string s;
  for (char c : text) s += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.empty()) return std::nullopt;
  if (s == "default" || s == "none") return Color::none();
  if (s[0] == '#') {
    const std::size_t digits = s.size() - 1;
    if (digits != 6 && digits != 3) return std::nullopt;
    std::array<int, 6> v{};
    for (std::size_t i = 0; i < digits; ++i) {
      v[i] = hex_digit(s[i + 1]);
      if (v[i] < 0) return std::nullopt;
    }
    const auto channel = [&](std::size_t k) {
      return static_cast<std::uint8_t>(digits == 6 ? v[2 * k] * 16 + v[2 * k + 1] : v[k] * 17);
    };
    return Color::rgb(channel(0), channel(1), channel(2));
  }
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (s.size() > 3) return std::nullopt;
    const int index = std::stoi(s);
    if (index > 255) return std::nullopt;
    return Color::indexed(static_cast<std::uint8_t>(index));
  }
  std::string compact = s;  // "brightred" and "bright_red" alike
  for (const auto& [name, color] : kColorNames) {
    std::string bare(name);
    bare.erase(std::remove(bare.begin(), bare.end(), '_'), bare.end());
    compact.erase(std::remove(compact.begin(), compact.end(), '_'), compact.end());
    if (bare == compact) return color;
  }
  return std::nullopt;
}

Theme Theme::builtin() {
  Theme t;
  t.name_ = "default";
  t.set(Role::Logo, indexed(208, -1, kAttrBold));
  t.set(Role::HeaderLabel, indexed(208));
  t.set(Role::HeaderValue, indexed(15));
  t.set(Role::HeaderKey, indexed(33, -1, kAttrBold));
  t.set(Role::HeaderKeyHint, indexed(250));
  t.set(Role::Border, indexed(33));
  t.set(Role::BorderFocused, indexed(51));
  t.set(Role::Title, indexed(51, -1, kAttrBold));
  t.set(Role::TitleCounter, indexed(223, -1, kAttrBold));
  t.set(Role::TitleFilter, indexed(42));
  t.set(Role::TableHeader, indexed(15, -1, kAttrBold));
  t.set(Role::TableHeaderSorted, indexed(208, -1, kAttrBold));
  t.set(Role::RowNormal, indexed(117));
  t.set(Role::RowSelected, indexed(16, 51, kAttrBold));
  t.set(Role::RowMarked, indexed(16, 136));
  t.set(Role::RowChanged, indexed(154));
  t.set(Role::RowAdded, indexed(15, -1, kAttrBold));
  t.set(Role::RowDeleted, indexed(141));
  t.set(Role::RowOk, indexed(114));
  t.set(Role::RowWarn, indexed(214));
  t.set(Role::RowError, indexed(203, -1, kAttrBold));
  t.set(Role::RowMuted, indexed(245));
  t.set(Role::Crumb, indexed(16, 51));
  t.set(Role::CrumbActive, indexed(16, 208, kAttrBold));
  t.set(Role::Status, indexed(250));
  t.set(Role::StatusInfo, indexed(117));
  t.set(Role::StatusWarn, indexed(214));
  t.set(Role::StatusError, indexed(203, -1, kAttrBold));
  t.set(Role::StatusOk, indexed(114));
  t.set(Role::Prompt, indexed(15));
  t.set(Role::PromptSuggestion, indexed(242));
  t.set(Role::Filter, indexed(42, -1, kAttrBold));
  t.set(Role::DialogBorder, indexed(33));
  t.set(Role::DialogTitle, indexed(51, -1, kAttrBold));
  t.set(Role::DialogText, indexed(15));
  t.set(Role::DialogTarget, indexed(208, -1, kAttrBold));
  t.set(Role::Button, indexed(16, 33));
  t.set(Role::ButtonFocused, indexed(16, 208, kAttrBold));
  t.set(Role::LogTimestamp, indexed(244));
  t.set(Role::LogSource, indexed(75));
  t.set(Role::LogError, indexed(203));
  t.set(Role::LogWarn, indexed(214));
  t.set(Role::LogDebug, indexed(246));
  t.set(Role::LogMarker, indexed(141, -1, kAttrItalic));
  t.set(Role::YamlKey, indexed(81));
  t.set(Role::YamlValue, indexed(230));
  t.set(Role::Sparkline, indexed(75));
  t.set(Role::SparklineWarn, indexed(214));
  t.set(Role::GraphAxis, indexed(240));
  t.set(Role::Stale, indexed(214));
  t.set(Role::ReadOnly, indexed(15, 124, kAttrBold));
  t.set(Role::Demo, indexed(16, 220, kAttrBold));
  return t;
}

Theme Theme::monochrome() {
  Theme t;
  t.name_ = "monochrome";
  t.set(Role::Logo, attributes(kAttrBold));
  t.set(Role::HeaderValue, attributes(kAttrBold));
  t.set(Role::HeaderKey, attributes(kAttrBold));
  t.set(Role::BorderFocused, attributes(kAttrBold));
  t.set(Role::Title, attributes(kAttrBold));
  t.set(Role::TitleCounter, attributes(kAttrBold));
  t.set(Role::TitleFilter, attributes(kAttrUnderline));
  t.set(Role::TableHeader, attributes(kAttrBold));
  t.set(Role::TableHeaderSorted, attributes(kAttrBold | kAttrUnderline));
  t.set(Role::RowSelected, attributes(kAttrReverse));
  t.set(Role::RowMarked, attributes(kAttrBold | kAttrUnderline));
  t.set(Role::RowChanged, attributes(kAttrBold));
  t.set(Role::RowAdded, attributes(kAttrBold));
  t.set(Role::RowDeleted, attributes(kAttrDim));
  t.set(Role::RowWarn, attributes(kAttrBold));
  t.set(Role::RowError, attributes(kAttrBold | kAttrUnderline));
  t.set(Role::RowMuted, attributes(kAttrDim));
  t.set(Role::Crumb, attributes(kAttrReverse));
  t.set(Role::CrumbActive, attributes(kAttrReverse | kAttrBold));
  t.set(Role::StatusWarn, attributes(kAttrBold));
  t.set(Role::StatusError, attributes(kAttrBold | kAttrReverse));
  t.set(Role::Prompt, attributes(kAttrBold));
  t.set(Role::PromptSuggestion, attributes(kAttrDim));
  t.set(Role::Filter, attributes(kAttrUnderline));
  t.set(Role::DialogBorder, attributes(kAttrBold));
  t.set(Role::DialogTitle, attributes(kAttrBold));
  t.set(Role::DialogTarget, attributes(kAttrBold | kAttrUnderline));
  t.set(Role::Button, attributes(kAttrReverse));
  t.set(Role::ButtonFocused, attributes(kAttrReverse | kAttrBold));
  t.set(Role::LogTimestamp, attributes(kAttrDim));
  t.set(Role::LogError, attributes(kAttrBold));
  t.set(Role::LogWarn, attributes(kAttrBold));
  t.set(Role::LogDebug, attributes(kAttrDim));
  t.set(Role::LogMarker, attributes(kAttrReverse));
  t.set(Role::YamlKey, attributes(kAttrBold));
  t.set(Role::SparklineWarn, attributes(kAttrBold));
  t.set(Role::GraphAxis, attributes(kAttrDim));
  t.set(Role::Stale, attributes(kAttrBold));
  t.set(Role::ReadOnly, attributes(kAttrReverse | kAttrBold));
  t.set(Role::Demo, attributes(kAttrReverse | kAttrBold));
  return t;
}

}  // namespace flinktop::tui
