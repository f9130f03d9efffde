#include "tui/app/key_map.hpp"

#include <fmt/format.h>

namespace flinktop::tui {

KeyMap KeyMap::defaults() {
  KeyMap map;
  auto add = [&](Key key, Action action, const char* name, const char* description, const char* section,
                 bool mutation = false) {
    map.bindings_.push_back({key, action, name, description, section, mutation});
  };
  using K = Key::Kind;
  add(Key::character('?'), Action::Help, "help", "Help for this view", "General");
  add(Key::character(':'), Action::Command, "command", "Command (:clusters :pods :jobs :tm :ctx :ns :q)", "General");
  add(Key::character('/'), Action::Filter, "filter", "Filter rows (regex, ! inverts)", "General");
  add(Key::character('q'), Action::Quit, "quit", "Quit", "General");
  add(Key::ctrl('c'), Action::Quit, "quit", "Quit", "General");
  add(Key::ctrl('r'), Action::Refresh, "refresh", "Refresh now", "General");
  add(Key::named(K::Escape), Action::Back, "back", "Back / clear filter", "Navigation");
  add(Key::named(K::Enter), Action::Enter, "enter", "Open", "Navigation");
  add(Key::character('j'), Action::Down, "down", "Down", "Navigation");
  add(Key::named(K::Down), Action::Down, "down", "Down", "Navigation");
  add(Key::character('k'), Action::Up, "up", "Up", "Navigation");
  add(Key::named(K::Up), Action::Up, "up", "Up", "Navigation");
  add(Key::character('g'), Action::Top, "top", "First row", "Navigation");
  add(Key::named(K::Home), Action::Top, "top", "First row", "Navigation");
  add(Key::character('G'), Action::Bottom, "bottom", "Last row", "Navigation");
  add(Key::named(K::End), Action::Bottom, "bottom", "Last row", "Navigation");
  add(Key::named(K::PageUp), Action::PageUp, "page-up", "Page up", "Navigation");
  add(Key::ctrl('b'), Action::PageUp, "page-up", "Page up", "Navigation");
  add(Key::named(K::PageDown), Action::PageDown, "page-down", "Page down", "Navigation");
  add(Key::ctrl('f'), Action::PageDown, "page-down", "Page down", "Navigation");
  add(Key::character('>'), Action::SortNext, "sort-next", "Sort by the next column", "Navigation");
  add(Key::character('<'), Action::SortReverse, "sort-reverse", "Reverse the sort order", "Navigation");
  add(Key::character('p'), Action::Pods, "pods", "Pods of the selected cluster", "Navigation");
  add(Key::character('t'), Action::TaskManagers, "taskmanagers", "TaskManagers of the selected cluster", "Navigation");
  add(Key::character('d'), Action::Describe, "describe", "Describe", "Navigation");
  add(Key::character('y'), Action::Yaml, "yaml", "YAML of the resource", "Navigation");
  add(Key::character('l'), Action::Logs, "logs", "Logs", "Navigation");
  add(Key::character('Y'), Action::Copy, "copy", "Copy the id, path or trace in view (OSC 52)", "General");
  add(Key::character('c'), Action::Cancel, "cancel", "Cancel the job", "Actions", true);
  add(Key::character('s'), Action::Savepoint, "savepoint", "Trigger a savepoint", "Actions", true);
  add(Key::character('S'), Action::StopWithSavepoint, "stop", "Stop with savepoint", "Actions", true);
  add(Key::character('u'), Action::SuspendResume, "suspend", "Suspend / resume (operator)", "Actions", true);
  add(Key::character('P'), Action::Rescale, "scale", "Rescale: set the job's parallelism", "Actions", true);
  add(Key::character('R'), Action::Restart, "restart", "Restart the job (operator)", "Actions", true);
  add(Key::character('r'), Action::Restore, "restore", "Restore from the selected savepoint", "Actions", true);
  add(Key::character('F'), Action::PortForward, "port-forward", "Port-forward the Web UI", "Actions");
  add(Key::character('n'), Action::New, "new", "New cluster or job", "Actions", true);
  add(Key::character('e'), Action::Edit, "edit", "Edit the resource ($EDITOR)", "Actions", true);
  add(Key::ctrl('d'), Action::Delete, "delete", "Delete", "Actions", true);
  return map;
}

std::optional<Action> KeyMap::lookup(const Key& key, bool readonly) const {
  for (const KeyBinding& b : bindings_) {
    if (b.key == key && !(readonly && b.mutation)) return b.action;
  }
  return std::nullopt;
}

const KeyBinding* KeyMap::binding(Action action) const {
  for (const KeyBinding& b : bindings_) {
    if (b.action == action) return &b;
  }
  return nullptr;
}

std::string KeyMap::rebind(std::string_view name, std::string_view key_text) {
  auto key = parse_key(key_text);
  if (!key) return fmt::format("unknown key \"{}\" for action \"{}\"", key_text, name);
  bool found = false;
  for (KeyBinding& b : bindings_) {
    if (b.name != name) continue;
    if (!found) {
      b.key = *key;
      found = true;
    }
  }
  if (!found) return fmt::format("unknown action \"{}\"", name);
  // An action bound to several keys keeps only the new one.
  std::erase_if(bindings_, [&, first = true](const KeyBinding& b) mutable {
    if (b.name != name) return false;
    if (first) return first = false;
    return true;
  });
  return "";
}

}  // namespace flinktop::tui
