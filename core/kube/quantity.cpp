#include "core/kube/quantity.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace flinktop::kube {

std::optional<double> parse_quantity(std::string_view text) {
  // The suffixes of k8s.io/apimachinery/pkg/api/resource: binary, decimal SI, or an exponent.
  static constexpr std::pair<std::string_view, double> kSuffixes[] = {
      {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
      {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
      {"n", 1e-9}, {"u", 1e-6}, {"m", 1e-3}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}};
  if (text.empty()) return std::nullopt;
  double scale = 1;
  for (const auto& [suffix, factor] : kSuffixes) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      text.remove_suffix(suffix.size());
      scale = factor;
      break;
    }
  }
  // What is left is a decimal number, perhaps with an exponent ("129e6"): from_chars reads it
  // whole or not at all. A leading '+' is allowed by Kubernetes, not by from_chars.
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value * scale;
}

}  // namespace flinktop::kube
