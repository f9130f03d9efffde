#include "support/loopback_https_server.hpp"

#include <memory>
#include <string>

namespace flinktop::test {

namespace {

std::unique_ptr<httplib::Server> make_https(const CertKey& identity, const std::filesystem::path& client_ca) {
  const std::string cert = identity.cert_file.string();
  const std::string key = identity.key_file.string();
  const std::string ca = client_ca.string();
  return std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str(), ca.empty() ? nullptr : ca.c_str());
}

}  // namespace

LoopbackHttpsServer::LoopbackHttpsServer(const CertKey& identity, const std::filesystem::path& client_ca_file)
    : demo::LoopbackServer(make_https(identity, client_ca_file), "https") {}

}  // namespace flinktop::test
