// TLS from TlsConfig against loopback HTTPS servers: trusted CA, wrong CA, name mismatch and the
// tls-server-name override, insecure-skip-verify, and mutual TLS.
#include <gtest/gtest.h>

#include "core/http/session.hpp"
#include "http_test_util.hpp"
#include "support/loopback_https_server.hpp"
#include "support/test_certs.hpp"

namespace flinktop::http {
namespace {

using test::LoopbackHttpsServer;
using test::test_certs;
using test_util::catch_error;
using test_util::get_request;

void route_ok(demo::LoopbackServer& server) {
  server.routes().Get("/ok", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("ok host=" + req.get_header_value("Host"), "text/plain");
  });
  server.start();
}

Response get_ok(const TlsConfig& tls, const std::string& base) {
  SessionOptions options;
  options.tls = tls;
  Session session(options);
  return session.send(get_request(base + "/ok"));
}

TlsConfig trusting(const std::string& ca_pem) {
  TlsConfig tls;
  tls.ca_pem = ca_pem;
  return tls;
}

TlsConfig with_client(TlsConfig tls, const std::string& cert_pem, const std::string& key_pem) {
  tls.client_cert_pem = cert_pem;
  tls.client_key_pem = key_pem;
  return tls;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TlsSession, TrustedCaSucceeds) {
  LoopbackHttpsServer server(test_certs().server);
  route_ok(server);
  const Response response = get_ok(trusting(test_certs().ca.cert_pem), server.url());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok host=127.0.0.1:" + std::to_string(server.port()));
}

TEST(TlsSession, UntrustedCaIsATlsErrorAboutTheCertificateAuthority) {
  LoopbackHttpsServer server(test_certs().server);
  route_ok(server);
  const auto error = catch_error([&] { get_ok(trusting(test_certs().other_ca.cert_pem), server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
  EXPECT_TRUE(contains(error->what(), "not signed by the trusted CA")) << error->what();
  EXPECT_TRUE(contains(error->what(), "certificate-authority")) << error->what();
  EXPECT_TRUE(contains(error->what(), server.url())) << error->what();
}

TEST(TlsSession, SystemTrustStoreDoesNotKnowTheTestCa) {
  LoopbackHttpsServer server(test_certs().server);
  route_ok(server);
  const auto error = catch_error([&] { get_ok(TlsConfig{}, server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
}

TEST(TlsSession, NameMismatchIsATlsErrorNamingTheName) {
  LoopbackHttpsServer server(test_certs().server_other_name);
  route_ok(server);
  const auto error = catch_error([&] { get_ok(trusting(test_certs().ca.cert_pem), server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
  EXPECT_TRUE(contains(error->what(), "not valid for 127.0.0.1")) << error->what();
  EXPECT_TRUE(contains(error->what(), "tls-server-name")) << error->what();
}

TEST(TlsSession, ServerNameOverrideVerifiesAgainstThatNameAndKeepsTheHost) {
  LoopbackHttpsServer server(test_certs().server_other_name);
  route_ok(server);
  TlsConfig tls = trusting(test_certs().ca.cert_pem);
  tls.server_name = "flink.example.internal";
  const Response response = get_ok(tls, server.url());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok host=127.0.0.1:" + std::to_string(server.port()));

  tls.server_name = "other.example.internal";
  const auto error = catch_error([&] { get_ok(tls, server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
  EXPECT_TRUE(contains(error->what(), "not valid for other.example.internal")) << error->what();
}

TEST(TlsSession, InsecureSkipVerifyAcceptsAnyCertificate) {
  LoopbackHttpsServer server(test_certs().server_other_name);
  route_ok(server);
  TlsConfig tls = trusting(test_certs().other_ca.cert_pem);
  tls.insecure_skip_verify = true;
  const Response response = get_ok(tls, server.url());
  EXPECT_EQ(response.status, 200);
}

TEST(TlsSession, MutualTlsWithAClientCertificateSucceeds) {
  LoopbackHttpsServer server(test_certs().server, test_certs().ca.cert_file);
  route_ok(server);
  const TlsConfig tls = with_client(trusting(test_certs().ca.cert_pem), test_certs().client.cert_pem,
                                    test_certs().client.key_pem);
  SessionOptions options;
  options.tls = tls;
  Session session(options);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(session.send(get_request(server.url() + "/ok")).status, 200);
}

TEST(TlsSession, MutualTlsWithoutAClientCertificateIsATlsError) {
  LoopbackHttpsServer server(test_certs().server, test_certs().ca.cert_file);
  route_ok(server);
  const auto error = catch_error([&] { get_ok(trusting(test_certs().ca.cert_pem), server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
  EXPECT_TRUE(contains(error->what(), "client certificate")) << error->what();
}

TEST(TlsSession, MutualTlsWithAClientCertificateFromAnotherCaIsATlsError) {
  LoopbackHttpsServer server(test_certs().server, test_certs().ca.cert_file);
  route_ok(server);
  const TlsConfig tls = with_client(trusting(test_certs().ca.cert_pem), test_certs().client_other_ca.cert_pem,
                                    test_certs().client_other_ca.key_pem);
  const auto error = catch_error([&] { get_ok(tls, server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
  EXPECT_TRUE(contains(error->what(), "rejected the client certificate")) << error->what();
}

TEST(TlsSession, UnusableClientKeyIsATlsError) {
  LoopbackHttpsServer server(test_certs().server, test_certs().ca.cert_file);
  route_ok(server);
  const TlsConfig tls = with_client(trusting(test_certs().ca.cert_pem), test_certs().client.cert_pem,
                                    "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
  const auto error = catch_error([&] { get_ok(tls, server.url()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Tls) << error->what();
  EXPECT_TRUE(contains(error->what(), "client")) << error->what();
}

}  // namespace
}  // namespace flinktop::http
