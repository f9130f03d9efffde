// Choosing a context: which cluster, user, TLS material, proxy and credential source it yields,
// and what the user is told when the kubeconfig does not add up. Also the in-cluster config.
#include "core/kube/rest_config.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"

#include "support/expect_error.hpp"
#include "support/run_command.hpp"

namespace flinktop::kube {
namespace {

using flinktop::test::error_of;
using flinktop::test::TempDir;

namespace fs = std::filesystem;

const std::string kFixtures = std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/kubeconfig";
std::string fixture(const std::string& name) {
  return kFixtures + "/" + name;
}

const std::string kInlineCa = "-----BEGIN CERTIFICATE-----\ninline CA\n-----END CERTIFICATE-----\n";

Kubeconfig load(const std::string& list) {
  KubeconfigSources sources;
  sources.env = list;
  return load_kubeconfig(sources);
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

void set_mtime(const std::string& path, time_t seconds) {
  timespec times[2] = {{seconds, 0}, {seconds, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

// Restores an environment variable when the test ends.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_.c_str(), old_->c_str(), 1);
    else
      unsetenv(name_.c_str());
  }

 private:
  std::string name_;
  std::optional<std::string> old_;
};

TEST(RestConfigContext, UnknownContextListsAvailableContextsAndFiles) {
  Kubeconfig c = load(fixture("merge/no-current.yaml"));
  std::string message = error_of([&] { resolve_context(c, "nope"); });
  EXPECT_CONTAINS(message,
                  "context \"nope\" not found in kubeconfig (" + fixture("merge/no-current.yaml") + ")");
  EXPECT_CONTAINS(message, "available: another, quiet");
}

TEST(RestConfigContext, NoCurrentContextSaysToPassContext) {
  Kubeconfig c = load(fixture("merge/no-current.yaml"));
  std::string message = error_of([&] { resolve_context(c, ""); });
  EXPECT_CONTAINS(message, "no current-context");
  EXPECT_CONTAINS(message, "--context");
  EXPECT_CONTAINS(message, "another, quiet");
  EXPECT_EQ(resolve_context(c, "quiet").server, "https://quiet.example");
}

TEST(RestConfigContext, ExplicitContextBeatsCurrentContext) {
  Kubeconfig c = load(fixture("merge/first.yaml") + ":" + fixture("merge/second.yaml"));
  EXPECT_EQ(resolve_context(c, "").context, "alpha");
  RestConfig rc = resolve_context(c, "beta");
  EXPECT_EQ(rc.context, "beta");
  EXPECT_EQ(rc.cluster_name, "only-second");
  EXPECT_EQ(rc.user_name, "second-user");
}

TEST(RestConfigContext, MissingClusterOrUserIsNamed) {
  Kubeconfig c = load(fixture("auth.yaml"));
  std::string message = error_of([&] { resolve_context(c, "missing-cluster"); });
  EXPECT_CONTAINS(message, "context \"missing-cluster\" names cluster \"nowhere\", which is not defined");
  message = error_of([&] { resolve_context(c, "missing-user"); });
  EXPECT_CONTAINS(message, "context \"missing-user\" names user \"nobody\", which is not defined");
}

TEST(RestConfigContext, ServerWithoutSchemeIsRejected) {
  Kubeconfig c = load(fixture("auth.yaml"));
  std::string message = error_of([&] { resolve_context(c, "no-scheme"); });
  EXPECT_CONTAINS(message, "has no scheme; write it as https://plain.example:6443");
}

TEST(RestConfigCredentials, StaticTokenWithNamespaceAndInlineCa) {
  RestConfig rc = resolve_context(load(fixture("auth.yaml")), "token");
  EXPECT_EQ(rc.server, "https://plain.example:6443");  // trailing slash dropped
  EXPECT_EQ(rc.default_namespace, "flink");
  EXPECT_EQ(rc.http.tls.ca_pem, kInlineCa);
  EXPECT_FALSE(rc.http.tls.insecure_skip_verify);
  EXPECT_TRUE(rc.http.tls.client_cert_pem.empty());
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer s3cr3t-static-token");
  EXPECT_FALSE(rc.credentials->invalidate());
}

TEST(RestConfigCredentials, TokenBeatsTokenFile) {
  RestConfig rc = resolve_context(load(fixture("auth.yaml")), "both-token");
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer s3cr3t-wins");
  EXPECT_EQ(rc.default_namespace, "default");
}

TEST(RestConfigCredentials, TokenFileResolvedRelativeToTheKubeconfig) {
  RestConfig rc = resolve_context(load(fixture("relative/one/config")), "one-token");
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-from-file-one");
}

TEST(RestConfigCredentials, BasicAuthOnInsecureCluster) {
  RestConfig rc = resolve_context(load(fixture("auth.yaml")), "basic");
  EXPECT_TRUE(rc.http.tls.insecure_skip_verify);
  EXPECT_TRUE(rc.http.tls.ca_pem.empty());
  EXPECT_EQ(rc.credentials->authorization().value(), "Basic YWxpY2U6czNjcjN0LXBhc3N3b3Jk");
}

TEST(RestConfigCredentials, ClientCertificateDataServerNameAndProxy) {
  RestConfig rc = resolve_context(load(fixture("auth.yaml")), "cert-data");
  EXPECT_EQ(rc.server, "https://10.0.0.1:443");
  EXPECT_EQ(rc.http.tls.client_cert_pem,
            "-----BEGIN CERTIFICATE-----\ninline client certificate\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(rc.http.tls.client_key_pem,
            "-----BEGIN PRIVATE KEY-----\ninline client key\n-----END PRIVATE KEY-----\n");
  EXPECT_EQ(rc.http.tls.server_name, "api.internal");
  EXPECT_EQ(rc.http.proxy_url, "socks5://proxy.example:1080");
  EXPECT_FALSE(rc.credentials->authorization().has_value());
  EXPECT_EQ(rc.credentials->describe(), "client certificate of user \"cert-data-user\"");
}

TEST(RestConfigCredentials, ClientCertificateAndCaFilesAreReadPerFileDirectory) {
  Kubeconfig c = load(fixture("relative/one/config") + ":" + fixture("relative/two/config"));
  RestConfig one = resolve_context(c, "one");
  EXPECT_EQ(one.http.tls.ca_pem,
            "-----BEGIN CERTIFICATE-----\nfixture CA of file one\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(
      one.http.tls.client_cert_pem,
      "-----BEGIN CERTIFICATE-----\nfixture client certificate of file one\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(one.http.tls.client_key_pem,
            "-----BEGIN PRIVATE KEY-----\nfixture client key of file one\n-----END PRIVATE KEY-----\n");
  EXPECT_FALSE(one.credentials->authorization().has_value());
  RestConfig two = resolve_context(c, "two");
  EXPECT_EQ(two.http.tls.ca_pem,
            "-----BEGIN CERTIFICATE-----\nfixture CA of file two\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(two.user_name, "");
  EXPECT_FALSE(two.credentials->authorization().has_value());
}

TEST(RestConfigCredentials, UnreadableCertificateFileNamesPathAndField) {
  std::string message = error_of([] { resolve_context(load(fixture("auth.yaml")), "missing-cert-file"); });
  EXPECT_CONTAINS(message,
                  "client-certificate /nonexistent/client.pem of user \"missing-cert-file\" does not exist");
}

TEST(RestConfigCredentials, CertificateWithoutKeyIsRejected) {
  std::string message = error_of([] { resolve_context(load(fixture("auth.yaml")), "cert-no-key"); });
  EXPECT_CONTAINS(message, "user \"cert-only-no-key\" has a client certificate but no client key");
}

TEST(RestConfigCredentials, InsecureWithCaIsRejected) {
  std::string message = error_of([] { resolve_context(load(fixture("auth.yaml")), "insecure-with-ca"); });
  EXPECT_CONTAINS(message, "insecure-skip-tls-verify");
}

TEST(RestConfigCredentials, AuthProviderIsUnsupportedWithAHint) {
  std::string message =
      error_of([] { resolve_context(load(fixture("auth.yaml")), "gcp"); }, ErrorKind::Unsupported);
  EXPECT_CONTAINS(message, "auth-provider gcp");
  EXPECT_CONTAINS(message, "is not supported; use an exec plugin (kubelogin / gke-gcloud-auth-plugin)");
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
}

TEST(RestConfigCredentials, TokenAndBasicTogetherAreRejectedWithoutValues) {
  std::string message = error_of([] { resolve_context(load(fixture("auth.yaml")), "token-and-basic"); });
  EXPECT_CONTAINS(message, "more than one authentication method");
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
}

TEST(RestConfigCredentials, InteractiveAlwaysExecIsRejectedUpFront) {
  std::string message =
      error_of([] { resolve_context(load(fixture("auth.yaml")), "always-exec"); }, ErrorKind::Unsupported);
  EXPECT_CONTAINS(message, "terminal");
}

TEST(RestConfigCredentials, NoUserMeansNoAuthorization) {
  RestConfig rc = resolve_context(load(fixture("auth.yaml")), "anonymous");
  ASSERT_TRUE(rc.credentials);
  EXPECT_FALSE(rc.credentials->authorization().has_value());
}

TEST(InClusterConfig, BuildsFromServiceAccountDirectory) {
  TempDir sa;
  sa.write("token", "sa-token-one\n");
  sa.write("ca.crt", kInlineCa);
  sa.write("namespace", "flink-jobs\n");
  ScopedEnv host("KUBERNETES_SERVICE_HOST", "10.96.0.1"), port("KUBERNETES_SERVICE_PORT", "443"),
      pod_ns("POD_NAMESPACE", nullptr);
  std::optional<RestConfig> rc = in_cluster_config(sa.path());
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(rc->context, "in-cluster");
  EXPECT_EQ(rc->server, "https://10.96.0.1:443");
  EXPECT_EQ(rc->default_namespace, "flink-jobs");
  EXPECT_EQ(rc->http.tls.ca_pem, kInlineCa);
  EXPECT_EQ(rc->credentials->authorization().value(), "Bearer sa-token-one");
  EXPECT_EQ(rc->credentials->describe().find("sa-token"), std::string::npos);
}

TEST(InClusterConfig, TokenIsReReadWhenItChanges) {
  TempDir sa;
  std::string token = sa.write("token", "sa-token-one");
  set_mtime(token, 1'700'000'000);
  ScopedEnv host("KUBERNETES_SERVICE_HOST", "10.96.0.1"), port("KUBERNETES_SERVICE_PORT", "443");
  std::optional<RestConfig> rc = in_cluster_config(sa.path());
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(rc->credentials->authorization().value(), "Bearer sa-token-one");
  sa.write("token", "sa-token-two");  // same size: only the mtime tells
  set_mtime(token, 1'700'000'060);
  EXPECT_EQ(rc->credentials->authorization().value(), "Bearer sa-token-two");
}

TEST(InClusterConfig, Ipv6HostIsBracketedAndPodNamespaceWins) {
  TempDir sa;
  sa.write("token", "t");
  sa.write("namespace", "from-file");
  ScopedEnv host("KUBERNETES_SERVICE_HOST", "fd00:10:96::1"), port("KUBERNETES_SERVICE_PORT", "6443"),
      pod_ns("POD_NAMESPACE", "from-env");
  std::optional<RestConfig> rc = in_cluster_config(sa.path());
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(rc->server, "https://[fd00:10:96::1]:6443");
  EXPECT_EQ(rc->default_namespace, "from-env");
  EXPECT_TRUE(rc->http.tls.ca_pem.empty());  // no ca.crt: the system trust store, as client-go
}

TEST(InClusterConfig, NotInAPodWithoutEnvOrToken) {
  TempDir sa;
  {
    ScopedEnv host("KUBERNETES_SERVICE_HOST", "10.96.0.1"), port("KUBERNETES_SERVICE_PORT", "443");
    EXPECT_FALSE(in_cluster_config(sa.path()).has_value());  // no token file
  }
  sa.write("token", "t");
  {
    ScopedEnv host("KUBERNETES_SERVICE_HOST", nullptr), port("KUBERNETES_SERVICE_PORT", "443");
    EXPECT_FALSE(in_cluster_config(sa.path()).has_value());
  }
  {
    ScopedEnv host("KUBERNETES_SERVICE_HOST", "10.96.0.1"), port("KUBERNETES_SERVICE_PORT", "");
    EXPECT_FALSE(in_cluster_config(sa.path()).has_value());
  }
  {
    ScopedEnv host("KUBERNETES_SERVICE_HOST", "10.96.0.1"), port("KUBERNETES_SERVICE_PORT", "443"),
        pod_ns("POD_NAMESPACE", nullptr);
    std::optional<RestConfig> rc = in_cluster_config(sa.path());
    ASSERT_TRUE(rc.has_value());
    EXPECT_EQ(rc->default_namespace, "default");
  }
}

}  // namespace
}  // namespace flinktop::kube
