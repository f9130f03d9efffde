// Case folding for protocol words (URL schemes, host names, header names, Kubernetes kinds):
// ASCII letters only, so no locale changes what a name means.
#pragma once

#include <string>
#include <string_view>

namespace flinktop::text {

std::string ascii_lower(std::string_view text);

}  // namespace flinktop::text
