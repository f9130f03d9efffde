// Kubernetes resource quantities ("250m", "1.5", "128974848", "129e6", "123Mi", "2Gi", "500n") as
// numbers in their base unit: cores for CPU, bytes for memory.
#pragma once

#include <optional>
#include <string_view>

namespace flinktop::kube {

// nullopt for text that is not a quantity.
std::optional<double> parse_quantity(std::string_view text);

}  // namespace flinktop::kube
