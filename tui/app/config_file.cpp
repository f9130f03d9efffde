#include "tui/app/config_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace flinktop::tui {

namespace {

constexpr std::size_t kMaxProblemsShown = 3;
constexpr double kMinRefreshSeconds = 0.5;  // faster hammers the JobManager for nothing
constexpr double kMaxRefreshSeconds = 3600;
constexpr std::size_t kMinLogLines = 100;
constexpr std::size_t kMaxLogLines = 1'000'000;
constexpr const char* kKnownKeys = "refreshRate, defaultView, keys, logBufferLines, theme";

// Problems collected as "origin:line: what", summarised in one line.
struct Problems {
  std::string origin;
  std::vector<std::string> lines;
  void add(const YAML::Mark& mark, const std::string& what) {
    lines.push_back(mark.is_null() ? fmt::format("{}: {}", origin, what)
                                   : fmt::format("{}:{}: {}", origin, mark.line + 1, what));
  }
  std::string summary() const {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < kMaxProblemsShown; ++i) out += (i ? "; " : "") + lines[i];
    if (lines.size() > kMaxProblemsShown) out += fmt::format(" (and {} more)", lines.size() - kMaxProblemsShown);
    return out;
  }
};

// A scalar that YAML reads as a number (not "2s", not a quoted string we could misread).
std::optional<double> number(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  const std::string& text = node.Scalar();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno != 0 || !std::isfinite(value)) return std::nullopt;
  return value;
}

void read_refresh(const YAML::Node& key, const YAML::Node& value, TuiConfig& config, Problems& problems) {
  const auto seconds = number(value);
  if (!seconds) {
    problems.add(value.IsNull() ? key.Mark() : value.Mark(),
                 "refreshRate must be a number of seconds, such as 2 or 0.5; using 2");
    return;
  }
  if (*seconds < kMinRefreshSeconds || *seconds > kMaxRefreshSeconds) {
    problems.add(value.Mark(), fmt::format("refreshRate {} is outside {}..{} seconds; using 2", value.Scalar(),
                                           kMinRefreshSeconds, kMaxRefreshSeconds));
    return;
  }
  config.refresh = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000)));
}

void read_default_view(const YAML::Node& key, const YAML::Node& value, TuiConfig& config, Problems& problems) {
  const std::string view = value.IsScalar() ? value.Scalar() : "";
  if (view == "clusters" || view == "pods" || view == "jobs") {
    config.default_view = view;
    return;
  }
  problems.add(value.IsNull() ? key.Mark() : value.Mark(),
               fmt::format("defaultView '{}' is not one of clusters, pods, jobs; using clusters", view));
}

void read_log_lines(const YAML::Node& key, const YAML::Node& value, TuiConfig& config, Problems& problems) {
  const auto lines = number(value);
  if (!lines || *lines != std::floor(*lines)) {
    problems.add(value.IsNull() ? key.Mark() : value.Mark(), "logBufferLines must be a whole number; using 100000");
    return;
  }
  if (*lines < static_cast<double>(kMinLogLines) || *lines > static_cast<double>(kMaxLogLines)) {
    problems.add(value.Mark(), fmt::format("logBufferLines {} is outside {}..{}; using 100000", value.Scalar(),
                                           kMinLogLines, kMaxLogLines));
    return;
  }
  config.log_buffer_lines = static_cast<std::size_t>(*lines);
}

void read_theme(const YAML::Node& key, const YAML::Node& value, TuiConfig& config, Problems& problems) {
  if (value.IsScalar() && !value.Scalar().empty()) {
    config.theme = value.Scalar();
    return;
  }
  problems.add(value.IsNull() ? key.Mark() : value.Mark(), "theme must be a skin name or file; using the default");
}

// keys: {savepoint: ctrl-s, cancel: C}. A key already bound to another action is refused:
// otherwise whichever comes first in the key map would silently win.
void read_keys(const YAML::Node& key, const YAML::Node& value, TuiConfig& config, Problems& problems) {
  if (value.IsNull()) return;
  if (!value.IsMap()) {
    problems.add(value.Mark(), "keys must be a map of action name to key, such as {savepoint: ctrl-s}");
    return;
  }
  (void)key;
  for (const auto& entry : value) {
    const std::string action = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (!entry.second.IsScalar()) {
      problems.add(entry.first.Mark(), fmt::format("key for '{}' must be one key, such as ctrl-s", action));
      continue;
    }
    const std::string key_text = entry.second.Scalar();
    if (auto parsed = parse_key(key_text)) {
      if (auto bound = config.keys.lookup(*parsed, false)) {
        const KeyBinding* other = config.keys.binding(*bound);
        if (other && other->name != action) {
          problems.add(entry.second.Mark(),
                       fmt::format("key '{}' for '{}' is already bound to '{}'; keeping the default", key_text, action,
                                   other->name));
          continue;
        }
      }
    }
    const std::string error = config.keys.rebind(action, key_text);
    if (!error.empty()) problems.add(entry.first.Mark(), error + "; keeping the default");
  }
}

}  // namespace

ConfigLoad parse_config(std::string_view yaml, const std::string& origin) {
  Problems problems{origin, {}};
  ConfigLoad load;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    problems.add(e.mark, e.msg + "; using the defaults");
    load.warning = problems.summary();
    return load;
  }
  if (root.IsNull()) return load;  // an empty file (or only comments)
  if (!root.IsMap()) {
    problems.add(root.Mark(), fmt::format("the config is a map ({}); using the defaults", kKnownKeys));
    load.warning = problems.summary();
    return load;
  }
  try {
    for (const auto& entry : root) {
      const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (name == "refreshRate") {
        read_refresh(entry.first, entry.second, load.config, problems);
      } else if (name == "defaultView") {
        read_default_view(entry.first, entry.second, load.config, problems);
      } else if (name == "keys") {
        read_keys(entry.first, entry.second, load.config, problems);
      } else if (name == "logBufferLines") {
        read_log_lines(entry.first, entry.second, load.config, problems);
      } else if (name == "theme") {
        read_theme(entry.first, entry.second, load.config, problems);
      } else {
        problems.add(entry.first.Mark(), fmt::format("unknown key '{}' ({})", name, kKnownKeys));
      }
    }
  } catch (const YAML::Exception& e) {
    problems.add(e.mark, e.msg);
  }
  load.warning = problems.summary();
  return load;
}

ConfigLoad load_config_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    ConfigLoad load;
    load.warning = fmt::format("cannot read {}: {}; using the defaults", path.string(),
                               std::generic_category().message(errno));
    return load;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string());
}

std::optional<std::filesystem::path> config_file_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg == '/') return std::filesystem::path(xdg) / "flinktop" / "config.yaml";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != 0) return std::filesystem::path(home) / ".config" / "flinktop" / "config.yaml";
  return std::nullopt;
}

ConfigLoad load_config() {
  const auto path = config_file_path();
  return path ? load_config_file(*path) : ConfigLoad{};
}

void apply_config(const TuiConfig& config, AppOptions& options) {
  options.flink_refresh = config.refresh;
  options.start_view = config.default_view;
  options.keys = config.keys;
  options.log_buffer_lines = config.log_buffer_lines;
}

}  // namespace flinktop::tui
