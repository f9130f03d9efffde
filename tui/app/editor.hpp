// The user's editor on a file, in the foreground of our terminal: $VISUAL, else $EDITOR, else vi
// (the order kubectl and git use). The caller leaves full-screen mode around it.
#pragma once

#include <string>

namespace flinktop::tui {

// The command that will run: "$VISUAL", "$EDITOR" or "vi".
std::string editor_command();

// Runs `editor_command() path` through /bin/sh (so "code --wait" works) and waits for it. While
// it runs, ctrl-c and ctrl-\ are the editor's: this process ignores SIGINT and SIGQUIT (as
// system() does), and ctrl-z stops it with the editor without ncurses repainting over it. Returns "" when the editor exited with 0, else one line saying what happened
// ("vi exited with status 1", "'nano' was not found: set $EDITOR").
std::string run_editor(const std::string& path);

}  // namespace flinktop::tui
