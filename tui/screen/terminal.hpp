// The terminal: the only place that talks to ncurses. It turns a Canvas into output by writing
// only the cells that changed since the last frame, reads keys, follows resizes, and restores the
// terminal on every way out (destructor, fatal signal, uncaught exception, exit()).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tui/screen/canvas.hpp"
#include "tui/screen/key.hpp"

namespace flinktop::tui {

enum class ColorDepth : std::uint8_t {
  None,  // NO_COLOR, or a terminal without colours: attributes only
  Basic8,
  Basic16,
  Indexed256,
  Direct,  // 24-bit RGB (COLORTERM=truecolor|24bit and a direct-colour terminfo entry)
};

struct TerminalOptions {
  // The terminal to read and write (it is duplicated, the caller keeps its fd). -1: /dev/tty,
  // or stdin/stdout when there is no controlling terminal.
  int fd = -1;
  std::string term;                   // empty: $TERM
  std::optional<std::string> locale;  // for setlocale(LC_ALL, ...); unset: from the environment
  std::optional<bool> no_color;       // unset: $NO_COLOR is set and not empty
  std::optional<bool> true_color;     // unset: $COLORTERM is "truecolor" or "24bit"
  // Restore the terminal on SIGTERM/SIGHUP/SIGINT/SIGQUIT (and crashes), std::terminate and
  // exit(); follow SIGWINCH through fd(). Off only in tests that fork.
  bool handle_signals = true;
  int escape_delay_ms = 25;
};

class Terminal {
 public:
  struct Size {
    int width = 0, height = 0;
    friend constexpr bool operator==(const Size&, const Size&) = default;
  };

  // Starts full-screen mode. Throws std::runtime_error saying what to do when the terminal
  // cannot be used (no tty, unknown $TERM). One Terminal at a time per process.
  explicit Terminal(TerminalOptions options = {});
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  Size size() const;
  bool unicode() const;  // the locale is UTF-8: draw Unicode borders, else glyphs(false)
  ColorDepth color_depth() const;
  bool color() const { return color_depth() != ColorDepth::None; }  // false: use Theme::monochrome()

  // Shows `next`: writes the cells that differ from the last frame, then one doupdate(). A frame
  // equal to the last one writes nothing. Cells outside the terminal are ignored.
  void present(const Canvas& next);
  // The next present() repaints everything (ctrl-l).
  void invalidate();

  // Asks the terminal to put `text` on the clipboard (OSC 52, see clipboard.hpp). False when it
  // was not sent (too long, or not in full-screen mode); true says only that it was sent: a
  // terminal without OSC 52 ignores it.
  bool copy_to_clipboard(std::string_view text);

  // Readable (poll POLLIN) when a key or a resize is waiting. After it is, call read_key(0) until
  // it returns Key::none(): ncurses may hold several keys read at once.
  int fd() const;
  // The next key within `timeout` (negative: wait for ever); Key::none() on timeout.
  Key read_key(std::chrono::milliseconds timeout);

  // Leaves full-screen mode to run a program on the terminal ($EDITOR) and comes back with a
  // full repaint.
  void suspend();
  void resume();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace flinktop::tui
