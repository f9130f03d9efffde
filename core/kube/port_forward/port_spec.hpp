// The ports of a forward as a user types them, kubectl's way: REMOTE, LOCAL:REMOTE or :REMOTE
// (`flinktop port-forward TARGET 9000:8081`, the F dialog's field).
#pragma once

#include <cstdint>
#include <string_view>

namespace flinktop::kube {

struct PortSpec {
  std::uint16_t local = 0;   // 0: the remote port if free, else the next free one
  std::uint16_t remote = 0;  // 0: the target's default (a cluster's REST port)
};

// "8081" → {0, 8081}; "9000:8081" → {9000, 8081}; ":8081" → {0, 8081}; "" → {0, 0}. Throws
// Error(Usage) quoting `text` for anything else.
PortSpec parse_port_spec(std::string_view text);

}  // namespace flinktop::kube
