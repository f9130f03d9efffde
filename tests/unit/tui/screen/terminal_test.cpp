// Terminal on a pseudo-terminal: bytes per frame, colours or none, keys, resize, suspend, and the
// restore on destruction, on a fatal signal and on an uncaught exception.
#include "tui/screen/terminal.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <termios.h>

#include <clocale>
#include <csignal>
#include <string>
#include <thread>

#include "tests/unit/tui/screen/pty.hpp"
#include "tests/unit/tui/screen/sample_frames.hpp"
#include "tui/screen/palette.hpp"

namespace flinktop::tui {
namespace {

using namespace std::chrono_literals;
using testing::Pty;

constexpr std::string_view kEnterAltScreen = "\x1b[?1049h";
constexpr std::string_view kLeaveAltScreen = "\x1b[?1049l";
constexpr std::string_view kHideCursor = "\x1b[?25l";
constexpr std::string_view kShowCursor = "\x1b[?25h";

TerminalOptions options_for(const Pty& pty, bool color = true) {
  TerminalOptions o;
  o.fd = pty.slave();
  o.term = "xterm-256color";
  o.locale = "C.UTF-8";
  o.no_color = !color;
  o.true_color = false;
  return o;
}

using testing::change_one_job;
using testing::jobs_frame;
using testing::kRowStyle;

// True when an SGR sequence (ESC [ ... m) sets a foreground or background colour.
bool sets_a_colour(std::string_view out) {
  for (std::size_t at = out.find("\x1b["); at != std::string_view::npos; at = out.find("\x1b[", at + 2)) {
    std::size_t end = at + 2;
    while (end < out.size() && ((out[end] >= '0' && out[end] <= '9') || out[end] == ';' || out[end] == ':'))
      ++end;
    if (end >= out.size() || out[end] != 'm') continue;
    const std::string_view params = out.substr(at + 2, end - at - 2);
    std::size_t start = 0;
    while (start <= params.size()) {
      std::size_t stop = params.find_first_of(";:", start);
      if (stop == std::string_view::npos) stop = params.size();
      const std::string p(params.substr(start, stop - start));
      const int v = p.empty() ? 0 : std::stoi(p);
      if ((v >= 30 && v <= 49) || (v >= 90 && v <= 107)) return true;
      start = stop + 1;
    }
  }
  return false;
}

// What is left of terminal output once its escape sequences (CSI, and ESC + one or two
// characters such as "ESC >" and "ESC ( B") are taken out.
std::string without_escape_sequences(std::string_view out) {
  std::string rest;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '\x1b' || i + 1 >= out.size()) {
      rest += out[i];
    } else if (out[i + 1] == '[') {
      i += 2;
      while (i < out.size() && (out[i] < 0x40 || out[i] > 0x7e)) ++i;
    } else {
      i += (out[i + 1] >= 0x20 && out[i + 1] <= 0x2f) ? 2 : 1;
    }
  }
  return rest;
}

// Tests change the process locale through Terminal; put it back for the other suites.
class TerminalTest : public ::testing::Test {
 protected:
  void SetUp() override { locale_ = std::setlocale(LC_ALL, nullptr); }
  void TearDown() override { std::setlocale(LC_ALL, locale_.c_str()); }
  std::string locale_;
};

TEST_F(TerminalTest, UnchangedFrameWritesNothingAndOneChangedRowLittle) {
  Pty pty(240, 70);
  Terminal terminal(options_for(pty));
  EXPECT_EQ(terminal.size(), (Terminal::Size{240, 70}));
  EXPECT_TRUE(terminal.unicode());
  EXPECT_EQ(terminal.color_depth(), ColorDepth::Indexed256);
  pty.take();

  Canvas frame = jobs_frame(240, 70);
  terminal.present(frame);
  const std::string first = pty.take();
  EXPECT_GT(first.size(), 5000U);
  EXPECT_NE(first.find("orders-enrichment-42"), std::string::npos);
  EXPECT_NE(first.find("日本 ✓"), std::string::npos);

  terminal.present(frame);
  EXPECT_EQ(pty.take().size(), 0U) << "an unchanged frame must not write a byte";

  // One job changes state, its checkpoint count and its age.
  change_one_job(frame, 20, /*failing=*/true);
  terminal.present(frame);
  const std::string row = pty.take();
  EXPECT_GT(row.size(), 0U);
  EXPECT_LE(row.size(), 256U) << row;
  EXPECT_NE(row.find("FAILING"), std::string::npos);

  terminal.present(frame);
  EXPECT_EQ(pty.take().size(), 0U);
}

TEST_F(TerminalTest, ColoursAreIndexedAndRgbIsMappedTo256) {
  Pty pty(40, 5);
  Terminal terminal(options_for(pty));
  pty.take();
  Canvas c(40, 5);
  c.text(0, 0, "orange", Style{Color::indexed(208), Color::none(), kAttrNone});
  c.text(0, 1, "rgb", Style{Color::rgb(255, 135, 0), Color::indexed(17), kAttrNone});
  terminal.present(c);
  const std::string out = pty.take();
  EXPECT_NE(out.find("38;5;208m"), std::string::npos) << out;
  EXPECT_NE(out.find("48;5;17m"), std::string::npos) << out;
  EXPECT_TRUE(sets_a_colour(out));
}

TEST_F(TerminalTest, NoColorWritesNoColourSequences) {
  Pty pty(120, 30);
  Terminal terminal(options_for(pty, /*color=*/false));
  EXPECT_EQ(terminal.color_depth(), ColorDepth::None);
  EXPECT_FALSE(terminal.color());
  Canvas frame = jobs_frame(120, 30);
  frame.text(0, 1, "rgb", Style{Color::rgb(255, 0, 0), Color::rgb(0, 0, 255), kAttrReverse});
  terminal.present(frame);
  frame.text(0, 1, "RGB", Style{Color::indexed(1), Color::indexed(4), kAttrUnderline});
  terminal.present(frame);
  const std::string out = pty.take();
  EXPECT_FALSE(sets_a_colour(out)) << out;
  EXPECT_EQ(out.find("38;5"), std::string::npos);
  EXPECT_NE(out.find("orders-enrichment-7"), std::string::npos);
  EXPECT_TRUE(out.find("\x1b[7m") != std::string::npos || out.find(";7m") != std::string::npos)
      << "attributes still show: " << out;
}

TEST_F(TerminalTest, NoColorFromTheEnvironment) {
  Pty pty(20, 4);
  TerminalOptions o = options_for(pty);
  o.no_color.reset();
  ::setenv("NO_COLOR", "1", 1);
  {
    Terminal terminal(o);
    EXPECT_EQ(terminal.color_depth(), ColorDepth::None);
  }
  ::setenv("NO_COLOR", "", 1);  // empty: colours as usual
  {
    Terminal terminal(o);
    EXPECT_EQ(terminal.color_depth(), ColorDepth::Indexed256);
  }
  ::unsetenv("NO_COLOR");
}

TEST_F(TerminalTest, TrueColourUsesDirectColourWhenTheTerminfoHasIt) {
  Pty pty(20, 4);
  TerminalOptions o = options_for(pty);
  o.true_color = true;
  Terminal terminal(o);
  pty.take();
  Canvas c(20, 4);
  c.text(0, 0, "x", Style{Color::rgb(255, 135, 0), Color::none(), kAttrNone});
  terminal.present(c);
  const std::string out = pty.take();
  if (terminal.color_depth() == ColorDepth::Direct) {
    EXPECT_TRUE(out.find("38:2::255:135:0") != std::string::npos ||
                out.find("38;2;255;135;0") != std::string::npos)
        << out;
  } else {
    EXPECT_EQ(terminal.color_depth(), ColorDepth::Indexed256) << "no xterm-direct terminfo: mapped to 256";
    EXPECT_NE(out.find("38;5;208m"), std::string::npos) << out;
  }
}

TEST_F(TerminalTest, AsciiLocaleGetsAsciiGlyphs) {
  Pty pty(20, 3);
  TerminalOptions o = options_for(pty);
  o.locale = "C";
  Terminal terminal(o);
  EXPECT_FALSE(terminal.unicode());
  pty.take();
  Canvas c(20, 3);
  c.text(0, 0, "┌─┐日x…", Style{});
  terminal.present(c);
  const std::string out = pty.take();
  EXPECT_NE(out.find("+-+? x~"), std::string::npos) << out;
  for (char ch : out) EXPECT_LT(static_cast<unsigned char>(ch), 0x80) << out;
}

TEST_F(TerminalTest, HostileTextReachesTheTerminalOnlyAsText) {
  Pty pty(80, 5);
  Terminal terminal(options_for(pty));
  Canvas c(80, 5);
  c.text(0, 0, "safe", Style{});
  terminal.present(c);
  pty.take();
  c.text(0, 1,
         "log: \x1b]0;pwned\x07\x1b[2J\x1b[?1049l\xc2\x9b"
         "31m\x9b\x07 done",
         Style{});
  terminal.present(c);
  const std::string out = pty.take();
  EXPECT_NE(out.find("log:"), std::string::npos);
  EXPECT_NE(out.find("done"), std::string::npos);
  EXPECT_EQ(out.find("pwned"), std::string::npos);
  EXPECT_EQ(out.find("2J"), std::string::npos);
  EXPECT_EQ(out.find(kLeaveAltScreen), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
}

TEST_F(TerminalTest, DestructionRestoresTheTerminal) {
  Pty pty(40, 10);
  {
    Terminal terminal(options_for(pty));
    Canvas c(40, 10);
    c.text(0, 0, "bye", Style{});
    terminal.present(c);
    termios raw{};
    ::tcgetattr(pty.slave(), &raw);
    EXPECT_FALSE(raw.c_lflag & ICANON);
  }
  const std::string out = pty.take();
  const std::size_t leave = out.rfind(kLeaveAltScreen);
  ASSERT_NE(leave, std::string::npos) << out;
  EXPECT_GT(leave, out.rfind(kEnterAltScreen));
  EXPECT_EQ(out.find(kHideCursor, leave), std::string::npos);
  // After leaving the alternate screen ncurses only puts things back (keypad off, cursor
  // visible): escape sequences and a carriage return, nothing that shows.
  EXPECT_EQ(without_escape_sequences(out.substr(leave)), "\r") << out.substr(leave);
  ASSERT_NE(out.rfind(kShowCursor), std::string::npos) << out;
  EXPECT_GT(out.rfind(kShowCursor), out.rfind(kHideCursor));
  termios cooked{};
  ::tcgetattr(pty.slave(), &cooked);
  EXPECT_TRUE(cooked.c_lflag & ICANON);
  EXPECT_TRUE(cooked.c_lflag & ECHO);
}

TEST_F(TerminalTest, OnlyOneTerminalAtATime) {
  Pty pty(20, 4);
  Terminal terminal(options_for(pty));
  EXPECT_THROW(Terminal second(options_for(pty)), std::runtime_error);
}

TEST_F(TerminalTest, UnknownTermIsAClearError) {
  Pty pty(20, 4);
  TerminalOptions o = options_for(pty);
  o.term = "no-such-terminal-type";
  try {
    Terminal terminal(o);
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-terminal-type"), std::string::npos) << e.what();
  }
  Terminal works(options_for(pty));  // nothing left behind
}

TEST_F(TerminalTest, KeysAreDecoded) {
  Pty pty(40, 10);
  Terminal terminal(options_for(pty));
  const std::pair<std::string, Key> cases[] = {
      {"q", Key::character(U'q')},
      {"G", Key::character(U'G')},
      {"\xc3\xa9", Key::character(U'é')},
      {"日", Key::character(U'日')},
      {"\r", Key::named(Key::Kind::Enter)},
      {"\t", Key::named(Key::Kind::Tab)},
      {"\x7f", Key::named(Key::Kind::Backspace)},
      {"\x03", Key::ctrl('c')},
      {"\x04", Key::ctrl('d')},
      {"\x1bOA", Key::named(Key::Kind::Up)},
      {"\x1bOB", Key::named(Key::Kind::Down)},
      {"\x1b[5~", Key::named(Key::Kind::PageUp)},
      {"\x1b[6~", Key::named(Key::Kind::PageDown)},
      {"\x1bOH", Key::named(Key::Kind::Home)},
      {"\x1bOF", Key::named(Key::Kind::End)},
      {"\x1b[3~", Key::named(Key::Kind::Delete)},
      {"\x1b[Z", Key::named(Key::Kind::BackTab)},
      {"\x1bOP", Key::named(Key::Kind::F1)},
      {"\x1b[24~", Key::named(Key::Kind::F12)},
      {"\x1b[1;5A", Key::named(Key::Kind::Up, Key::kCtrl)},
      {"\x1b[1;2C", Key::named(Key::Kind::Right, Key::kShift)},
      {"\x1bx", Key::alt(U'x')},
  };
  for (const auto& [bytes, key] : cases) {
    pty.type(bytes);
    EXPECT_EQ(terminal.read_key(1s), key) << to_string(key);
  }
  EXPECT_EQ(terminal.read_key(0ms), Key::none());
}

TEST_F(TerminalTest, EscapeAloneAfterTheEscapeDelay) {
  Pty pty(40, 10);
  Terminal terminal(options_for(pty));
  pty.type("\x1b");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(terminal.read_key(1s), Key::named(Key::Kind::Escape));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
  pty.type("\x1b\x1bOA");  // esc, then up
  EXPECT_EQ(terminal.read_key(1s), Key::named(Key::Kind::Escape));
  EXPECT_EQ(terminal.read_key(1s), Key::named(Key::Kind::Up));
}

TEST_F(TerminalTest, ReadKeyTimesOutAndFdSaysWhenAKeyWaits) {
  Pty pty(40, 10);
  Terminal terminal(options_for(pty));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(terminal.read_key(60ms), Key::none());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 55ms);

  pollfd p{terminal.fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 0), 0);
  pty.type("jk");
  p.revents = 0;
  EXPECT_EQ(::poll(&p, 1, 1000), 1);
  EXPECT_EQ(terminal.read_key(0ms), Key::character(U'j'));
  EXPECT_EQ(terminal.read_key(0ms), Key::character(U'k'));
  EXPECT_EQ(terminal.read_key(0ms), Key::none());
}

TEST_F(TerminalTest, ResizeIsAKeyAndTheNextFrameRepaintsAll) {
  Pty pty(60, 20);
  Terminal terminal(options_for(pty));
  Canvas frame = jobs_frame(60, 20);
  terminal.present(frame);
  pty.take();

  pty.resize(100, 30);
  ::raise(SIGWINCH);
  pollfd p{terminal.fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 1000), 1) << "fd() must wake the loop on a resize";
  EXPECT_EQ(terminal.read_key(0ms), Key::named(Key::Kind::Resize));
  EXPECT_EQ(terminal.size(), (Terminal::Size{100, 30}));
  p.revents = 0;
  EXPECT_EQ(::poll(&p, 1, 0), 0);

  frame = jobs_frame(100, 30);
  terminal.present(frame);
  const std::string out = pty.take();
  EXPECT_NE(out.find("\x1b[2J"), std::string::npos) << "cleared once after a resize";
  EXPECT_NE(out.find("orders-enrichment-28"), std::string::npos);
  terminal.present(frame);
  EXPECT_EQ(pty.take().size(), 0U);
}

TEST_F(TerminalTest, SuspendLeavesFullScreenAndResumeRepaints) {
  Pty pty(40, 6);
  Terminal terminal(options_for(pty));
  Canvas c(40, 6);
  c.text(0, 2, "still here", Style{});
  terminal.present(c);
  pty.take();
  terminal.suspend();
  const std::string suspended = pty.take();
  EXPECT_NE(suspended.find(kLeaveAltScreen), std::string::npos) << suspended;
  termios cooked{};
  ::tcgetattr(pty.slave(), &cooked);
  EXPECT_TRUE(cooked.c_lflag & ICANON);
  terminal.present(c);  // ignored while suspended
  EXPECT_EQ(pty.take().size(), 0U);
  terminal.resume();
  const std::string resumed = pty.take();
  EXPECT_NE(resumed.find(kEnterAltScreen), std::string::npos) << resumed;
  EXPECT_NE(resumed.find("still here"), std::string::npos) << resumed;
  terminal.present(c);
  EXPECT_EQ(pty.take().size(), 0U);
}

TEST_F(TerminalTest, InvalidateRepaintsEverything) {
  Pty pty(40, 6);
  Terminal terminal(options_for(pty));
  Canvas c(40, 6);
  c.text(0, 3, "again", Style{});
  terminal.present(c);
  pty.take();
  terminal.invalidate();
  terminal.present(c);
  EXPECT_NE(pty.take().find("again"), std::string::npos);
}

// Runs `body` in a child process on the pty once it has shown a frame, sends it `signal` (if not
// 0), and returns the child's wait status and everything written after that frame.
std::pair<int, std::string> run_child(Pty& pty, void (*body)(), int signal) {
  int ready[2], go[2];
  EXPECT_EQ(::pipe(ready), 0);
  EXPECT_EQ(::pipe(go), 0);
  pty.stop_drain();  // no other thread in this process at fork()
  const pid_t pid = ::fork();
  if (pid != 0) pty.start_drain();
  if (pid == 0) {
    ::close(ready[0]);
    ::close(go[1]);
    ::dup2(pty.slave(), STDERR_FILENO);  // where a real user sees the terminate message
    try {
      Terminal terminal(options_for(pty));
      Canvas c(40, 10);
      c.text(0, 0, "child", Style{});
      terminal.present(c);
      char byte = 'r';
      if (::write(ready[1], &byte, 1) == 1 && ::read(go[0], &byte, 1) == 1) body();
    } catch (...) {
    }
    ::_exit(3);
  }
  ::close(ready[1]);
  ::close(go[0]);
  char byte = 0;
  EXPECT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  pty.take();
  if (signal != 0) {
    ::kill(pid, signal);
  } else {
    EXPECT_EQ(::write(go[1], "g", 1), 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(go[1]);
  return {status, pty.take()};
}

void expect_restored(const Pty& pty, const std::string& out) {
  EXPECT_NE(out.find(kLeaveAltScreen), std::string::npos) << out;
  EXPECT_NE(out.find(kShowCursor), std::string::npos) << out;
  termios cooked{};
  ::tcgetattr(pty.slave(), &cooked);
  EXPECT_TRUE(cooked.c_lflag & ICANON);
  EXPECT_TRUE(cooked.c_lflag & ECHO);
}

TEST_F(TerminalTest, AFatalSignalRestoresTheTerminalAndStillEndsTheProcess) {
  for (int sig : {SIGTERM, SIGHUP, SIGINT, SIGQUIT}) {
    Pty pty(40, 10);
    const auto [status, out] = run_child(
        pty,
        [] {
          for (;;) ::pause();
        },
        sig);
    ASSERT_TRUE(WIFSIGNALED(status)) << "signal " << sig << ", status " << status;
    EXPECT_EQ(WTERMSIG(status), sig);
    expect_restored(pty, out);
  }
}

TEST_F(TerminalTest, AnUncaughtExceptionRestoresTheTerminalBeforeItsMessage) {
  Pty pty(40, 10);
  const auto [status, out] = run_child(
      pty, [] { std::thread([] { throw std::runtime_error("boom"); }).join(); }, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  EXPECT_EQ(WTERMSIG(status), SIGABRT);
  expect_restored(pty, out);
  EXPECT_LT(out.find(kLeaveAltScreen), out.find("boom")) << out;
}

TEST_F(TerminalTest, ExitWithoutTheDestructorRestoresTheTerminal) {
  Pty pty(40, 10);
  const auto [status, out] = run_child(
      pty, [] { std::exit(0); }, 0);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  expect_restored(pty, out);
}

// With no fd given, the Terminal finds the controlling terminal (/dev/tty) and reads TERM and
// the locale from the environment, as the flinktop binary does.
TEST_F(TerminalTest, DefaultsUseTheControllingTerminalAndTheEnvironment) {
  int master = -1;
  winsize ws{};
  ws.ws_col = 50;
  ws.ws_row = 8;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, &ws);
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("TERM", "xterm-256color", 1);
    ::setenv("LC_ALL", "C.UTF-8", 1);
    ::unsetenv("NO_COLOR");
    int code = 1;
    try {
      Terminal terminal;
      Canvas c(50, 8);
      c.text(0, 0, terminal.unicode() ? "unicode ✓" : "ascii", Style{});
      terminal.present(c);
      code = terminal.size() == Terminal::Size{50, 8} && terminal.color() ? 0 : 2;
    } catch (...) {
    }
    ::_exit(code);
  }
  std::string out;
  char buffer[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) break;
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child has gone
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(out.find("unicode ✓"), std::string::npos) << out;
  EXPECT_NE(out.find(kLeaveAltScreen), std::string::npos) << out;
}

}  // namespace
}  // namespace flinktop::tui
