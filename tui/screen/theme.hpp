// Semantic styles: widgets ask for a Role ("the selected row"), the Theme says how it looks.
// Themes come built in or from YAML skins (themes/*.yaml, ~/.config/flinktop/skins/NAME.yaml).
// Loading never throws: a bad skin gives a warning naming file:line and the built-in theme.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tui/screen/style.hpp"

namespace flinktop::tui {

// The YAML key of each role is its name in snake_case (Role::RowSelected: row_selected).
enum class Role : std::uint8_t {
  Normal,             // body text and background
  Logo,               // the flinktop mark in the header
  Header,             // header block: cluster, context, versions
  HeaderLabel,        // "Context:" in the header
  HeaderValue,        // the value after a label
  HeaderKey,          // "<ctrl-d>" in the key hints
  HeaderKeyHint,      // "Delete" after a key hint
  Border,             // box lines
  BorderFocused,      // the box that has the focus
  Title,              // a box title: "Jobs(flink-prod)"
  TitleCounter,       // "[12]" after the title
  TitleFilter,        // "</RUNNING>" after the title
  TableHeader,        // column names
  TableHeaderSorted,  // the column the table is sorted by
  RowNormal,          // a row with nothing special to say
  RowSelected,        // the cursor row
  RowMarked,          // rows marked for a bulk action
  RowChanged,         // a row whose cells changed at the last refresh (fades after a moment)
  RowAdded,           // a row that appeared at the last refresh
  RowDeleted,         // a row about to disappear (deleted upstream)
  RowOk,              // RUNNING, Ready, Healthy
  RowWarn,            // RESTARTING, Pending, high backpressure
  RowError,           // FAILED, CrashLoopBackOff, Error
  RowMuted,           // FINISHED, CANCELED, Completed: history
  Crumb,              // a breadcrumb
  CrumbActive,        // the breadcrumb of the current view
  Status,             // the status line
  StatusInfo,         // "savepoint triggered for job …"
  StatusWarn,         // "data is 2m old: cannot reach …"
  StatusError,        // one line saying what failed and what to do
  StatusOk,           // "cancelled job …"
  Prompt,             // the ":" command line and "/" filter line
  PromptSuggestion,   // the completion shown after the cursor
  Filter,             // the active filter shown above a table
  DialogBorder,
  DialogTitle,
  DialogText,
  DialogTarget,  // the exact target a confirmation names
  Button,
  ButtonFocused,
  LogTimestamp,
  LogSource,  // pod/container prefix of a log line
  LogError,
  LogWarn,
  LogInfo,
  LogDebug,
  LogMarker,  // "--- 42 lines skipped ---", "[following]"
  YamlKey,    // describe/YAML views
  YamlValue,
  Sparkline,
  SparklineWarn,
  GraphAxis,
  Stale,     // "stale 2m" badges and data older than its refresh interval
  ReadOnly,  // the "read-only" badge
  Demo,      // the "DEMO" badge and banner
  kCount,
};
inline constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::kCount);

std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

// "default", a colour name ("red", "bright_blue", "grey", a few CSS names like "orange"), an
// index "0".."255", or "#rrggbb" / "#rgb". Case-insensitive; "-" and "_" are the same.
std::optional<Color> parse_color(std::string_view text);

class Theme {
 public:
  static Theme builtin();     // the default dark theme (themes/default.yaml says the same)
  static Theme monochrome();  // attributes only: for NO_COLOR and terminals without colour

  const Style& operator[](Role role) const { return styles_[static_cast<std::size_t>(role)]; }
  const Style& style(Role role) const { return (*this)[role]; }
  void set(Role role, const Style& style) { styles_[static_cast<std::size_t>(role)] = style; }
  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  friend bool operator==(const Theme&, const Theme&) = default;

 private:
  std::array<Style, kRoleCount> styles_{};
  std::string name_;
};

struct ThemeLoad {
  Theme theme;
  std::string warning;  // empty when the skin loaded cleanly; otherwise one line for the status bar
};

// Parses a skin. Roles the skin leaves out keep the built-in style. A YAML error gives the
// built-in theme; a bad role, colour or attribute is skipped. Every problem is in the warning as
// "origin:line: what".
ThemeLoad parse_theme(std::string_view yaml, const std::string& origin);
ThemeLoad load_theme_file(const std::filesystem::path& path);

// Where `--theme NAME` is looked for, in order: $XDG_CONFIG_HOME/flinktop/skins (default
// ~/.config/flinktop/skins), the installed themes, the source tree's themes/.
std::vector<std::filesystem::path> theme_directories();
std::optional<std::filesystem::path> find_theme(std::string_view name);
// The theme for --theme NAME_OR_PATH ("" is the built-in); with color == false always
// monochrome (NO_COLOR). An unknown name: the built-in theme and a warning listing where it looked.
ThemeLoad load_theme(std::string_view name_or_path, bool color = true);

}  // namespace flinktop::tui
