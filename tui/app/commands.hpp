// The `:` command line: what a typed line means (with k9s-style aliases) and what Tab completes.
// Parsing is separate from running so that the aliases are testable and the App only acts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flinktop::tui {

enum class CommandKind { None, Quit, Clusters, Pods, Jobs, TaskManagers, PortForwards, Logs, Help, Contexts, Namespace, Unknown };

struct Command {
  CommandKind kind = CommandKind::None;
  std::string name;  // as typed: "po", "ns"
  std::string arg;   // the rest of the line: "flink-prod" in ":ns flink-prod"
};

// ":pods", ":po", ":ns flink" → what to do; an empty line is None, a word we do not know Unknown.
Command parse_command(std::string_view line);

// The whole-word completions offered by Tab, in the order a user needs them.
const std::vector<std::string>& command_candidates();

// The one line shown for an unknown command.
std::string unknown_command_message(const std::string& name);

}  // namespace flinktop::tui
