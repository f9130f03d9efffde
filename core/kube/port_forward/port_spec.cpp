#include "core/kube/port_forward/port_spec.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/error.hpp"

namespace flinktop::kube {

namespace {

std::uint16_t parse_port(std::string_view text, std::string_view spec) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) {
    throw Error(ErrorKind::Usage,
                fmt::format("port-forward: \"{}\" is not a port spec: REMOTE, LOCAL:REMOTE or :REMOTE, each 1-65535", spec));
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

PortSpec parse_port_spec(std::string_view text) {
  PortSpec spec;
  if (text.empty()) return spec;
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    spec.remote = parse_port(text, text);
  } else {
    if (colon > 0) spec.local = parse_port(text.substr(0, colon), text);
    spec.remote = parse_port(text.substr(colon + 1), text);
  }
  return spec;
}

}  // namespace flinktop::kube
