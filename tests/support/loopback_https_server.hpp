// HTTPS on 127.0.0.1 for the TLS tests: demo::LoopbackServer (demo/loopback_server.hpp) with
// an httplib::SSLServer underneath. Kept with the tests because only they need certificates.
#pragma once

#include <filesystem>

#include "demo/loopback_server.hpp"
#include "support/test_certs.hpp"

namespace flinktop::test {

// Serves with the given identity (e.g. test_certs().server). With a client CA file the server
// requires a client certificate signed by it (mTLS); without one it asks for none.
class LoopbackHttpsServer : public demo::LoopbackServer {
 public:
  explicit LoopbackHttpsServer(const CertKey& identity, const std::filesystem::path& client_ca_file = {});
};

}  // namespace flinktop::test
