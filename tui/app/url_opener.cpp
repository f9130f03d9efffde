#include "tui/app/url_opener.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

extern char** environ;

namespace flinktop::tui {

namespace {

using namespace std::chrono_literals;

// How long a launcher is given to fail before it is taken to have opened the URL: xdg-open hands
// a URL to a running browser in a few milliseconds, and says "not found" in fewer.
constexpr auto kFailsWithin = 300ms;

// The full path of `program` in `path`'s directories, or "".
std::string find_on_path(const std::string& program, const std::string& path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find(':', start), path.size());
    const std::string candidate = (end > start ? path.substr(start, end - start) : ".") + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

// The shell command for `browser` (a $BROWSER entry): %s stands for the URL ($1), else the URL
// is appended as one word.
std::string script_for(const std::string& browser) {
  std::string script;
  bool placed = false;
  for (std::size_t i = 0; i < browser.size(); ++i) {
    if (browser.compare(i, 2, "%s") == 0) {
      script += "\"$1\"";
      placed = true;
      ++i;
    } else {
      script += browser[i];
    }
  }
  return placed ? script : script + " \"$1\"";
}

}  // namespace

UrlOpener::UrlOpener(std::string browser, std::string path) : browser_(std::move(browser)), path_(std::move(path)) {}

UrlOpener::~UrlOpener() { reap(); }

void UrlOpener::reap() {
  std::erase_if(running_, [](pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) != 0; });
}

OpenResult UrlOpener::open(const std::string& url) {
  reap();
  std::string browser = browser_.substr(0, browser_.find(':'));
  if (browser.find_first_not_of(" \t") == std::string::npos) browser.clear();
  std::string command = browser;
  if (browser.empty()) {
    command = find_on_path("xdg-open", path_);
    if (!command.empty()) browser = "xdg-open";
  }
  if (browser.empty()) return {false, fmt::format("{} — no browser to open it: set $BROWSER (Y copies the URL)", url)};

  const std::string script = script_for(command);
  const char* argv[] = {"/bin/sh", "-c", script.c_str(), "flinktop-browser", url.c_str(), nullptr};
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  for (int fd = 0; fd <= 2; ++fd) posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Default signals and an empty mask, whatever flinktop set; its own session: no terminal, and
  // a ctrl-c meant for flinktop does not reach it.
  sigset_t defaults, empty;
  sigfillset(&defaults);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, "/bin/sh", &files, &attributes, const_cast<char* const*>(argv), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) return {false, fmt::format("{} could not be started: {}", browser, std::strerror(spawned))};

  const auto give_up = std::chrono::steady_clock::now() + kFailsWithin;
  int status = 0;
  for (;;) {
    const pid_t ended = ::waitpid(pid, &status, WNOHANG);
    if (ended == pid) break;
    if (ended < 0 && errno != EINTR) return {false, fmt::format("waiting for {} failed: {}", browser, std::strerror(errno))};
    if (std::chrono::steady_clock::now() >= give_up) {
      running_.push_back(pid);
      return {true, fmt::format("opening {} with {}", url, browser)};
    }
    std::this_thread::sleep_for(10ms);
  }
  if (WIFSIGNALED(status)) return {false, fmt::format("{} ended by signal {} (the URL: {})", browser, WTERMSIG(status), url)};
  const int code = WEXITSTATUS(status);
  if (code == 0) return {true, fmt::format("opened {} with {}", url, browser)};
  if (code == 127) return {false, fmt::format("'{}' was not found: set $BROWSER (the URL: {})", browser, url)};
  return {false, fmt::format("{} exited with status {} (the URL: {})", browser, code, url)};
}

}  // namespace flinktop::tui
