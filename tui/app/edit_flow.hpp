// One `e` or `n`, from the key press to the API server, as `kubectl edit` does it but with a look
// before anything is sent:
//   fetch the object (worker thread) → the editor (UI thread, full-screen mode left) → a server
//   dry run (worker) → a dialog with what changes → the real update or create (worker).
// A refused attempt (not YAML, a rename, the server's validation) reopens the editor with the
// reason on top; saving that unchanged gives up, and the text is kept in a file — nothing the
// user typed is lost silently.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/actions/action_runner.hpp"
#include "core/actions/journal.hpp"
#include "core/kube/api_client.hpp"
#include "tui/app/object_confirmation.hpp"
#include "tui/widgets/dialog.hpp"
#include "tui/widgets/status_line.hpp"

namespace flinktop::tui {

class EditFlow {
 public:
  struct Hooks {
    // Runs the editor on the file; "" when it exited well, else why not (see run_editor).
    std::function<std::string(const std::string& path)> edit;
    // Called from worker threads when a step is done: wake the UI thread.
    std::function<void()> wake;
    // Where what is sent is recorded (null: nowhere).
    std::shared_ptr<actions::Journal> journal;
  };

  // What the UI thread does next.
  struct Step {
    enum class Kind { Wait, Ask, Done };
    Kind kind = Kind::Wait;
    DialogContent dialog;  // Ask: show it, then call answer()
    Severity severity = Severity::Ok;
    std::string message;  // Done: for the status line
  };

  // `request` is an Edit or a Create; `client` talks to its context (null: the step says so).
  EditFlow(ObjectRequest request, std::shared_ptr<kube::ApiClient> client, Hooks hooks);
  ~EditFlow();
  EditFlow(const EditFlow&) = delete;
  EditFlow& operator=(const EditFlow&) = delete;

  // Called by the UI thread on every loop: runs the editor when it is the editor's turn (which
  // blocks until the user leaves it), starts the network steps, and says what to do next. Ask is
  // returned until answer() is called.
  Step step();
  void answer(bool yes);
  // True while the confirmed change is on its way to the API server.
  bool sending() const;
  // The file an abandoned attempt is kept in (empty when none was kept).
  const std::string& kept_file() const;

  struct State;

 private:
  void create();
  void undo(bool yes);

  std::shared_ptr<State> state_;
  Hooks hooks_;
  // Last: destroyed first, joining a network step still running (bounded by the API server call's
  // own timeout) before the rest of the flow goes.
  actions::ActionRunner workers_;
};

}  // namespace flinktop::tui
