// `o` in :pf runs the user's browser for real: a script standing in for $BROWSER records what it
// was given, and the failures a user can meet (not found, an error status, no browser at all)
// come back as one line naming the URL.
#include "tui/app/url_opener.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/run_command.hpp"

namespace flinktop::tui {
namespace {

using namespace std::chrono_literals;

const std::string kUrl = "http://127.0.0.1:8081";

std::string write_script(const test::TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir.path() + "/" + name;
  std::ofstream(path) << "#!/bin/sh\n" << body;
  ::chmod(path.c_str(), 0755);
  return path;
}

std::string read_file_when_there(const std::string& path) {
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!text.str().empty()) return text.str();
    std::this_thread::sleep_for(10ms);
  }
  return "";
}

TEST(UrlOpener, BrowserGetsTheUrlAsOneWordAndNoTerminal) {
  test::TempDir dir;
  const std::string seen = dir.path() + "/seen";
  // Its stdin and stdout are no terminal: a browser must not draw over flinktop's screen.
  const std::string browser = write_script(
      dir, "browser", "{ echo \"$#:$1\"; [ -t 0 ] || echo no-tty-in; [ -t 1 ] || echo no-tty-out; } > '" + seen + "'\n");
  UrlOpener opener(browser, "");
  const OpenResult result = opener.open(kUrl);
  EXPECT_TRUE(result.opened) << result.line;
  EXPECT_EQ(result.line, "opened " + kUrl + " with " + browser);
  EXPECT_EQ(read_file_when_there(seen), "1:" + kUrl + "\nno-tty-in\nno-tty-out\n");
}

TEST(UrlOpener, PercentSInBrowserStandsForTheUrlAndOnlyTheFirstEntryCounts) {
  test::TempDir dir;
  const std::string seen = dir.path() + "/seen";
  const std::string browser = write_script(dir, "browser", "echo \"$@\" > '" + seen + "'\n");
  UrlOpener opener(browser + " --new-tab %s --private:/nonexistent/second", "");
  EXPECT_TRUE(opener.open(kUrl).opened);
  EXPECT_EQ(read_file_when_there(seen), "--new-tab " + kUrl + " --private\n");
}

TEST(UrlOpener, ABrowserStillRunningIsTakenToHaveOpenedIt) {
  test::TempDir dir;
  UrlOpener opener(write_script(dir, "slow", "sleep 2\n"), "");
  const OpenResult result = opener.open(kUrl);
  EXPECT_TRUE(result.opened);
  EXPECT_EQ(result.line.rfind("opening " + kUrl + " with ", 0), 0u) << result.line;
}

TEST(UrlOpener, NotFoundAndAnErrorStatusAreOneLineWithTheUrl) {
  test::TempDir dir;
  UrlOpener missing("/nonexistent/firefox", "");
  const OpenResult gone = missing.open(kUrl);
  EXPECT_FALSE(gone.opened);
  EXPECT_EQ(gone.line, "'/nonexistent/firefox' was not found: set $BROWSER (the URL: " + kUrl + ")");

  const std::string failing = write_script(dir, "failing", "exit 3\n");
  UrlOpener broken(failing, "");
  EXPECT_EQ(broken.open(kUrl).line, failing + " exited with status 3 (the URL: " + kUrl + ")");
}

TEST(UrlOpener, WithoutBrowserXdgOpenOnPathIsUsedAndWithNeitherTheUrlIsShown) {
  test::TempDir dir;
  const std::string seen = dir.path() + "/seen";
  write_script(dir, "xdg-open", "echo \"$1\" > '" + seen + "'\n");
  UrlOpener with_xdg("", "/nonexistent:" + dir.path());
  const OpenResult opened = with_xdg.open(kUrl);
  EXPECT_TRUE(opened.opened) << opened.line;
  EXPECT_EQ(opened.line, "opened " + kUrl + " with xdg-open");
  EXPECT_EQ(read_file_when_there(seen), kUrl + "\n");

  UrlOpener neither("", "/nonexistent");
  const OpenResult shown = neither.open(kUrl);
  EXPECT_FALSE(shown.opened);
  EXPECT_EQ(shown.line, kUrl + " — no browser to open it: set $BROWSER (Y copies the URL)");
}

}  // namespace
}  // namespace flinktop::tui
