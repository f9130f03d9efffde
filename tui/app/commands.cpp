#include "tui/app/commands.hpp"

#include <fmt/format.h>

#include <utility>

namespace flinktop::tui {

namespace {

struct Alias {
  const char* name;
  CommandKind kind;
};

// k9s spellings first, then the long forms; "q!" because vim hands are quicker than eyes.
constexpr Alias kAliases[] = {
    {"q", CommandKind::Quit},           {"quit", CommandKind::Quit},         {"q!", CommandKind::Quit},
    {"clusters", CommandKind::Clusters}, {"cluster", CommandKind::Clusters}, {"cl", CommandKind::Clusters},
    {"pods", CommandKind::Pods},         {"pod", CommandKind::Pods},         {"po", CommandKind::Pods},
    {"jobs", CommandKind::Jobs},         {"job", CommandKind::Jobs},         {"j", CommandKind::Jobs},
    {"tm", CommandKind::TaskManagers},   {"taskmanagers", CommandKind::TaskManagers},
    {"pf", CommandKind::PortForwards},   {"port-forwards", CommandKind::PortForwards},
    {"logs", CommandKind::Logs},         {"help", CommandKind::Help},
    {"ctx", CommandKind::Contexts},      {"context", CommandKind::Contexts}, {"contexts", CommandKind::Contexts},
    {"ns", CommandKind::Namespace},      {"namespace", CommandKind::Namespace},
};

}  // namespace

Command parse_command(std::string_view line) {
  const auto first = line.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  line.remove_prefix(first);
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  const auto space = line.find(' ');
  Command command;
  command.name = std::string(line.substr(0, space));
  if (space != std::string_view::npos) {
    std::string_view arg = line.substr(space + 1);
    arg.remove_prefix(std::min(arg.find_first_not_of(' '), arg.size()));
    command.arg = std::string(arg);
  }
  command.kind = CommandKind::Unknown;
  for (const Alias& alias : kAliases) {
    if (command.name == alias.name) command.kind = alias.kind;
  }
  return command;
}

const std::vector<std::string>& command_candidates() {
  static const std::vector<std::string> candidates{"clusters", "pods", "jobs", "tm", "taskmanagers", "pf",
                                                   "port-forwards", "logs", "ctx", "ns", "help", "quit", "q"};
  return candidates;
}

std::string unknown_command_message(const std::string& name) {
  return fmt::format("unknown command \"{}\": try :clusters :pods :jobs :tm :ctx :ns :q", name);
}

}  // namespace flinktop::tui
