#include "tui/app/edit_flow.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/actions/create_objects.hpp"
#include "core/actions/object_edit.hpp"
#include "core/error.hpp"
#include "core/kube/local_file.hpp"
#include "core/kube/yaml_json.hpp"

namespace flinktop::tui {

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// A new file only we can read, named so that an editor knows it is YAML.
std::string write_temp_file(const std::string& stem, const std::string& text) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/flinktop-" + stem + "-XXXXXX.yaml";
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) throw Error(ErrorKind::Config, fmt::format("cannot create a file in {}: {}", pattern, std::strerror(errno)));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(pattern.c_str());
      throw Error(ErrorKind::Config, fmt::format("cannot write {}: {}", pattern, std::strerror(saved)));
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return pattern;
}

// When the file was last written (0 when it cannot be asked): whether the editor saved it.
std::int64_t written_at(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::string read_back(const std::string& path) {
  kube::LocalFile file = kube::read_local_file(path);
  if (!file.ok()) {
    throw Error(ErrorKind::Config, fmt::format("cannot read {} back from the editor: {}", path, kube::describe_errno(file.error)));
  }
  return std::move(file.text);
}

// The server's refusals the user can fix in the text: invalid fields, and (creating) a name that
// is taken. Anything else (forbidden, unreachable, changed meanwhile) ends the flow.
bool fixable_in_editor(const Error& e, bool create) {
  return e.kind() == ErrorKind::Invalid || e.kind() == ErrorKind::Decode || e.kind() == ErrorKind::Usage ||
         (create && e.kind() == ErrorKind::Conflict);
}

}  // namespace

struct EditFlow::State {
  enum class Stage { Fetching, Editing, Checking, Asking, Applying, Done };

  std::mutex mutex;
  Stage stage = Stage::Fetching;
  ObjectRequest request;
  std::shared_ptr<kube::ApiClient> client;
  nlohmann::json original;  // Edit: the object as fetched
  std::string title;        // of the editor's header
  std::string opened;       // what the editor opens next
  std::string error;        // why the last attempt was refused ("" at first)
  std::string edited;       // what the user saved last
  actions::EditOutcome outcome;
  actions::ObjectKey target;  // what is sent: the edited object, or the first the text creates
  actions::CreateOutcome created;       // create: what the server made of them
  bool offering_undo = false;           // asking whether to delete what a partly failed create made
  DialogContent dialog;
  Step done;
  std::string kept;

  bool create() const { return request.verb == ObjectRequest::Verb::Create; }

  std::string stem() const {
    return create() ? "new" : request.key.kind + "-" + request.key.name;
  }

  // Under the lock.
  void finish(Severity severity, std::string message) {
    stage = Stage::Done;
    done = Step{Step::Kind::Done, {}, severity, std::move(message)};
  }

  // Under the lock: ends with the user's text kept in a file, said in `message`.
  void finish_keeping(Severity severity, const std::string& message) {
    try {
      kept = write_temp_file(stem(), edited);
      finish(severity, fmt::format("{}; your text is kept in {}", message, kept));
    } catch (const Error& e) {
      finish(severity, fmt::format("{}; your text could not be kept: {}", message, e.what()));
    }
  }
};

EditFlow::EditFlow(ObjectRequest request, std::shared_ptr<kube::ApiClient> client, Hooks hooks)
    : state_(std::make_shared<State>()), hooks_(std::move(hooks)) {
  State& s = *state_;
  s.request = std::move(request);
  s.client = std::move(client);
  if (!s.client) {
    s.finish(Severity::Error, fmt::format("no Kubernetes client for context {}", s.request.key.context));
    return;
  }
  if (s.create()) {
    s.title = actions::create_title(s.request.key.context, s.request.key.namespace_);
    s.opened = actions::editor_text(s.title, s.request.template_yaml);
    s.stage = State::Stage::Editing;
    return;
  }
  workers_.start([state = state_, wake = hooks_.wake](http::CancelToken&) {
    try {
      nlohmann::json object = actions::fetch_object(*state->client, state->request.key);
      std::lock_guard lock(state->mutex);
      state->title = actions::edit_title(state->request.key);
      state->opened = actions::editor_text(state->title, kube::object_yaml(object));
      state->original = std::move(object);
      state->stage = State::Stage::Editing;
    } catch (const std::exception& e) {
      std::lock_guard lock(state->mutex);
      state->finish(Severity::Error, fmt::format("cannot edit {}: {}", actions::describe(state->request.key), e.what()));
    }
    if (wake) wake();
  });
}

EditFlow::~EditFlow() = default;

const std::string& EditFlow::kept_file() const { return state_->kept; }

bool EditFlow::sending() const {
  std::lock_guard lock(state_->mutex);
  return state_->stage == State::Stage::Applying;
}

EditFlow::Step EditFlow::step() {
  State& s = *state_;
  std::unique_lock lock(s.mutex);
  switch (s.stage) {
    case State::Stage::Fetching: case State::Stage::Checking: case State::Stage::Applying: return {};
    case State::Stage::Asking:
      if (s.dialog.title.empty()) return {};  // asked already: waiting for answer()
      return Step{Step::Kind::Ask, std::exchange(s.dialog, {}), Severity::Ok, ""};
    case State::Stage::Done: return s.done;
    case State::Stage::Editing: break;
  }
  // The editor's turn. No worker runs in this stage, so the lock is free to hold: the UI thread
  // waits in the editor anyway.
  std::string path;
  bool saved = false;
  try {
    path = write_temp_file(s.stem(), s.opened);
    const std::int64_t before = written_at(path);
    const std::string editor_failed = hooks_.edit ? hooks_.edit(path) : "no editor";
    saved = written_at(path) != before;
    s.edited = read_back(path);
    std::filesystem::remove(path);
    if (!editor_failed.empty()) {
      if (s.edited != s.opened) {
        s.finish_keeping(Severity::Warn, "nothing sent: " + editor_failed);
      } else {
        s.finish(Severity::Info, "nothing sent: " + editor_failed);
      }
      return s.done;
    }
  } catch (const std::exception& e) {
    if (!path.empty()) std::filesystem::remove(path);
    s.finish(Severity::Error, e.what());
    return s.done;
  }

  try {
    // A create saved as opened (a template's defaults) is meant; after a refusal, the same text
    // again means giving up.
    s.outcome = s.create() ? actions::read_create(s.request.key.namespace_, s.opened, s.edited, saved && s.error.empty())
                           : actions::read_edit(s.request.key, s.original, s.opened, s.edited);
  } catch (const Error& e) {
    s.error = e.what();
    s.opened = actions::editor_text(s.title, s.edited, s.error);
    return {};  // the next step() reopens the editor with the reason on top
  }
  if (s.outcome.unchanged) {
    // After a refusal "unchanged" is measured against the refused text, which is the user's own:
    // keep it, whatever they did to it.
    if (!s.error.empty()) {
      s.finish_keeping(Severity::Warn, "nothing sent (the last attempt was refused: " + first_line(s.error) + ")");
    } else {
      s.finish(Severity::Info, "no change: nothing sent");
    }
    return s.done;
  }
  s.target = s.create() ? actions::key_of(s.request.key.context, s.outcome.object) : s.request.key;
  s.stage = State::Stage::Checking;
  workers_.start([state = state_, wake = hooks_.wake](http::CancelToken&) {
    State& t = *state;
    std::string refused;
    bool fixable = false;
    try {
      if (t.create()) {
        const actions::CreateOutcome checked =
            actions::create_objects(*t.client, t.outcome.objects, t.request.key.namespace_, /*dry_run=*/true, nullptr);
        if (!checked.ok()) throw Error(checked.error_kind, checked.error);
        std::lock_guard lock(t.mutex);
        t.outcome.changes.clear();  // in the order they will be created
        for (const actions::ObjectKey& key : checked.created_keys) {
          t.outcome.changes.push_back(fmt::format("+ {} {}/{}", key.kind, key.namespace_, key.name));
        }
      } else {
        actions::apply_edit(*t.client, t.target, t.outcome.object, /*dry_run=*/true);
      }
    } catch (const Error& e) {
      refused = e.what();
      fixable = fixable_in_editor(e, t.create());
    } catch (const std::exception& e) {
      refused = e.what();
    }
    {
      std::lock_guard lock(t.mutex);
      if (refused.empty()) {
        t.dialog = t.create() && t.outcome.objects.size() > 1
                       ? confirm_create_all(t.request.key.context, t.outcome.changes)
                       : confirm_edit(t.target, t.create(), t.outcome.changes);
        t.stage = State::Stage::Asking;
      } else if (fixable) {
        t.error = refused;
        t.opened = actions::editor_text(t.title, t.edited, t.error);
        t.stage = State::Stage::Editing;
      } else {
        t.finish_keeping(Severity::Error, "refused: " + refused);
      }
    }
    if (wake) wake();
  });
  return {};
}

void EditFlow::answer(bool yes) {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  if (s.stage != State::Stage::Asking) return;
  if (s.offering_undo) return undo(yes);
  if (!yes) {
    s.finish(Severity::Info, "nothing sent");
    return;
  }
  s.stage = State::Stage::Applying;
  if (s.create()) return create();
  workers_.start([state = state_, wake = hooks_.wake, journal = hooks_.journal](http::CancelToken&) {
    State& t = *state;
    std::string message;
    bool failed = false;
    try {
      const nlohmann::json updated = actions::apply_edit(*t.client, t.target, t.outcome.object, /*dry_run=*/false);
      message = fmt::format("updated {} (resourceVersion {})", actions::describe(t.target),
                            updated.value("/metadata/resourceVersion"_json_pointer, std::string("?")));
    } catch (const std::exception& e) {
      message = e.what();
      failed = true;
    }
    std::string summary;
    for (const std::string& change : t.outcome.changes) summary += (summary.empty() ? "" : "; ") + change;
    const std::string unjournaled =
        actions::journal_change(journal.get(), t.target, "edit", !failed, failed ? message : summary);
    if (!unjournaled.empty()) message += "; not journaled: " + unjournaled;
    {
      std::lock_guard lock(t.mutex);
      if (failed) {
        t.finish_keeping(Severity::Error, "not applied: " + message);
      } else {
        t.finish(Severity::Ok, message);
      }
    }
    if (wake) wake();
  });
}

// Under the lock. Every object of the text, in the order a cluster needs them, each journaled; a
// refusal on the way offers to delete what was already made.
void EditFlow::create() {
  workers_.start([state = state_, wake = hooks_.wake, journal = hooks_.journal](http::CancelToken&) {
    State& t = *state;
    actions::CreateOutcome outcome;
    std::string failure;
    try {
      outcome = actions::create_objects(*t.client, t.outcome.objects, t.request.key.namespace_, /*dry_run=*/false, journal.get());
    } catch (const std::exception& e) {
      failure = e.what();
    }
    {
      std::lock_guard lock(t.mutex);
      if (!failure.empty()) {
        t.finish_keeping(Severity::Error, "not created: " + failure);
      } else if (outcome.ok()) {
        std::string names;
        for (const actions::ObjectKey& key : outcome.created_keys) {
          names += (names.empty() ? "" : ", ") + fmt::format("{} {}/{}", key.kind, key.namespace_, key.name);
        }
        std::string message = outcome.created_keys.size() == 1 ? "created " + actions::describe(outcome.created_keys[0])
                                                                : fmt::format("created {} objects: {}", outcome.created_keys.size(), names);
        for (const std::string& warning : outcome.warnings) message += "; not journaled: " + warning;
        t.finish(Severity::Ok, message);
      } else if (!outcome.created_keys.empty()) {
        t.created = outcome;
        t.offering_undo = true;
        t.dialog = confirm_undo_create(outcome);
        t.stage = State::Stage::Asking;
      } else {
        std::string lines;
        for (const std::string& line : actions::describe_failure(outcome)) lines += (lines.empty() ? "" : "; ") + line;
        t.finish_keeping(Severity::Error, "not created: " + lines);
      }
    }
    if (wake) wake();
  });
}

// Under the lock: the answer to "delete what the partly failed create made?".
void EditFlow::undo(bool yes) {
  State& s = *state_;
  s.offering_undo = false;
  std::string lines;
  for (const std::string& line : actions::describe_failure(s.created)) lines += (lines.empty() ? "" : "; ") + line;
  if (!yes) {
    s.finish_keeping(Severity::Error, "partly created: " + lines);
    return;
  }
  s.stage = State::Stage::Applying;
  workers_.start([state = state_, wake = hooks_.wake, journal = hooks_.journal, lines](http::CancelToken&) {
    State& t = *state;
    std::vector<std::string> left;
    // The newest first: what names another goes before it.
    for (auto key = t.created.created_keys.rbegin(); key != t.created.created_keys.rend(); ++key) {
      try {
        actions::delete_object(*t.client, *key, /*dry_run=*/false);
        actions::journal_change(journal.get(), *key, "delete", true, "undoing a partly failed create");
      } catch (const std::exception& e) {
        actions::journal_change(journal.get(), *key, "delete", false, e.what());
        left.push_back(fmt::format("{} {}/{} ({})", key->kind, key->namespace_, key->name, e.what()));
      }
    }
    {
      std::lock_guard lock(t.mutex);
      std::string still;
      for (const std::string& l : left) still += (still.empty() ? "" : ", ") + l;
      const std::string refused = actions::describe_failure(t.created).front();
      t.finish_keeping(Severity::Error, left.empty() ? "not created, and what was made is deleted again: " + refused
                                                     : "not created; still there: " + still + "; " + refused);
    }
    if (wake) wake();
  });
}

}  // namespace flinktop::tui
