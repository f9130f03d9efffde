#include "tui/app/editor.hpp"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace flinktop::tui {

namespace {

// While the editor runs, for as long as it lives: SIGINT and SIGQUIT ignored (ctrl-c is the
// editor's), and SIGTSTP at its default — ncurses' own handler would repaint the suspended UI
// over the editor when ctrl-z in the editor stops the whole process group and `fg` resumes it.
// Put back as they were afterwards.
class EditorSignals {
 public:
  EditorSignals() {
    struct sigaction ignore {}, fallback {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGINT, &ignore, &old_int_);
    sigaction(SIGQUIT, &ignore, &old_quit_);
    sigaction(SIGTSTP, &fallback, &old_tstp_);
  }
  ~EditorSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGQUIT, &old_quit_, nullptr);
    sigaction(SIGTSTP, &old_tstp_, nullptr);
  }
  EditorSignals(const EditorSignals&) = delete;
  EditorSignals& operator=(const EditorSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_quit_ {};
  struct sigaction old_tstp_ {};
};

}  // namespace

std::string editor_command() {
  for (const char* name : {"VISUAL", "EDITOR"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return "vi";
}

std::string run_editor(const std::string& path) {
  const std::string editor = editor_command();
  // The user's command as they wrote it (it may carry arguments: "code --wait"), then the file
  // as one word whatever its characters.
  const std::string script = editor + " \"$1\"";
  const char* argv[] = {"/bin/sh", "-c", script.c_str(), "flinktop-editor", path.c_str(), nullptr};

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // The editor gets default signal handling and an empty mask, whatever this process set.
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTSTP);
  sigaddset(&defaults, SIGTTIN);
  sigaddset(&defaults, SIGTTOU);
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  EditorSignals signals;
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, "/bin/sh", nullptr, &attributes, const_cast<char* const*>(argv), environ);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return fmt::format("the editor could not be started: {}", std::strerror(spawned));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return fmt::format("waiting for the editor failed: {}", std::strerror(errno));
  }
  if (WIFSIGNALED(status)) return fmt::format("{} ended by signal {}", editor, WTERMSIG(status));
  const int code = WEXITSTATUS(status);
  if (code == 0) return "";
  if (code == 127) return fmt::format("'{}' was not found: set $EDITOR (or $VISUAL) to your editor", editor);
  return fmt::format("{} exited with status {}", editor, code);
}

}  // namespace flinktop::tui
