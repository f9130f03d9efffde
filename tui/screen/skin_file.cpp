// Skins: YAML files that restyle roles, where --theme NAME finds them, and how a bad one is
// reported (one line naming file:line; the app keeps running with the built-in theme).
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "tui/screen/theme.hpp"

namespace flinktop::tui {
namespace {

constexpr std::size_t kMaxProblemsShown = 3;

struct Problems {
  std::string origin;
  std::vector<std::string> lines;
  void add(const YAML::Mark& mark, const std::string& what) {
    lines.push_back(mark.is_null() ? origin + ": " + what
                                   : origin + ":" + std::to_string(mark.line + 1) + ": " + what);
  }
  std::string summary() const {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < kMaxProblemsShown; ++i) out += (i ? "; " : "") + lines[i];
    if (lines.size() > kMaxProblemsShown)
      out += " (and " + std::to_string(lines.size() - kMaxProblemsShown) + " more)";
    return out;
  }
};

// `key` is the "fg:" the value belongs to: a null value has no position of its own.
std::optional<Color> color_field(const YAML::Node& key, const YAML::Node& node, const std::string& where,
                                 Problems& problems) {
  if (node.IsNull()) {
    problems.add(key.Mark(), where + " has no colour (quote \"#rrggbb\": YAML reads # as a comment)");
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    problems.add(node.Mark(), where + " must be a colour");
    return std::nullopt;
  }
  const std::string text = node.Scalar();
  if (auto color = parse_color(text)) return color;
  problems.add(node.Mark(), "unknown colour '" + text + "' for " + where +
                                " (use a name such as red or bright_blue, 0-255, or \"#rrggbb\")");
  return std::nullopt;
}

std::uint8_t attrs_field(const YAML::Node& node, const std::string& where, Problems& problems) {
  std::uint8_t attrs = kAttrNone;
  auto one = [&](const YAML::Node& item) {
    const std::string name = item.IsScalar() ? item.Scalar() : "";
    if (name == "bold")
      attrs |= kAttrBold;
    else if (name == "dim")
      attrs |= kAttrDim;
    else if (name == "underline")
      attrs |= kAttrUnderline;
    else if (name == "reverse")
      attrs |= kAttrReverse;
    else if (name == "italic")
      attrs |= kAttrItalic;
    else
      problems.add(item.Mark(), "unknown attribute '" + name + "' for " + where +
                                    " (bold, dim, underline, reverse, italic)");
  };
  if (node.IsSequence()) {
    for (const auto& item : node) one(item);
  } else if (!node.IsNull()) {
    one(node);
  }
  return attrs;
}

// A role's entry; fg or bg it leaves out come from `base` (the skin's normal role).
Style style_entry(const YAML::Node& node, const std::string& role, const Style& base, Problems& problems) {
  Style style = base;
  style.attrs = kAttrNone;
  if (node.IsNull()) return style;
  if (!node.IsMap()) {
    problems.add(node.Mark(), role + " must be a map such as {fg: red, bg: default, attrs: [bold]}");
    return style;
  }
  for (const auto& field : node) {
    const std::string key = field.first.IsScalar() ? field.first.Scalar() : "";
    if (key == "fg") {
      if (auto c = color_field(field.first, field.second, role + ".fg", problems)) style.fg = *c;
    } else if (key == "bg") {
      if (auto c = color_field(field.first, field.second, role + ".bg", problems)) style.bg = *c;
    } else if (key == "attrs") {
      style.attrs = attrs_field(field.second, role, problems);
    } else {
      problems.add(field.first.Mark(), "unknown key '" + key + "' in " + role + " (fg, bg, attrs)");
    }
  }
  return style;
}

// The usual cause of a baffling YAML error in a skin: an unquoted "#rrggbb" starts a comment.
std::string hash_hint(std::string_view yaml) {
  return yaml.find(": #") != std::string_view::npos
             ? " (quote \"#rrggbb\" colours: YAML reads # as a comment)"
             : "";
}

}  // namespace

ThemeLoad parse_theme(std::string_view yaml, const std::string& origin) {
  Problems problems{origin, {}};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    problems.add(e.mark, e.msg + hash_hint(yaml) + "; using the default theme");
    return {Theme::builtin(), problems.summary()};
  }
  try {
    if (!root.IsMap()) {
      problems.add(root.Mark(), "a skin is a map with 'name' and 'roles'; using the default theme");
      return {Theme::builtin(), problems.summary()};
    }
    Theme theme = Theme::builtin();
    YAML::Node roles;
    for (const auto& entry : root) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "name" && entry.second.IsScalar()) {
        theme.set_name(entry.second.Scalar());
      } else if (key == "roles" && (entry.second.IsMap() || entry.second.IsNull())) {
        roles = entry.second;
      } else if (key == "name" || key == "roles") {
        problems.add(entry.second.Mark(), "'" + key + "' has the wrong shape; using the default theme");
        return {Theme::builtin(), problems.summary()};
      } else {
        problems.add(entry.first.Mark(), "unknown key '" + key + "' (name, roles)");
      }
    }
    if (roles.IsMap()) {
      // normal first: the other roles take the fg and bg they leave out from it.
      const YAML::Node& entries = roles;  // const: operator[] must not insert
      if (const YAML::Node normal = entries["normal"]) {
        theme.set(Role::Normal, style_entry(normal, "normal", Theme::builtin()[Role::Normal], problems));
      }
      const Style base = theme[Role::Normal];
      for (const auto& entry : roles) {
        const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
        const std::optional<Role> role = role_from_name(name);
        if (!role) {
          problems.add(entry.first.Mark(), "unknown role '" + name + "'");
        } else if (*role != Role::Normal) {
          theme.set(*role, style_entry(entry.second, name, base, problems));
        }
      }
    }
    return {std::move(theme), problems.summary()};
  } catch (const YAML::Exception& e) {
    problems.add(e.mark, e.msg + "; using the default theme");
    return {Theme::builtin(), problems.summary()};
  }
}

ThemeLoad load_theme_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {Theme::builtin(), "cannot read skin " + path.string() + ": " +
                                  std::generic_category().message(errno) + "; using the default theme"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  ThemeLoad load = parse_theme(text.str(), path.string());
  return load;
}

std::vector<std::filesystem::path> theme_directories() {
  std::vector<std::filesystem::path> dirs;
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (xdg != nullptr && *xdg == '/') {
    dirs.push_back(std::filesystem::path(xdg) / "flinktop" / "skins");
  } else if (home != nullptr && *home != 0) {
    dirs.push_back(std::filesystem::path(home) / ".config" / "flinktop" / "skins");
  }
#ifdef FLINKTOP_THEME_DIR
  dirs.emplace_back(FLINKTOP_THEME_DIR);
#endif
#ifdef FLINKTOP_SOURCE_THEME_DIR
  dirs.emplace_back(FLINKTOP_SOURCE_THEME_DIR);
#endif
  return dirs;
}

std::optional<std::filesystem::path> find_theme(std::string_view name) {
  std::error_code ec;
  const std::filesystem::path given(name);
  if (name.find('/') != std::string_view::npos || given.extension() == ".yaml" ||
      given.extension() == ".yml") {
    if (std::filesystem::is_regular_file(given, ec)) return given;
    return std::nullopt;
  }
  if (name.empty()) return std::nullopt;
  for (const auto& dir : theme_directories()) {
    for (const char* ext : {".yaml", ".yml"}) {
      std::filesystem::path candidate = dir / (std::string(name) + ext);
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
  }
  return std::nullopt;
}

ThemeLoad load_theme(std::string_view name_or_path, bool color) {
  if (!color) return {Theme::monochrome(), ""};
  const std::string_view name = name_or_path.empty() ? std::string_view("default") : name_or_path;
  if (auto path = find_theme(name)) return load_theme_file(*path);
  if (name == "default") return {Theme::builtin(), ""};
  std::string where;
  for (const auto& dir : theme_directories()) where += (where.empty() ? "" : ", ") + dir.string();
  return {Theme::builtin(),
          "no skin named '" + std::string(name) + "' (looked in " + where + "); using the default theme"};
}

}  // namespace flinktop::tui
