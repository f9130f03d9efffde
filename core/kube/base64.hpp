// Base64 (RFC 4648, standard alphabet) for kubeconfig *-data fields, basic auth and the cluster
// info handed to exec plugins.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flinktop::kube {

std::string base64_encode(std::string_view bytes);

// Decodes standard base64. Whitespace (line breaks in YAML block scalars) is skipped and missing
// '=' padding is tolerated; any other character, misplaced padding or an impossible length gives
// nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace flinktop::kube
