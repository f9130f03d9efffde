// Every key the UI answers to, in one table: the event loop dispatches through it and the help
// view is generated from it, so help can never be out of date. Users may rebind actions by name
// (config.yaml `keys: {savepoint: "ctrl-s"}`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tui/screen/key.hpp"

namespace flinktop::tui {

enum class Action {
  Quit, Help, Command, Filter, Back, Enter, Up, Down, Top, Bottom, PageUp, PageDown,
  SortNext, SortReverse, Refresh,
  Cancel, Savepoint, StopWithSavepoint, SuspendResume, Rescale, Restart, Restore, Logs, PortForward, New, Edit, Delete,
  Describe, Yaml, Pods, Jobs, TaskManagers, Copy,
};

struct KeyBinding {
  Key key;
  Action action;
  std::string name;         // stable name for config overrides: "savepoint"
  std::string description;  // for help and key hints
  std::string section;      // "General", "Navigation", "Actions"
  bool mutation = false;    // hidden and refused with --readonly
};

class KeyMap {
 public:
  static KeyMap defaults();

  // The action bound to `key` (and allowed in `readonly`), if any.
  std::optional<Action> lookup(const Key& key, bool readonly) const;
  const std::vector<KeyBinding>& bindings() const { return bindings_; }
  const KeyBinding* binding(Action action) const;

  // Rebinds the action named `name` to the key written `key`; returns an error message or "".
  std::string rebind(std::string_view name, std::string_view key);

 private:
  std::vector<KeyBinding> bindings_;
};

}  // namespace flinktop::tui
