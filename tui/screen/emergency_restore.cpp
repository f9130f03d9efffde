// Signal and std::terminate handlers that put the terminal back before the process dies.
//
// endwin() is not async-signal-safe (it flushes stdio buffers, may allocate, and walks ncurses
// state that the interrupted code may be changing), and std::terminate may run on any thread
// while the UI thread is inside ncurses. So these paths do the minimum with async-signal-safe
// calls only: write(2) the bytes captured at start (reset attributes, keypad off, cursor
// visible, leave the alternate screen) and tcsetattr(3) the shell's tty modes. Then the signal
// is re-raised with the disposition it had before us, so the process still ends as it would have
// (exit status, core dump) — or the previous terminate handler prints the exception, now on the
// normal screen.
#include "tui/screen/emergency_restore.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>

namespace flinktop::tui::emergency {
namespace {

constexpr std::array<int, 9> kFatalSignals{SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT,
                                           SIGSEGV, SIGBUS, SIGFPE, SIGILL};

// Written before the handlers are armed, then only read by them.
struct State {
  std::atomic<bool> armed{false};  // lock-free, so a handler may exchange it
  int fd = -1;
  std::array<char, 512> bytes{};
  std::size_t length = 0;
  termios shell{};
  bool have_shell = false;
  std::atomic<int> resize_fd{-1};
  std::atomic<bool> resized{false};
  std::array<struct sigaction, NSIG> previous{};
  std::array<bool, NSIG> installed{};
  std::terminate_handler previous_terminate = nullptr;
  bool terminate_installed = false;
};
State g;

void write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w, n -= static_cast<std::size_t>(w);
  }
}

void restore_now() {
  if (!g.armed.exchange(false)) return;
  write_all(g.fd, g.bytes.data(), g.length);
  if (g.have_shell) ::tcsetattr(g.fd, TCSADRAIN, &g.shell);
}

void on_fatal_signal(int sig) {
  const int saved_errno = errno;
  restore_now();
  ::sigaction(sig, &g.previous[static_cast<std::size_t>(sig)], nullptr);
  ::raise(sig);  // delivered when this handler returns, with the previous disposition
  errno = saved_errno;
}

void on_resize(int) {
  const int saved_errno = errno;
  g.resized.store(true);
  if (const int fd = g.resize_fd.load(); fd >= 0) {
    const char byte = 'w';
    [[maybe_unused]] const ssize_t n = ::write(fd, &byte, 1);
  }
  errno = saved_errno;
}

[[noreturn]] void on_terminate() {
  restore_now();
  if (g.previous_terminate != nullptr) g.previous_terminate();
  std::abort();
}

void install_one(int sig, void (*handler)(int)) {
  struct sigaction previous {};
  ::sigaction(sig, nullptr, &previous);
  if (previous.sa_handler == SIG_IGN) return;  // e.g. SIGHUP under nohup: keep ignoring it
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a poll() blocked on the UI thread returns at once
  ::sigaction(sig, &action, nullptr);
  g.previous[static_cast<std::size_t>(sig)] = previous;
  g.installed[static_cast<std::size_t>(sig)] = true;
}

}  // namespace

void prepare(int fd, const termios* shell_modes) {
  g.fd = fd;
  g.have_shell = shell_modes != nullptr;
  if (shell_modes != nullptr) g.shell = *shell_modes;
}

void set_restore_bytes(std::string_view bytes) {
  g.length = std::min(bytes.size(), g.bytes.size());
  std::memcpy(g.bytes.data(), bytes.data(), g.length);
}

void arm(bool armed) {
  g.armed.store(armed);
}

void install(int resize_fd) {
  g.resize_fd.store(resize_fd);
  g.resized.store(false);
  install_one(SIGWINCH, on_resize);
  for (int sig : kFatalSignals) install_one(sig, on_fatal_signal);
  g.previous_terminate = std::set_terminate(on_terminate);
  g.terminate_installed = true;
}

void uninstall() {
  g.armed.store(false);
  for (std::size_t sig = 0; sig < g.installed.size(); ++sig) {
    if (g.installed[sig]) ::sigaction(static_cast<int>(sig), &g.previous[sig], nullptr);
    g.installed[sig] = false;
  }
  if (g.terminate_installed) std::set_terminate(g.previous_terminate);
  g.terminate_installed = false;
  g.resize_fd.store(-1);
}

bool take_resize() {
  return g.resized.exchange(false);
}

}  // namespace flinktop::tui::emergency
