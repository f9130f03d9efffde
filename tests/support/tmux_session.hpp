// Drives the real flinktop binary in a tmux pane, as a user at a terminal would: keys in,
// screen text out. Each session has its own tmux server (socket) and kills it on destruction.
#pragma once

#include <chrono>
#include <regex>
#include <string>
#include <vector>

namespace flinktop::test {

class TmuxSession {
 public:
  // Starts `command` (run by /bin/sh) in a detached width×height pane that stays after it exits.
  TmuxSession(const std::string& command, int width, int height);
  ~TmuxSession();
  TmuxSession(const TmuxSession&) = delete;
  TmuxSession& operator=(const TmuxSession&) = delete;

  // tmux send-keys arguments: literal text with -l, or key names ("Enter", "Escape", "C-c").
  void keys(const std::vector<std::string>& names);
  void type(const std::string& literal);
  std::string screen() const;  // capture-pane -p
  // Polls the screen until it contains `text` (or lacks it, with `present` false); false on timeout.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                bool present = true) const;
  // Polls the screen until one of its lines matches `line` (std::regex_search); false on timeout.
  bool wait_for_line(const std::regex& line, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  void resize(int width, int height);
  // #{pane_dead}, #{alternate_on}, #{cursor_flag}, ... of the pane.
  std::string format(const std::string& expression) const;
  // set-option -s: e.g. set-clipboard on, so that a program's OSC 52 lands in a paste buffer.
  void server_option(const std::string& name, const std::string& value);
  std::string paste_buffer() const;  // show-buffer: the newest buffer ("" when there is none)

 private:
  std::string tmux(const std::vector<std::string>& args) const;
  std::string socket_;
};

}  // namespace flinktop::test
