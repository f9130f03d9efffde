// config.yaml: a good file sets everything; each kind of bad entry gives one warning naming
// file:line and keeps that entry's default while the good entries still apply.
#include "tui/app/config_file.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace flinktop::tui {
namespace {

using namespace std::chrono_literals;

constexpr const char* kFile = "/home/u/.config/flinktop/config.yaml";

ConfigLoad parse(const std::string& yaml) { return parse_config(yaml, kFile); }

TEST(ConfigFile, GoodFileSetsEverything) {
  const ConfigLoad load = parse(
      "# flinktop\n"
      "refreshRate: 0.5\n"
      "defaultView: jobs\n"
      "logBufferLines: 50000\n"
      "theme: solarized-dark\n"
      "keys:\n"
      "  savepoint: ctrl-s\n"
      "  describe: D\n");
  EXPECT_EQ(load.warning, "");
  EXPECT_EQ(load.config.refresh, 500ms);
  EXPECT_EQ(load.config.default_view, "jobs");
  EXPECT_EQ(load.config.log_buffer_lines, 50000u);
  EXPECT_EQ(load.config.theme, "solarized-dark");
  EXPECT_EQ(load.config.keys.lookup(Key::ctrl('s'), false), Action::Savepoint);
  EXPECT_EQ(load.config.keys.lookup(Key::character('s'), false), std::nullopt);
  EXPECT_EQ(load.config.keys.lookup(Key::character('D'), false), Action::Describe);
}

TEST(ConfigFile, EmptyFileIsTheDefaults) {
  const ConfigLoad load = parse("# nothing yet\n");
  EXPECT_EQ(load.warning, "");
  EXPECT_EQ(load.config.refresh, 2000ms);
  EXPECT_EQ(load.config.default_view, "clusters");
  EXPECT_EQ(load.config.log_buffer_lines, 100000u);
  EXPECT_EQ(load.config.theme, "");
}

TEST(ConfigFile, SyntaxErrorNamesTheLineAndUsesTheDefaults) {
  const ConfigLoad load = parse("refreshRate: 1\nkeys: {savepoint: ctrl-s\ndefaultView: pods\n");
  EXPECT_EQ(load.warning.rfind(std::string(kFile) + ":", 0), 0u) << load.warning;
  EXPECT_NE(load.warning.find("using the defaults"), std::string::npos) << load.warning;
  EXPECT_EQ(load.config.refresh, 2000ms);
  EXPECT_EQ(load.config.default_view, "clusters");
}

TEST(ConfigFile, UnknownKeyIsNamedAndTheRestApplies) {
  const ConfigLoad load = parse("refreshRate: 5\nrefreshrate: 1\n");
  EXPECT_EQ(load.warning, std::string(kFile) +
                              ":2: unknown key 'refreshrate' (refreshRate, defaultView, keys, logBufferLines, theme)");
  EXPECT_EQ(load.config.refresh, 5000ms);
}

TEST(ConfigFile, WrongTypesKeepTheirDefaults) {
  const ConfigLoad load = parse(
      "refreshRate: fast\n"
      "defaultView: [jobs]\n"
      "logBufferLines: 12.5\n"
      "theme: {name: x}\n"
      "keys: ctrl-s\n");
  EXPECT_NE(load.warning.find(":1: refreshRate must be a number of seconds"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find(":2: defaultView"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find(":3: logBufferLines must be a whole number"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find("(and 2 more)"), std::string::npos) << load.warning;  // one line, not five
  EXPECT_EQ(load.warning.find('\n'), std::string::npos);
  EXPECT_EQ(load.config.refresh, 2000ms);
  EXPECT_EQ(load.config.default_view, "clusters");
  EXPECT_EQ(load.config.log_buffer_lines, 100000u);
  EXPECT_EQ(load.config.theme, "");
  EXPECT_EQ(load.config.keys.lookup(Key::character('s'), false), Action::Savepoint);
}

TEST(ConfigFile, OutOfRangeValuesKeepTheirDefaults) {
  const ConfigLoad load = parse("refreshRate: 0.01\nlogBufferLines: 5\ndefaultView: logs\n");
  EXPECT_NE(load.warning.find(":1: refreshRate 0.01 is outside"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find(":2: logBufferLines 5 is outside"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find(":3: defaultView 'logs' is not one of clusters, pods, jobs"), std::string::npos)
      << load.warning;
  EXPECT_EQ(load.config.refresh, 2000ms);
}

TEST(ConfigFile, UnknownActionAndUnknownKeyNameAreNamed) {
  const ConfigLoad load = parse("keys:\n  savepont: ctrl-s\n  cancel: hyper-x\n  describe: D\n");
  EXPECT_NE(load.warning.find(":2: unknown action \"savepont\"; keeping the default"), std::string::npos) << load.warning;
  EXPECT_NE(load.warning.find(":3: unknown key \"hyper-x\" for action \"cancel\""), std::string::npos) << load.warning;
  EXPECT_EQ(load.config.keys.lookup(Key::character('c'), false), Action::Cancel);
  EXPECT_EQ(load.config.keys.lookup(Key::character('D'), false), Action::Describe);  // the good one applies
}

TEST(ConfigFile, AKeyTakenByAnotherActionIsRefused) {
  const ConfigLoad load = parse("keys:\n  savepoint: c\n");
  EXPECT_EQ(load.warning,
            std::string(kFile) + ":2: key 'c' for 'savepoint' is already bound to 'cancel'; keeping the default");
  EXPECT_EQ(load.config.keys.lookup(Key::character('c'), false), Action::Cancel);
  EXPECT_EQ(load.config.keys.lookup(Key::character('s'), false), Action::Savepoint);
}

TEST(ConfigFile, NotAMap) {
  const ConfigLoad load = parse("- refreshRate: 1\n");
  EXPECT_NE(load.warning.find(":1: the config is a map"), std::string::npos) << load.warning;
}

TEST(ConfigFile, PathFollowsXdgConfigHome) {
  const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old_xdg ? old_xdg : "";
  const auto dir = std::filesystem::temp_directory_path() / ("flinktop-config-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "flinktop");
  std::ofstream(dir / "flinktop" / "config.yaml") << "defaultView: pods\nbogus: 1\n";
  ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  EXPECT_EQ(config_file_path(), dir / "flinktop" / "config.yaml");
  const ConfigLoad load = load_config();
  EXPECT_EQ(load.config.default_view, "pods");
  EXPECT_EQ(load.warning, (dir / "flinktop" / "config.yaml").string() +
                              ":2: unknown key 'bogus' (refreshRate, defaultView, keys, logBufferLines, theme)");
  ::setenv("XDG_CONFIG_HOME", "relative/ignored", 1);  // not absolute: the spec says ignore it
  ASSERT_TRUE(config_file_path());
  EXPECT_EQ(config_file_path()->filename(), "config.yaml");
  EXPECT_NE(config_file_path()->string().find("/.config/flinktop/"), std::string::npos);
  if (old_xdg) ::setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  else ::unsetenv("XDG_CONFIG_HOME");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(load_config_file(dir / "missing.yaml").warning, "");  // no file: defaults, quietly
}

TEST(ConfigFile, AppliesToAppOptions) {
  AppOptions options;
  const ConfigLoad load = parse("refreshRate: 10\ndefaultView: pods\nlogBufferLines: 2000\nkeys: {cancel: C}\n");
  apply_config(load.config, options);
  EXPECT_EQ(options.flink_refresh, 10s);
  EXPECT_EQ(options.start_view, "pods");
  EXPECT_EQ(options.log_buffer_lines, 2000u);
  EXPECT_EQ(options.keys.lookup(Key::character('C'), false), Action::Cancel);
}

}  // namespace
}  // namespace flinktop::tui
