// --flink-url with the real binary: credentials reach Flink as an Authorization header, taken from
// the environment or a file (never the command line), conflicting or unreadable options are clear
// one-line errors, and Kubernetes-only commands say they need Kubernetes.
#include <gtest/gtest.h>

#include "support/run_command.hpp"
#include "unit/flink/fake_flink.hpp"

namespace flinktop {
namespace {

using flink::fake::FakeFlink;
using flink::fake::reply;
using test::CommandResult;
using test::run_command;

class FlinkUrl : public ::testing::Test {
 protected:
  void SetUp() override {
    flink.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, R"({"jobs":[]})");
    });
    flink.start();
  }

  CommandResult flinktop(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--flink-url", flink.url()});
    env.push_back("KUBECONFIG=/nonexistent");
    env.push_back("NO_PROXY=*");
    return run_command(args, env);
  }

  std::string last_authorization() const {
    auto requests = flink.requests();
    return requests.empty() ? "<no request>" : requests.back().authorization;
  }

  FakeFlink flink;
  test::TempDir dir;
};

TEST_F(FlinkUrl, BasicAuthPasswordComesFromTheEnvironment) {
  CommandResult r = flinktop({"--flink-user", "ops", "get", "jobs"}, {"FLINKTOP_FLINK_PASSWORD=s3cret"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(last_authorization(), "Basic b3BzOnMzY3JldA==");  // base64("ops:s3cret")
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos);
}

TEST_F(FlinkUrl, BearerTokenFromAFileOrTheEnvironment) {
  const std::string file = dir.write("token", "file-token\n");
  CommandResult from_file = flinktop({"--flink-token-file", file, "get", "jobs"});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(last_authorization(), "Bearer file-token");
  CommandResult from_env = flinktop({"get", "jobs"}, {"FLINKTOP_FLINK_TOKEN=env-token"});
  EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
  EXPECT_EQ(last_authorization(), "Bearer env-token");
}

TEST_F(FlinkUrl, BadOptionsAreOneLineErrors) {
  CommandResult both = flinktop({"--flink-user", "ops", "get", "jobs"}, {"FLINKTOP_FLINK_TOKEN=t"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("not both"), std::string::npos) << both.err;
  CommandResult missing = flinktop({"--flink-token-file", dir.path() + "/nope", "get", "jobs"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("cannot read the token file"), std::string::npos) << missing.err;
  CommandResult half_cert = flinktop({"--flink-cert", dir.write("c.pem", "x"), "get", "jobs"});
  EXPECT_EQ(half_cert.exit_code, 2);
  CommandResult pods = flinktop({"get", "pods"});
  EXPECT_EQ(pods.exit_code, 2);
  EXPECT_NE(pods.err.find("reads Kubernetes"), std::string::npos) << pods.err;
  CommandResult credentials_in_url = run_command(
      {FLINKTOP_BINARY, "--flink-url", "http://ops:pw@127.0.0.1:1", "get", "jobs"}, {"KUBECONFIG=/nonexistent"});
  EXPECT_EQ(credentials_in_url.exit_code, 2);
  EXPECT_EQ(credentials_in_url.err.find("pw@"), std::string::npos) << credentials_in_url.err;
  for (const CommandResult* r : {&both, &missing, &half_cert, &pods, &credentials_in_url}) {
    EXPECT_EQ(std::count(r->err.begin(), r->err.end(), '\n'), 1) << r->err;
  }
}

TEST_F(FlinkUrl, AnUnreachableUrlIsAConnectionError) {
  CommandResult r = run_command({FLINKTOP_BINARY, "--flink-url", "http://127.0.0.1:1", "get", "jobs"},
                                {"KUBECONFIG=/nonexistent"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("127.0.0.1:1"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace flinktop
