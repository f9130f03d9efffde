// Word wrapping for text shown in a box (dialog bodies, messages): lines of at most `width`
// columns, broken at spaces, a word longer than a line broken inside it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flinktop::tui {

std::vector<std::string> wrap_text(std::string_view text, int width);

}  // namespace flinktop::tui
