// config.yaml: the user's settings for the terminal UI — how often Flink is polled, the first
// view, key overrides, the log buffer and the default theme. Read once at start from
// $XDG_CONFIG_HOME/flinktop/config.yaml (else ~/.config/flinktop/config.yaml). A bad file never
// stops the app: every bad entry is named with file:line in one warning and keeps its default.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tui/app/app.hpp"
#include "tui/app/key_map.hpp"

namespace flinktop::tui {

struct TuiConfig {
  std::chrono::milliseconds refresh{2000};  // refreshRate: the Flink REST poll interval
  std::string default_view = "clusters";    // defaultView: clusters | pods | jobs
  KeyMap keys = KeyMap::defaults();         // keys: {action name: key}, applied through rebind
  std::size_t log_buffer_lines = 100000;    // logBufferLines: lines a log view keeps
  std::string theme;                        // theme: a skin name or file; "" = the built-in
};

struct ConfigLoad {
  TuiConfig config;
  std::string warning;  // "" when the file is fine or absent; else "file:line: what; ..."
};

// Parses the text of a config file; `origin` names it in warnings.
ConfigLoad parse_config(std::string_view yaml, const std::string& origin);
// The file at `path`; a missing file is the defaults without a warning.
ConfigLoad load_config_file(const std::filesystem::path& path);
// $XDG_CONFIG_HOME/flinktop/config.yaml, or ~/.config/flinktop/config.yaml; nullopt without HOME.
std::optional<std::filesystem::path> config_file_path();
// The user's config file (see config_file_path).
ConfigLoad load_config();

// Copies what the app takes from the config into its options (the theme is the caller's: a
// --theme flag wins over it).
void apply_config(const TuiConfig& config, AppOptions& options);

}  // namespace flinktop::tui
