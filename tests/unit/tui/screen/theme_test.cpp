// Theme: roles, colour names, skins (good, bad, shipped) and where --theme looks.
#include "tui/screen/theme.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <set>

namespace flinktop::tui {
namespace {

namespace fs = std::filesystem;

const fs::path kThemes = fs::path(FLINKTOP_SOURCE_DIR) / "themes";

// A temporary directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "flinktop-theme-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
    return path / name;
  }
};

// Sets an environment variable for the scope of a test and puts the old value back.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const std::optional<std::string>& value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    value ? ::setenv(name.c_str(), value->c_str(), 1) : ::unsetenv(name.c_str());
  }
  ~ScopedEnv() { old ? ::setenv(name.c_str(), old->c_str(), 1) : ::unsetenv(name.c_str()); }
};

TEST(ThemeRoles, EveryRoleHasAUniqueNameThatRoundTrips) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const auto role = static_cast<Role>(i);
    const std::string_view name = role_name(role);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(role_from_name(name), role) << name;
  }
  EXPECT_EQ(role_name(Role::RowSelected), "row_selected");
  EXPECT_EQ(role_from_name("no_such_role"), std::nullopt);
}

TEST(ThemeColors, ParsesNamesIndexesAndHex) {
  EXPECT_EQ(parse_color("default"), Color::none());
  EXPECT_EQ(parse_color("red"), Color::indexed(1));
  EXPECT_EQ(parse_color("Bright-Blue"), Color::indexed(12));
  EXPECT_EQ(parse_color("brightblue"), Color::indexed(12));
  EXPECT_EQ(parse_color("grey"), Color::indexed(8));
  EXPECT_EQ(parse_color("208"), Color::indexed(208));
  EXPECT_EQ(parse_color("#ff8800"), Color::rgb(255, 136, 0));
  EXPECT_EQ(parse_color("#F80"), Color::rgb(255, 136, 0));
  EXPECT_EQ(parse_color("orange"), Color::rgb(255, 165, 0));
  for (const char* bad : {"", "256", "-1", "#ff88", "#gg0000", "blurple", "1e3"}) {
    EXPECT_EQ(parse_color(bad), std::nullopt) << bad;
  }
}

TEST(ThemeBuiltin, DefaultSkinFileSaysTheSameAsTheBuiltInTheme) {
  const ThemeLoad load = load_theme_file(kThemes / "default.yaml");
  EXPECT_EQ(load.warning, "");
  EXPECT_TRUE(load.theme == Theme::builtin());
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const auto role = static_cast<Role>(i);
    EXPECT_TRUE(load.theme[role] == Theme::builtin()[role]) << role_name(role);
  }
}

TEST(ThemeBuiltin, MonochromeHasNoColoursAndMatchesItsSkin) {
  const Theme mono = Theme::monochrome();
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const auto role = static_cast<Role>(i);
    EXPECT_EQ(mono[role].fg, Color::none()) << role_name(role);
    EXPECT_EQ(mono[role].bg, Color::none()) << role_name(role);
  }
  EXPECT_NE(mono[Role::RowSelected].attrs & kAttrReverse, 0);
  const ThemeLoad load = load_theme_file(kThemes / "monochrome.yaml");
  EXPECT_EQ(load.warning, "");
  EXPECT_TRUE(load.theme == mono);
}

TEST(ThemeSkins, EveryShippedSkinLoadsWithoutWarningAndStylesEveryRole) {
  int skins = 0;
  for (const auto& entry : fs::directory_iterator(kThemes)) {
    if (entry.path().extension() != ".yaml") continue;
    ++skins;
    const ThemeLoad load = load_theme_file(entry.path());
    EXPECT_EQ(load.warning, "") << entry.path();
    EXPECT_EQ(load.theme.name(), entry.path().stem().string());
    const YAML::Node roles = YAML::LoadFile(entry.path().string())["roles"];
    for (std::size_t i = 0; i < kRoleCount; ++i) {
      const std::string name(role_name(static_cast<Role>(i)));
      EXPECT_TRUE(roles[name]) << entry.path().filename() << " does not style " << name;
    }
  }
  EXPECT_GE(skins, 5);
  // The skins differ from one another where it shows.
  EXPECT_FALSE(load_theme_file(kThemes / "light.yaml").theme[Role::RowSelected] ==
               Theme::builtin()[Role::RowSelected]);
  EXPECT_EQ(load_theme_file(kThemes / "solarized-dark.yaml").theme[Role::Normal].bg,
            Color::rgb(0, 0x2b, 0x36));
}

TEST(ThemeSkins, AGoodSkinRestylesRolesAndInheritsFromNormal) {
  const ThemeLoad load = parse_theme(
      "name: mine\n"
      "roles:\n"
      "  normal: {fg: white, bg: \"#101010\"}\n"
      "  title: {fg: 208, attrs: [bold, underline]}\n"
      "  row_error: {fg: red, bg: default, attrs: reverse}\n",
      "mine.yaml");
  EXPECT_EQ(load.warning, "");
  EXPECT_EQ(load.theme.name(), "mine");
  EXPECT_EQ(load.theme[Role::Title].fg, Color::indexed(208));
  EXPECT_EQ(load.theme[Role::Title].bg, Color::rgb(16, 16, 16));  // from normal
  EXPECT_EQ(load.theme[Role::Title].attrs, kAttrBold | kAttrUnderline);
  EXPECT_EQ(load.theme[Role::RowError].bg, Color::none());
  EXPECT_EQ(load.theme[Role::RowError].attrs, kAttrReverse);
  EXPECT_TRUE(load.theme[Role::Crumb] == Theme::builtin()[Role::Crumb]);  // not in the skin
}

TEST(ThemeSkins, ABrokenSkinNamesFileAndLineAndGivesTheDefaultTheme) {
  TempDir dir;
  const fs::path path = dir.write("broken.yaml",
                                  "name: broken\n"
                                  "roles:\n"
                                  "  title: {fg: red, bg: [blue\n"
                                  "  border: {fg: green}\n");
  const ThemeLoad load = load_theme_file(path);
  EXPECT_NE(load.warning.find(path.string() + ":"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find("default theme"), std::string::npos) << load.warning;
  EXPECT_TRUE(load.theme == Theme::builtin());

  const ThemeLoad not_a_map = parse_theme("- just\n- a list\n", "list.yaml");
  EXPECT_NE(not_a_map.warning.find("list.yaml:1:"), std::string::npos) << not_a_map.warning;
  EXPECT_TRUE(not_a_map.theme == Theme::builtin());
}

TEST(ThemeSkins, AnUnknownColourIsReportedWithItsLineAndSkipped) {
  const ThemeLoad load = parse_theme(
      "name: typo\n"
      "roles:\n"
      "  border: {fg: green}\n"
      "  title: {fg: blurple}\n"
      "  row_ok:\n"
      "    fg: #00ff00\n"
      "  no_such_role: {fg: red}\n"
      "  crumb: {fg: red, attrs: [blink]}\n",
      "typo.yaml");
  EXPECT_NE(load.warning.find("typo.yaml:4: unknown colour 'blurple' for title.fg"), std::string::npos)
      << load.warning;
  EXPECT_NE(load.warning.find("typo.yaml:6: row_ok.fg has no colour (quote"), std::string::npos)
      << load.warning;
  EXPECT_NE(load.warning.find("typo.yaml:7: unknown role 'no_such_role'"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find("(and 1 more)"), std::string::npos) << load.warning;
  EXPECT_EQ(load.theme[Role::Border].fg, Color::indexed(2));  // the good parts still apply
  EXPECT_EQ(load.theme[Role::Title].fg, Theme::builtin()[Role::Normal].fg);
}

TEST(ThemeSkins, AnUnquotedHashColourInAFlowMapGetsAHint) {
  const ThemeLoad load = parse_theme("roles:\n  title: {fg: #ff0000}\n  border: {fg: red}\n", "hash.yaml");
  EXPECT_NE(load.warning.find("hash.yaml:"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find("quote \"#rrggbb\""), std::string::npos) << load.warning;
  EXPECT_TRUE(load.theme == Theme::builtin());
}

TEST(ThemeSkins, AMissingFileIsAWarningNotAnException) {
  const ThemeLoad load = load_theme_file("/nonexistent/flinktop/skin.yaml");
  EXPECT_NE(load.warning.find("/nonexistent/flinktop/skin.yaml"), std::string::npos);
  EXPECT_TRUE(load.theme == Theme::builtin());
}

TEST(ThemeLookup, UserSkinsComeFirstThenInstalledThenSourceTree) {
  TempDir dir;
  ScopedEnv xdg("XDG_CONFIG_HOME", dir.path.string());
  dir.write("flinktop/skins/light.yaml", "name: my-light\nroles:\n  title: {fg: 1}\n");
  const auto dirs = theme_directories();
  ASSERT_GE(dirs.size(), 2U);
  EXPECT_EQ(dirs.front(), dir.path / "flinktop" / "skins");
  EXPECT_EQ(dirs.back(), kThemes);

  EXPECT_EQ(find_theme("light"), dir.path / "flinktop/skins/light.yaml");
  EXPECT_EQ(load_theme("light").theme.name(), "my-light");
  EXPECT_EQ(find_theme("high-contrast"), kThemes / "high-contrast.yaml");
  EXPECT_EQ(find_theme((kThemes / "light.yaml").string()), kThemes / "light.yaml");  // a path
  EXPECT_EQ(find_theme("nope"), std::nullopt);

  const ThemeLoad missing = load_theme("nope");
  EXPECT_NE(missing.warning.find("no skin named 'nope'"), std::string::npos);
  EXPECT_NE(missing.warning.find(dir.path.string()), std::string::npos);
  EXPECT_TRUE(missing.theme == Theme::builtin());
  EXPECT_EQ(load_theme("").warning, "");
  EXPECT_TRUE(load_theme("solarized-dark", /*color=*/false).theme == Theme::monochrome());
}

TEST(ThemeLookup, WithoutXdgConfigHomeTheUserDirIsUnderHome) {
  TempDir dir;
  ScopedEnv xdg("XDG_CONFIG_HOME", std::nullopt);
  ScopedEnv home("HOME", dir.path.string());
  EXPECT_EQ(theme_directories().front(), dir.path / ".config" / "flinktop" / "skins");
}

}  // namespace
}  // namespace flinktop::tui
