// `o` on a port-forward: the URL in the user's browser — $BROWSER (its first entry; the variable
// may list several, ':'-separated, with %s for the URL), else xdg-open when it is on PATH, else
// nothing but the URL and a hint. The browser is the user's: it runs in its own session with no
// terminal (a terminal browser cannot share flinktop's screen), and it outlives flinktop.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace flinktop::tui {

struct OpenResult {
  bool opened = false;
  std::string line;  // for the status line: what opened it, or why nothing did (one line)
};

class UrlOpener {
 public:
  // The values of $BROWSER and $PATH (empty: unset).
  UrlOpener(std::string browser, std::string path);
  ~UrlOpener();  // reaps launchers that have ended; the others live on, as the browser does
  UrlOpener(const UrlOpener&) = delete;
  UrlOpener& operator=(const UrlOpener&) = delete;

  // Starts the browser on `url` and waits a moment for a launcher that fails at once (not found,
  // an error status); one that is still running then is taken to have opened it.
  OpenResult open(const std::string& url);

 private:
  void reap();

  std::string browser_;
  std::string path_;
  std::vector<pid_t> running_;
};

}  // namespace flinktop::tui
