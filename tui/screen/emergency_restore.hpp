// The last-resort restore of the terminal when the program dies past the Terminal's destructor:
// a fatal signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT, and crashes) or std::terminate. Also the
// SIGWINCH handler that wakes the event loop. Used by terminal.cpp only; holds no ncurses.
#pragma once

#include <termios.h>

#include <string_view>

namespace flinktop::tui::emergency {

// Where to write and which tty modes to put back (the shell's, captured before ncurses starts).
void prepare(int fd, const termios* shell_modes);
// The bytes that undo full-screen mode (sgr0, rmkx, cnorm, rmcup), captured once ncurses runs.
void set_restore_bytes(std::string_view bytes);
// Armed: a fatal signal or std::terminate restores. Disarmed while ncurses itself has restored
// the terminal (endwin, suspend).
void arm(bool armed);

// Installs the handlers, each remembering what was there before (an ignored signal stays
// ignored); a SIGWINCH writes one byte to resize_fd. uninstall() puts everything back.
void install(int resize_fd);
void uninstall();
// Whether a SIGWINCH arrived since the last call.
bool take_resize();

}  // namespace flinktop::tui::emergency
