// The CLI's confirmation of a lifecycle change (scale, restore, restart, delete): the exact change
// is printed and the user answers on the terminal, default No; without a terminal the command needs
// --yes, so a script states its intent and never hangs on a question.
#pragma once

#include <istream>
#include <ostream>
#include <string>

namespace flinktop::cli {

struct Confirmation {
  bool yes = false;          // --yes: no question
  bool interactive = false;  // stdin and stderr are a terminal
};

// Returns when confirmed; otherwise Error(Usage) saying that nothing changed. `action` is the verb
// (scale), `change` the whole change in a line or a few (what, on which object, how).
void confirm_change(const Confirmation& how, const std::string& action, const std::string& change, std::istream& in,
                    std::ostream& err);

// For the process: --yes, and whether stdin and stderr are terminals.
Confirmation confirmation_for(bool yes);

}  // namespace flinktop::cli
