// Kubeconfig loading: source order, merge rules, path resolution, -data decoding, error messages.
#include "core/kube/kubeconfig.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/kube/base64.hpp"

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
std::string normal(const std::string& path) {
  return fs::path(path).lexically_normal().string();
}

Kubeconfig load_env(const std::string& list) {
  KubeconfigSources sources;
  sources.env = list;
  return load_kubeconfig(sources);
}

// Runs f, expects flinktop::Error of `kind`, returns its message.
TEST(KubeconfigMerge, TwoFilesFirstWinsPerKey) {
  Kubeconfig c = load_env(fixture("merge/first.yaml") + ":" + fixture("merge/second.yaml"));
  EXPECT_EQ(c.current_context, "alpha");
  EXPECT_EQ(c.clusters.at("shared").server, "https://first.example:6443");
  EXPECT_EQ(c.clusters.at("only-first").server, "https://only-first.example");
  EXPECT_EQ(c.clusters.at("only-second").server, "https://only-second.example");
  EXPECT_EQ(c.users.at("shared-user").token, "first-token");
  EXPECT_EQ(c.users.at("second-user").username, "bob");
  EXPECT_EQ(c.contexts.at("shared-context").namespace_, "from-first");
  EXPECT_EQ(c.contexts.at("shared-context").cluster, "shared");
  EXPECT_EQ(c.contexts.at("beta").user, "second-user");
  EXPECT_EQ(c.files, (std::vector<std::string>{fixture("merge/first.yaml"), fixture("merge/second.yaml")}));
}

TEST(KubeconfigMerge, ThreeFilesFirstWinsPerKeyAndForCurrentContext) {
  Kubeconfig c = load_env(fixture("merge/no-current.yaml") + ":" + fixture("merge/second.yaml") + ":" +
                          fixture("merge/third.yaml"));
  EXPECT_EQ(c.current_context, "beta");  // no-current.yaml sets none; second.yaml is the first that does
  EXPECT_EQ(c.clusters.at("only-second").server, "https://only-second.example");
  EXPECT_EQ(c.clusters.at("only-third").server, "https://only-third.example");
  EXPECT_EQ(c.clusters.at("quiet").server, "https://quiet.example");
  EXPECT_EQ(c.contexts.at("beta").cluster, "only-second");
  EXPECT_EQ(c.contexts.at("gamma").cluster, "only-third");
  EXPECT_EQ(c.files.size(), 3u);

  Kubeconfig reversed = load_env(fixture("merge/third.yaml") + ":" + fixture("merge/second.yaml"));
  EXPECT_EQ(reversed.current_context, "gamma");
  EXPECT_EQ(reversed.clusters.at("only-second").server, "https://third-overridden.example");
  EXPECT_EQ(reversed.contexts.at("beta").cluster, "only-third");
}

TEST(KubeconfigMerge, MergeNeverOverwritesAnExistingKey) {
  Kubeconfig into, next;
  into.clusters["a"].server = "https://into";
  next.clusters["a"].server = "https://next";
  next.clusters["b"].server = "https://b";
  next.current_context = "next";
  merge_kubeconfig(into, next);
  EXPECT_EQ(into.clusters.at("a").server, "https://into");
  EXPECT_EQ(into.clusters.at("b").server, "https://b");
  EXPECT_EQ(into.current_context, "next");
}

TEST(KubeconfigSources, EnvListSkipsMissingFiles) {
  Kubeconfig c = load_env(fixture("merge/does-not-exist.yaml") + "::" + fixture("merge/first.yaml"));
  EXPECT_EQ(c.files, std::vector<std::string>{fixture("merge/first.yaml")});
  EXPECT_EQ(c.current_context, "alpha");
}

TEST(KubeconfigSources, EnvListWithNoExistingFileIsAnErrorListingThem) {
  std::string a = fixture("nope-a.yaml"), b = fixture("nope-b.yaml");
  std::string message = error_of([&] { load_env(a + ":" + b); });
  EXPECT_NE(message.find("KUBECONFIG"), std::string::npos) << message;
  EXPECT_NE(message.find(a), std::string::npos) << message;
  EXPECT_NE(message.find(b), std::string::npos) << message;
}

TEST(KubeconfigSources, ExplicitFileMustExist) {
  KubeconfigSources sources;
  sources.explicit_path = fixture("missing-explicit.yaml");
  sources.env = fixture("merge/first.yaml");  // never consulted when --kubeconfig is given
  std::string message = error_of([&] { load_kubeconfig(sources); });
  EXPECT_NE(message.find(fixture("missing-explicit.yaml")), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST(KubeconfigSources, ExplicitFileBeatsEnv) {
  KubeconfigSources sources;
  sources.explicit_path = fixture("merge/second.yaml");
  sources.env = fixture("merge/first.yaml");
  Kubeconfig c = load_kubeconfig(sources);
  EXPECT_EQ(c.current_context, "beta");
  EXPECT_EQ(c.files, std::vector<std::string>{fixture("merge/second.yaml")});
}

TEST(KubeconfigSources, HomeKubeConfigIsTheFallback) {
  TempDir home;
  KubeconfigSources sources;
  sources.home = home.path();
  std::string message = error_of([&] { load_kubeconfig(sources); });
  EXPECT_NE(message.find(home.path() + "/.kube/config"), std::string::npos) << message;

  fs::create_directories(home.path() + "/.kube");
  fs::copy_file(fixture("merge/first.yaml"), home.path() + "/.kube/config");
  EXPECT_EQ(load_kubeconfig(sources).current_context, "alpha");
}

TEST(KubeconfigSources, FromEnvironmentTreatsEmptyKubeconfigAsUnset) {
  std::string saved = getenv("KUBECONFIG") ? getenv("KUBECONFIG") : "";
  setenv("KUBECONFIG", "", 1);
  EXPECT_FALSE(kubeconfig_sources_from_environment(std::nullopt).env.has_value());
  setenv("KUBECONFIG", "/a:/b", 1);
  EXPECT_EQ(kubeconfig_sources_from_environment("x").env.value(), "/a:/b");
  EXPECT_EQ(kubeconfig_sources_from_environment("x").explicit_path.value(), "x");
  if (saved.empty())
    unsetenv("KUBECONFIG");
  else
    setenv("KUBECONFIG", saved.c_str(), 1);
}

TEST(KubeconfigPaths, RelativePathsResolveAgainstEachFilesDirectory) {
  Kubeconfig c = load_env(fixture("relative/one/config") + ":" + fixture("relative/two/config"));
  const std::string one = fs::absolute(fixture("relative/one")).lexically_normal().string();
  const std::string two = fs::absolute(fixture("relative/two")).lexically_normal().string();
  EXPECT_EQ(c.clusters.at("one").certificate_authority, one + "/ca.pem");
  EXPECT_EQ(c.clusters.at("two").certificate_authority, two + "/ca.pem");
  EXPECT_EQ(c.users.at("one-cert").client_certificate, one + "/certs/client.pem");
  EXPECT_EQ(c.users.at("one-cert").client_key, one + "/certs/client-key.pem");
  EXPECT_EQ(c.users.at("one-token").token_file, one + "/token");
  const ExecConfig& exec = c.users.at("one-exec").exec.value();
  EXPECT_EQ(exec.command,
            normal(fs::absolute(std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/exec/credential.sh")));
  EXPECT_EQ(exec.origin_dir, one);
  // A bare command name is looked up in PATH, never next to the kubeconfig.
  EXPECT_EQ(c.users.at("one-path-exec").exec.value().command, "gke-gcloud-auth-plugin");
}

TEST(KubeconfigPaths, AbsolutePathsAreKept) {
  Kubeconfig c = parse_kubeconfig(
      "users:\n- name: u\n  user:\n    tokenFile: /abs/token\n    client-key: rel/key\n", "some/dir/config");
  EXPECT_EQ(c.users.at("u").token_file, "/abs/token");
  EXPECT_EQ(c.users.at("u").client_key, normal(fs::absolute("some/dir/rel/key").string()));
}

TEST(KubeconfigParse, DataFieldsAreDecoded) {
  Kubeconfig c = load_env(fixture("auth.yaml"));
  EXPECT_EQ(c.clusters.at("plain").certificate_authority_data,
            "-----BEGIN CERTIFICATE-----\ninline CA\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(c.users.at("cert-data-user").client_certificate_data,
            "-----BEGIN CERTIFICATE-----\ninline client certificate\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(c.users.at("cert-data-user").client_key_data,
            "-----BEGIN PRIVATE KEY-----\ninline client key\n-----END PRIVATE KEY-----\n");
}

TEST(KubeconfigParse, UnknownFieldsAreIgnoredAndKnownOnesRead) {
  Kubeconfig c = load_env(fixture("auth.yaml"));
  EXPECT_EQ(c.current_context, "token");
  EXPECT_TRUE(c.clusters.at("insecure").insecure_skip_tls_verify);
  EXPECT_FALSE(c.clusters.at("plain").insecure_skip_tls_verify);
  EXPECT_EQ(c.clusters.at("named").tls_server_name, "api.internal");
  EXPECT_EQ(c.clusters.at("named").proxy_url, "socks5://proxy.example:1080");
  EXPECT_EQ(c.users.at("gcp-user").auth_provider, "gcp");
  EXPECT_EQ(c.users.at("always-exec").exec.value().interactive_mode, "Always");
  EXPECT_EQ(c.contexts.at("token").namespace_, "flink");
}

TEST(KubeconfigParse, MissingFieldsAreTolerated) {
  Kubeconfig c = parse_kubeconfig(
      "clusters:\n- name: bare\ncontexts:\n- name: c\n  context: {}\nusers:\n- name: u\n", "inline");
  EXPECT_EQ(c.clusters.at("bare").server, "");
  EXPECT_EQ(c.contexts.at("c").cluster, "");
  EXPECT_FALSE(c.users.at("u").exec.has_value());
  EXPECT_TRUE(parse_kubeconfig("", "empty").clusters.empty());
}

TEST(KubeconfigParse, ExecSectionIsRead) {
  Kubeconfig c = parse_kubeconfig(R"(users:
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
      env:
      - {name: AWS_PROFILE, value: prod}
      provideClusterInfo: true
      installHint: install the aws cli
)",
                                  "/k/config");
  const ExecConfig& e = c.users.at("eks").exec.value();
  EXPECT_EQ(e.api_version, "client.authentication.k8s.io/v1beta1");
  EXPECT_EQ(e.command, "aws");
  EXPECT_EQ(e.args, (std::vector<std::string>{"eks", "get-token", "--cluster-name", "prod"}));
  ASSERT_EQ(e.env.size(), 1u);
  EXPECT_EQ(e.env[0], (std::pair<std::string, std::string>{"AWS_PROFILE", "prod"}));
  EXPECT_TRUE(e.provide_cluster_info);
  EXPECT_EQ(e.interactive_mode, "");
  EXPECT_EQ(e.install_hint, "install the aws cli");
  EXPECT_EQ(e.origin_dir, "/k");
}

TEST(KubeconfigErrors, BadBase64NamesFieldEntryAndLine) {
  std::string message = error_of([&] { load_env(fixture("bad-base64.yaml")); });
  EXPECT_NE(message.find(fixture("bad-base64.yaml") + ":10"), std::string::npos) << message;
  EXPECT_NE(message.find("client-certificate-data"), std::string::npos) << message;
  EXPECT_NE(message.find("mallory"), std::string::npos) << message;
  EXPECT_NE(message.find("base64"), std::string::npos) << message;
  EXPECT_EQ(message.find("not-base64"), std::string::npos) << "value leaked: " << message;
}

TEST(KubeconfigErrors, MalformedYamlNamesFileAndLine) {
  std::string message = error_of([&] { load_env(fixture("malformed.yaml")); });
  EXPECT_NE(message.find(fixture("malformed.yaml") + ":7"), std::string::npos) << message;
  EXPECT_NE(message.find("malformed YAML"), std::string::npos) << message;
}

TEST(KubeconfigErrors, WrongShapesNameTheField) {
  std::string message =
      error_of([] { parse_kubeconfig("users:\n- name: u\n  user:\n    token: [a]\n", "f.yaml"); });
  EXPECT_NE(message.find("f.yaml:4"), std::string::npos) << message;
  EXPECT_NE(message.find("users[\"u\"].user.token"), std::string::npos) << message;
  message = error_of([] { parse_kubeconfig("- just\n- a list\n", "list.yaml"); });
  EXPECT_NE(message.find("list.yaml"), std::string::npos) << message;
  message = error_of([] {
    parse_kubeconfig("clusters:\n- name: x\n  cluster: {insecure-skip-tls-verify: maybe}\n", "b.yaml");
  });
  EXPECT_NE(message.find("insecure-skip-tls-verify"), std::string::npos) << message;
}

TEST(KubeconfigErrors, DuplicateNameInOneFile) {
  std::string message = error_of([] {
    parse_kubeconfig(
        "contexts:\n- name: dup\n  context: {cluster: a}\n- name: dup\n  context: {cluster: b}\n", "d.yaml");
  });
  EXPECT_NE(message.find("context \"dup\" is defined twice"), std::string::npos) << message;
}

TEST(KubeconfigBase64, RoundTripsAndRejectsGarbage) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", "alice:s3cr3t", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(base64_decode(base64_encode(s)).value(), s);
  EXPECT_EQ(base64_encode("alice:s3cr3t-password"), "YWxpY2U6czNjcjN0LXBhc3N3b3Jk");
  EXPECT_EQ(base64_decode("YWJj\nZA==\n").value(), "abcd");
  EXPECT_EQ(base64_decode("YWJjZA").value(), "abcd");  // unpadded
  EXPECT_FALSE(base64_decode("YWJj*A==").has_value());
  EXPECT_FALSE(base64_decode("YWJjZ").has_value());     // 1 dangling digit
  EXPECT_FALSE(base64_decode("YW==Jj").has_value());    // data after padding
  EXPECT_FALSE(base64_decode("YWJjZA=").has_value());   // incomplete padding
  EXPECT_FALSE(base64_decode("YWJj====").has_value());  // padding on a complete group
}

}  // namespace
}  // namespace flinktop::kube
