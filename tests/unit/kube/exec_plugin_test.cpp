// Exec credential plugins (v1 and v1beta1) run for real: bash scripts in tests/fixtures/exec/
// count their runs in a file named by an env var that the kubeconfig passes.
#include "core/kube/exec_plugin.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.hpp"
#include "core/kube/base64.hpp"
#include "core/kube/rest_config.hpp"

#include "support/expect_error.hpp"
#include "support/run_command.hpp"

namespace flinktop::kube {
namespace {

using flinktop::test::error_of;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kExecDir = std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/exec";
const std::string kV1 = "client.authentication.k8s.io/v1";
const std::string kV1beta1 = "client.authentication.k8s.io/v1beta1";

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Collects plugin stderr for the test's lifetime; restores the default handler afterwards.
class CapturedStderr {
 public:
  CapturedStderr() {
    set_exec_plugin_stderr_handler([this](std::string_view line) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    });
  }
  ~CapturedStderr() { set_exec_plugin_stderr_handler(nullptr); }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// A temp dir holding a kubeconfig whose single user runs `command` with the given env.
class PluginFixture {
 public:
  PluginFixture() {
    std::string pattern = (fs::temp_directory_path() / "flinktop-exec-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  ~PluginFixture() { fs::remove_all(dir_); }

  std::string state() const { return dir_ + "/state"; }
  int runs() const {
    std::string n = slurp(state() + ".count");
    return n.empty() ? 0 : std::stoi(n);
  }

  // Writes the kubeconfig and resolves its only context, as flinktop does at start-up.
  RestConfig resolve(const std::string& exec_yaml) {
    std::string path = dir_ + "/config";
    std::ofstream(path) << "apiVersion: v1\nkind: Config\ncurrent-context: ctx\n"
                           "clusters:\n- name: prod\n  cluster:\n    server: https://prod.example:6443\n"
                           "    tls-server-name: api.prod.internal\n"
                           "    certificate-authority-data: " +
                               base64_encode("PROD-CA-PEM") +
                               "\n"
                               "users:\n- name: eks-admin\n  user:\n    exec:\n" +
                               exec_yaml +
                               "contexts:\n- name: ctx\n  context: {cluster: prod, user: eks-admin}\n";
    KubeconfigSources sources;
    sources.explicit_path = path;
    config_ = load_kubeconfig(sources);
    return resolve_context(config_, "");
  }

  // The exec section with our script and the env that points it at this fixture's state.
  std::string exec_yaml(const std::string& api, const std::string& extra_env = "",
                        const std::string& extra = "", const std::string& script = "credential.sh") const {
    return "      apiVersion: " + api + "\n      command: " + kExecDir + "/" + script +
           "\n      env:\n      - {name: PLUGIN_STATE, value: " + state() + "}\n" + extra_env + extra;
  }

  const Kubeconfig& config() const { return config_; }

 private:
  std::string dir_;
  Kubeconfig config_;
};

std::chrono::system_clock::time_point at(const char* rfc3339) {
  return parse_rfc3339(rfc3339).value();
}

TEST(ExecPlugin, V1TokenIsCachedWithoutExpiryUntilInvalidate) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1, "", "      interactiveMode: IfAvailable\n"));
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-1");
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-1");
  EXPECT_EQ(f.runs(), 1);
  EXPECT_TRUE(rc.credentials->invalidate());
  EXPECT_EQ(f.runs(), 1);  // invalidate() only forgets; the next use runs the plugin
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-2");
  EXPECT_EQ(f.runs(), 2);
}

TEST(ExecPlugin, V1beta1WithoutInteractiveMode) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1beta1, "      - {name: PLUGIN_TOKEN, value: beta}\n"));
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer beta-1");
  auto info = nlohmann::json::parse(slurp(f.state() + ".info"));
  EXPECT_EQ(info["apiVersion"], kV1beta1);
  EXPECT_EQ(info["kind"], "ExecCredential");
}

TEST(ExecPlugin, V1WithoutInteractiveModeIsTreatedAsIfAvailable) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1));
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-1");
}

TEST(ExecPlugin, CachedUntilExpirationTimestampThenRunAgain) {
  CapturedStderr err;
  PluginFixture f;
  f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_EXPIRY, value: '2030-01-01T00:00:00Z'}\n"));
  auto clock = at("2029-12-31T23:00:00Z");
  ExecPluginOptions options;
  options.expiry_margin = 0s;
  options.now = [&] { return clock; };
  ExecPluginCredentials creds("eks-admin", *f.config().users.at("eks-admin").exec,
                              f.config().clusters.at("prod"), options);
  EXPECT_EQ(creds.authorization().value(), "Bearer token-1");
  clock = at("2029-12-31T23:59:59Z");
  EXPECT_EQ(creds.authorization().value(), "Bearer token-1");
  EXPECT_EQ(f.runs(), 1);
  clock = at("2030-01-01T00:00:01Z");
  EXPECT_EQ(creds.authorization().value(), "Bearer token-2");
  EXPECT_EQ(f.runs(), 2);
}

TEST(ExecPlugin, RefreshesAMarginBeforeExpiry) {
  CapturedStderr err;
  PluginFixture f;
  f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_EXPIRY, value: '2030-01-01T01:00:00+01:00'}\n"));
  auto clock = at("2029-12-31T23:00:00Z");
  ExecPluginOptions options;
  options.expiry_margin = 10s;
  options.now = [&] { return clock; };
  ExecPluginCredentials creds("eks-admin", *f.config().users.at("eks-admin").exec,
                              f.config().clusters.at("prod"), options);
  EXPECT_EQ(creds.authorization().value(), "Bearer token-1");
  clock = at("2029-12-31T23:59:49Z");
  EXPECT_EQ(creds.authorization().value(), "Bearer token-1");
  clock = at("2029-12-31T23:59:51Z");
  EXPECT_EQ(creds.authorization().value(), "Bearer token-2");
}

TEST(ExecPlugin, RealClockFarFutureCachedPastExpiryRerun) {
  CapturedStderr err;
  PluginFixture future;
  RestConfig rc =
      future.resolve(future.exec_yaml(kV1, "      - {name: PLUGIN_EXPIRY, value: '2999-01-01T00:00:00Z'}\n"));
  rc.credentials->authorization();
  rc.credentials->authorization();
  EXPECT_EQ(future.runs(), 1);

  PluginFixture past;
  rc = past.resolve(past.exec_yaml(kV1, "      - {name: PLUGIN_EXPIRY, value: '2001-01-01T00:00:00.5Z'}\n"));
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-1");  // used for the call that asked
  EXPECT_EQ(rc.credentials->authorization().value(), "Bearer token-2");
  EXPECT_EQ(past.runs(), 2);
}

TEST(ExecPlugin, ReceivesArgsEnvAndExecInfoWithClusterInfo) {
  CapturedStderr err;
  PluginFixture f;
  setenv("FLINKTOP_TEST_INHERITED", "from-parent", 1);
  RestConfig rc = f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_GREETING, value: hello there}\n",
                                        "      args: [--cluster, prod, 'two words']\n"
                                        "      provideClusterInfo: true\n      interactiveMode: Never\n"));
  rc.credentials->authorization();
  unsetenv("FLINKTOP_TEST_INHERITED");
  EXPECT_EQ(slurp(f.state() + ".env"), "hello there");
  EXPECT_EQ(slurp(f.state() + ".args"), "--cluster\nprod\ntwo words\n");
  auto info = nlohmann::json::parse(slurp(f.state() + ".info"));
  EXPECT_EQ(info["apiVersion"], kV1);
  EXPECT_EQ(info["kind"], "ExecCredential");
  EXPECT_EQ(info["spec"]["interactive"], false);
  EXPECT_EQ(info["spec"]["cluster"]["server"], "https://prod.example:6443");
  EXPECT_EQ(info["spec"]["cluster"]["tls-server-name"], "api.prod.internal");
  EXPECT_EQ(info["spec"]["cluster"]["certificate-authority-data"], base64_encode("PROD-CA-PEM"));
  EXPECT_FALSE(info["spec"]["cluster"].contains("insecure-skip-tls-verify"));  // omitted when false
}

TEST(ExecPlugin, InheritsOurEnvironmentAndOmitsClusterInfoUnlessAsked) {
  CapturedStderr err;
  PluginFixture f;
  setenv("PLUGIN_GREETING", "inherited", 1);
  RestConfig rc = f.resolve(f.exec_yaml(kV1));
  rc.credentials->authorization();
  unsetenv("PLUGIN_GREETING");
  EXPECT_EQ(slurp(f.state() + ".env"), "inherited");
  auto info = nlohmann::json::parse(slurp(f.state() + ".info"));
  EXPECT_FALSE(info["spec"].contains("cluster"));
}

TEST(ExecPlugin, StderrGoesToTheHandlerLineByLine) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1));
  rc.credentials->authorization();
  EXPECT_EQ(err.lines(), (std::vector<std::string>{"credential.sh: run 1", "credential.sh: second line"}));
}

TEST(ExecPlugin, FailureNamesExitCodeAndStderrButNeverTheToken) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_EXIT, value: '7'}\n", "", "failing.sh"));
  std::string message = error_of([&] { rc.credentials->authorization(); }, ErrorKind::Unauthorized);
  EXPECT_CONTAINS(message, "exec plugin \"" + kExecDir +
                               "/failing.sh\" for user \"eks-admin\" failed with exit code 7: "
                               "failing.sh: refresh token expired, run 'login' again");
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
  EXPECT_EQ(err.lines().size(), 2u);
}

TEST(ExecPlugin, WrongApiVersionIsRejected) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_API, value: " + kV1beta1 + "}\n"));
  std::string message = error_of([&] { rc.credentials->authorization(); }, ErrorKind::Decode);
  EXPECT_CONTAINS(message,
                  "returned apiVersion \"" + kV1beta1 + "\", but the kubeconfig asks for \"" + kV1 + "\"");
}

TEST(ExecPlugin, BadJsonIsADecodeErrorWithoutTheOutput) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1,
                                        "      - {name: PLUGIN_MODE, value: badjson}\n"
                                        "      - {name: PLUGIN_TOKEN, value: s3cr3t}\n"));
  std::string message = error_of([&] { rc.credentials->authorization(); }, ErrorKind::Decode);
  EXPECT_CONTAINS(message, "did not write an ExecCredential");
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
}

TEST(ExecPlugin, InteractiveModeAlwaysIsRejected) {
  PluginFixture f;
  std::string message = error_of([&] { f.resolve(f.exec_yaml(kV1, "", "      interactiveMode: Always\n")); },
                                 ErrorKind::Unsupported);
  EXPECT_CONTAINS(message, "needs an interactive terminal");
  EXPECT_EQ(f.runs(), 0);
  message = error_of([&] { f.resolve(f.exec_yaml(kV1, "", "      interactiveMode: Sometimes\n")); },
                     ErrorKind::Config);
  EXPECT_CONTAINS(message, "invalid interactiveMode");
}

TEST(ExecPlugin, UnsupportedApiVersionsAreRejectedUpFront) {
  PluginFixture f;
  error_of([&] { f.resolve(f.exec_yaml("client.authentication.k8s.io/v1alpha1")); }, ErrorKind::Unsupported);
  error_of([&] { f.resolve(f.exec_yaml("v2")); }, ErrorKind::Config);
}

TEST(ExecPlugin, CommandNotFoundShowsTheInstallHint) {
  PluginFixture f;
  RestConfig rc = f.resolve(
      "      apiVersion: " + kV1 +
      "\n      command: flinktop-test-no-such-plugin\n      installHint: |\n        Install it with:\n"
      "          brew install no-such-plugin\n");
  std::string message = error_of([&] { rc.credentials->authorization(); }, ErrorKind::Config);
  EXPECT_CONTAINS(
      message,
      "exec plugin \"flinktop-test-no-such-plugin\" for user \"eks-admin\" was not found in PATH: "
      "Install it with: brew install no-such-plugin");

  rc = f.resolve("      apiVersion: " + kV1 + "\n      command: ./missing-plugin.sh\n");
  message = error_of([&] { rc.credentials->authorization(); }, ErrorKind::Config);
  EXPECT_CONTAINS(message, "missing-plugin.sh\" for user \"eks-admin\" does not exist");
}

TEST(ExecPlugin, RelativeCommandRunsFromTheKubeconfigDirectory) {
  CapturedStderr err;
  PluginFixture f;  // only for its state dir: the fixture kubeconfig passes no env, we export it
  setenv("PLUGIN_STATE", f.state().c_str(), 1);
  KubeconfigSources sources;
  sources.explicit_path = std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/kubeconfig/relative/one/config";
  Kubeconfig config = load_kubeconfig(sources);
  auto creds = make_credentials(config.users.at("one-exec"), config.clusters.at("one"));
  EXPECT_EQ(creds->authorization().value(), "Bearer token-1");
  unsetenv("PLUGIN_STATE");
}

TEST(ExecPlugin, ClientCertificateFromPlugin) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_MODE, value: cert}\n"));
  EXPECT_FALSE(rc.credentials->authorization().has_value());
  auto cert = rc.credentials->client_certificate();
  ASSERT_TRUE(cert.has_value());
  EXPECT_EQ(cert->cert_pem, "CERT-1");
  EXPECT_EQ(cert->key_pem, "KEY-1");
  EXPECT_EQ(f.runs(), 1);
}

TEST(ExecPlugin, OneRunForManyConcurrentCallers) {
  CapturedStderr err;
  PluginFixture f;
  RestConfig rc = f.resolve(f.exec_yaml(kV1));
  std::vector<std::thread> threads;
  std::vector<std::string> seen(6);
  for (size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = rc.credentials->authorization().value_or(""); });
  for (auto& t : threads) t.join();
  for (const auto& s : seen) EXPECT_EQ(s, "Bearer token-1");
  EXPECT_EQ(f.runs(), 1);
}

TEST(ExecPlugin, HungPluginIsKilledAtTheDeadline) {
  CapturedStderr err;
  PluginFixture f;
  f.resolve(f.exec_yaml(kV1, "      - {name: PLUGIN_MODE, value: sleep}\n"));
  ExecPluginOptions options;
  options.timeout = 500ms;
  ExecPluginCredentials creds("eks-admin", *f.config().users.at("eks-admin").exec,
                              f.config().clusters.at("prod"), options);
  auto start = std::chrono::steady_clock::now();
  std::string message = error_of([&] { creds.authorization(); }, ErrorKind::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_CONTAINS(message, "did not finish");
}

TEST(ExecPluginRfc3339, ParsesOffsetsAndFractions) {
  EXPECT_EQ(at("2030-01-01T01:00:00+01:00"), at("2030-01-01T00:00:00Z"));
  EXPECT_EQ(at("2030-01-01T00:00:00.250Z") - at("2030-01-01T00:00:00Z"), 250ms);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(at("1970-01-02T00:00:00Z")), 86400);
  EXPECT_GT(at("2999-01-01T00:00:00Z"), at("2262-01-01T00:00:00Z"));  // clamped, not overflowed
  EXPECT_FALSE(parse_rfc3339("2030-01-01 00:00:00").has_value());
  EXPECT_FALSE(parse_rfc3339("2030-13-01T00:00:00Z").has_value());
  EXPECT_FALSE(parse_rfc3339("tomorrow").has_value());
}

}  // namespace
}  // namespace flinktop::kube
