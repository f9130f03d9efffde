// Plain TCP sockets on 127.0.0.1 for tests about ports: one nothing listens on, one held by
// someone else, whether something accepts, a client connection. POSIX only; every fd is closed.
#pragma once

#include <cstdint>

namespace flinktop::test {

// A port nothing listens on now (the system's pick, released): connecting to it is refused.
std::uint16_t unused_loopback_port();

// Whether something accepts connections on 127.0.0.1:port.
bool accepts_connections(std::uint16_t port);

// A connected client socket to 127.0.0.1:port with a receive timeout, or -1. The caller closes it.
int connect_loopback(std::uint16_t port, int receive_timeout_seconds = 30);

// A port someone else listens on for as long as this lives.
class HeldLoopbackPort {
 public:
  HeldLoopbackPort();
  ~HeldLoopbackPort();
  HeldLoopbackPort(const HeldLoopbackPort&) = delete;
  HeldLoopbackPort& operator=(const HeldLoopbackPort&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace flinktop::test
