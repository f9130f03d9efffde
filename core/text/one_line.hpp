// Text from the outside world (server messages, job names, plugin stderr) made safe for a one-line
// message: control characters and line breaks become spaces, runs of spaces collapse, and the
// result is cut (on a UTF-8 boundary) to at most max_bytes with an ellipsis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flinktop::text {

std::string one_line(std::string_view text, std::size_t max_bytes = 300);

}  // namespace flinktop::text
