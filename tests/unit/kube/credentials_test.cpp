// Credential sources other than exec plugins: static token, token file (re-read on change),
// basic auth, client certificate; and that describe() never shows a secret for any kind.
#include "core/kube/credentials.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "core/error.hpp"
#include "core/kube/exec_plugin.hpp"
#include "core/kube/rest_config.hpp"
#include "core/kube/token_file.hpp"

#include "support/expect_error.hpp"
#include "support/run_command.hpp"

namespace flinktop::kube {
namespace {

using flinktop::test::error_of;
using flinktop::test::TempDir;

namespace fs = std::filesystem;

void set_mtime(const std::string& path, time_t seconds) {
  timespec times[2] = {{seconds, 0}, {seconds, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

// Designated initializers would trip -Wmissing-field-initializers: build users field by field.
AuthInfo user_with(const std::string& name, const std::function<void(AuthInfo&)>& set) {
  AuthInfo user;
  user.name = name;
  set(user);
  return user;
}

TEST(CredentialsTokenFile, ReReadOnlyWhenTheFileChanges) {
  TempDir dir;
  std::string path = dir.write("token", "one\n");
  set_mtime(path, 1'700'000'000);
  AuthInfo user;
  user.name = "robot";
  user.token_file = path;
  auto creds = make_credentials(user, ClusterEntry{});
  EXPECT_EQ(creds->authorization().value(), "Bearer one");

  dir.write("token", "two\n");  // same size; a new mtime is what announces the change
  set_mtime(path, 1'700'000'010);
  EXPECT_EQ(creds->authorization().value(), "Bearer two");

  // Same inode, size and mtime as when "two" was read: the cached token stays (no read per request).
  dir.write("token", "six\n");
  set_mtime(path, 1'700'000'010);
  EXPECT_EQ(creds->authorization().value(), "Bearer two");

  EXPECT_TRUE(creds->invalidate());  // after a 401 the file is read again regardless
  EXPECT_EQ(creds->authorization().value(), "Bearer six");

  dir.write("token", "a longer token\n");  // size change alone is enough
  set_mtime(path, 1'700'000'010);
  EXPECT_EQ(creds->authorization().value(), "Bearer a longer token");
}

TEST(CredentialsTokenFile, MissingFileIsAClearError) {
  AuthInfo user;
  user.name = "robot";
  user.token_file = "/nonexistent/flinktop/token";
  auto creds = make_credentials(user, ClusterEntry{});
  std::string message = error_of([&] { creds->authorization(); }, ErrorKind::Config);
  EXPECT_NE(message.find("token file of user \"robot\""), std::string::npos) << message;
  EXPECT_NE(message.find("/nonexistent/flinktop/token does not exist"), std::string::npos) << message;
}

TEST(CredentialsTokenFile, EmptyFileIsAnError) {
  TempDir dir;
  auto creds = make_token_file(dir.write("token", "\n"), "token file of user \"x\"");
  std::string message = error_of([&] { creds->authorization(); }, ErrorKind::Config);
  EXPECT_NE(message.find("is empty"), std::string::npos) << message;
}

TEST(CredentialsTokenFile, KeepsTheLastGoodTokenWhenTheFileVanishes) {
  TempDir dir;
  std::string path = dir.write("token", "kept");
  auto creds = make_token_file(path, "d");
  EXPECT_EQ(creds->authorization().value(), "Bearer kept");
  fs::remove(path);
  EXPECT_EQ(creds->authorization().value(), "Bearer kept");
}

TEST(CredentialsSelection, EachKindOfUser) {
  AuthInfo token = user_with("t", [](AuthInfo& u) { u.token = "tok"; });
  EXPECT_EQ(make_credentials(token, {})->authorization().value(), "Bearer tok");
  EXPECT_FALSE(make_credentials(token, {})->invalidate());

  AuthInfo basic = user_with("b", [](AuthInfo& u) {
    u.username = "alice";
    u.password = "s3cr3t-password";
  });
  EXPECT_EQ(make_credentials(basic, {})->authorization().value(), "Basic YWxpY2U6czNjcjN0LXBhc3N3b3Jk");

  AuthInfo cert = user_with("c", [](AuthInfo& u) {
    u.client_certificate_data = "CERT";
    u.client_key_data = "KEY";
  });
  auto cert_creds = make_credentials(cert, {});
  EXPECT_FALSE(cert_creds->authorization().has_value());
  EXPECT_FALSE(cert_creds->client_certificate().has_value());  // kubeconfig certificates live in TlsConfig

  AuthInfo nobody = user_with("n", [](AuthInfo&) {});
  EXPECT_FALSE(make_credentials(nobody, {})->authorization().has_value());

  auto fixed = make_static_token("tok2", "service token");
  EXPECT_EQ(fixed->authorization().value(), "Bearer tok2");
  EXPECT_EQ(fixed->describe(), "service token");
}

TEST(CredentialsDescribe, NeverContainsTheSecretForAnyKind) {
  TempDir dir;
  const std::string secret = "s3cr3t-value-42";
  std::string token_path = dir.write("token", secret);

  std::vector<std::pair<AuthInfo, std::string>> users = {
      {user_with("tok-user", [&](AuthInfo& u) { u.token = secret; }), "bearer token of user \"tok-user\""},
      {user_with("file-user", [&](AuthInfo& u) { u.token_file = token_path; }),
       "token file of user \"file-user\""},
      {user_with("basic-user",
                 [&](AuthInfo& u) {
                   u.username = secret + "-name";
                   u.password = secret;
                 }),
       "basic auth of user \"basic-user\""},
      {user_with("cert-user",
                 [&](AuthInfo& u) {
                   u.client_certificate_data = secret;
                   u.client_key_data = secret;
                 }),
       "client certificate of user \"cert-user\""},
  };
  ExecConfig exec;
  exec.api_version = "client.authentication.k8s.io/v1";
  exec.command = std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/exec/credential.sh";
  exec.env = {{"PLUGIN_STATE", dir.path() + "/state"}, {"PLUGIN_TOKEN", secret}};
  users.push_back({user_with("exec-user", [&](AuthInfo& u) { u.exec = exec; }),
                   "exec plugin \"" + exec.command + "\" of user \"exec-user\""});

  set_exec_plugin_stderr_handler([](std::string_view) {});
  for (const auto& [user, expected] : users) {
    ClusterEntry cluster;
    cluster.name = "c";
    cluster.server = "https://c";
    auto creds = make_credentials(user, cluster);
    creds->authorization();  // loaded: a careless describe() would now have the value at hand
    EXPECT_EQ(creds->describe(), expected);
    EXPECT_EQ(creds->describe().find("s3cr3t"), std::string::npos) << creds->describe();
  }
  set_exec_plugin_stderr_handler(nullptr);

  dir.write("ca.crt", "CA");
  dir.write("token", secret);
  setenv("KUBERNETES_SERVICE_HOST", "10.0.0.1", 1);
  setenv("KUBERNETES_SERVICE_PORT", "443", 1);
  auto in_cluster = in_cluster_config(dir.path());
  unsetenv("KUBERNETES_SERVICE_HOST");
  unsetenv("KUBERNETES_SERVICE_PORT");
  ASSERT_TRUE(in_cluster.has_value());
  EXPECT_EQ(in_cluster->credentials->authorization().value(), "Bearer " + secret);
  EXPECT_EQ(in_cluster->credentials->describe().find("s3cr3t"), std::string::npos);
}

}  // namespace
}  // namespace flinktop::kube
