#include "cli/confirm.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "core/error.hpp"

namespace flinktop::cli {

void confirm_change(const Confirmation& how, const std::string& action, const std::string& change, std::istream& in,
                    std::ostream& err) {
  if (how.yes) return;
  if (!how.interactive) {
    throw Error(ErrorKind::Usage,
                fmt::format("{} asks before it changes anything and there is no terminal to ask on: add --yes", action));
  }
  err << change << "\nGo on? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(in, answer)) answer.clear();
  if (answer == "y" || answer == "Y" || answer == "yes" || answer == "YES" || answer == "Yes") return;
  throw Error(ErrorKind::Usage, fmt::format("{}: not confirmed, nothing changed", action));
}

Confirmation confirmation_for(bool yes) {
  return {yes, isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1};
}

}  // namespace flinktop::cli
