#include "support/tmux_session.hpp"

#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <sstream>
#include <thread>

#include "support/run_command.hpp"

namespace flinktop::test {

namespace {
std::atomic<int> sessions{0};
}

TmuxSession::TmuxSession(const std::string& command, int width, int height)
    : socket_("flinktop-test-" + std::to_string(::getpid()) + "-" + std::to_string(sessions++)) {
  tmux({"-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", std::to_string(width), "-y", std::to_string(height),
        "/bin/sh", "-c", command});
  tmux({"set-option", "-t", "t", "remain-on-exit", "on"});
}

TmuxSession::~TmuxSession() { tmux({"kill-server"}); }

std::string TmuxSession::tmux(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"/usr/bin/tmux", "-L", socket_};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, {"TMUX="}).out;
}

void TmuxSession::keys(const std::vector<std::string>& names) {
  std::vector<std::string> args{"send-keys", "-t", "t"};
  args.insert(args.end(), names.begin(), names.end());
  tmux(args);
  // A key right after Escape would reach the program as one Alt chord (as it would from a user
  // typing that fast): leave the pause a person leaves.
  if (!names.empty() && names.back() == "Escape") std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

void TmuxSession::type(const std::string& literal) { tmux({"send-keys", "-t", "t", "-l", literal}); }

std::string TmuxSession::screen() const { return tmux({"capture-pane", "-p", "-t", "t"}); }

bool TmuxSession::wait_for(const std::string& text, std::chrono::milliseconds timeout, bool present) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    if ((screen().find(text) != std::string::npos) == present) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

bool TmuxSession::wait_for_line(const std::regex& line, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    std::istringstream lines(screen());
    for (std::string text; std::getline(lines, text);) {
      if (std::regex_search(text, line)) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

void TmuxSession::resize(int width, int height) {
  tmux({"resize-window", "-t", "t", "-x", std::to_string(width), "-y", std::to_string(height)});
}

std::string TmuxSession::format(const std::string& expression) const {
  std::string out = tmux({"display-message", "-p", "-t", "t", expression});
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void TmuxSession::server_option(const std::string& name, const std::string& value) {
  tmux({"set-option", "-s", name, value});
}

std::string TmuxSession::paste_buffer() const { return tmux({"show-buffer"}); }

}  // namespace flinktop::test
