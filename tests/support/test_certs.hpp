// Throwaway PKI for TLS tests, generated with the openssl CLI into a temp dir the first time a test
// asks for it (once per test process; the dir is removed at exit). Nothing here is a real secret.
//
//   const auto& pki = flinktop::test::test_certs();
//   LoopbackHttpsServer server(pki.server);                 // valid for 127.0.0.1, ::1, localhost
//   options.tls.ca_pem = pki.ca.cert_pem;                    // trust it
//   LoopbackHttpsServer mtls(pki.server, pki.ca.cert_file);  // also require a client cert from ca
//   options.tls.client_cert_pem = pki.client.cert_pem; options.tls.client_key_pem = pki.client.key_pem;
#pragma once

#include <filesystem>
#include <string>

namespace flinktop::test {

// A certificate and its private key, as PEM text and as files (servers want files).
struct CertKey {
  std::string cert_pem;
  std::string key_pem;
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};

struct TestCerts {
  std::filesystem::path dir;
  CertKey ca;                 // the CA a test trusts
  CertKey other_ca;           // an unrelated CA: trusting it instead of `ca` must fail verification
  CertKey server;             // signed by ca; SANs IP:127.0.0.1, IP:::1, DNS:localhost
  CertKey server_other_name;  // signed by ca; its only name is flink.example.internal (never dialled)
  CertKey client;             // signed by ca; CN=flinktop-test-user, O=system:masters, clientAuth
  CertKey client_other_ca;    // like client but signed by other_ca: an mTLS server must reject it
};

// Generates on first use (thread-safe); throws std::runtime_error with openssl's output on failure.
const TestCerts& test_certs();

}  // namespace flinktop::test
