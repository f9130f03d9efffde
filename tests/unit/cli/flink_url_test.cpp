// --flink-url with the real binary: credentials reach Flink as an Authorization header, taken from
// the environment or a file (never the command line), conflicting or unreadable options are clear
// one-line errors, and Kubernetes-only commands say they need Kubernetes.
#include <gtest/gtest.h>

#include "support/run_command.hpp"
#include "unit/flink/fake_flink.hpp"
#include "unit/flink/flink_test_data.hpp"

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
  }

  // Starts the server at the first run, so that a test can add its routes first: httplib's route
  // tables are not thread-safe once it serves.
  CommandResult flinktop(std::vector<std::string> args, std::vector<std::string> env = {}) {
    flink.start();
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

TEST_F(FlinkUrl, GetClustersIsTheOneClusterAsItsJobManagerDescribesIt) {
  nlohmann::json overview = flink::testdata::captured("1.13.6", "overview");
  overview["jobs-running"] = 2;
  overview["slots-available"] = 1;
  flink.routes().Get("/overview", [overview](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, overview.dump());
  });
  CommandResult table = flinktop({"get", "clusters"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("VERSION"), std::string::npos) << table.out;
  const std::string row = table.out.substr(table.out.find('\n') + 1);
  for (const std::string& cell : std::vector<std::string>{"1.13.6", "Ready", "1/4", flink.url()}) {
    EXPECT_NE(row.find(cell), std::string::npos) << cell << " in " << row;
  }
  CommandResult wide = flinktop({"get", "clusters", "-o", "wide"});
  EXPECT_NE(wide.out.find("FAILED"), std::string::npos) << wide.out;
  CommandResult as_json = flinktop({"get", "clusters", "-o", "json"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  const nlohmann::json doc = nlohmann::json::parse(as_json.out);
  ASSERT_EQ(doc["items"].size(), 1u);
  EXPECT_EQ(doc["items"][0]["flinkVersion"], "1.13.6");
  EXPECT_EQ(doc["items"][0]["taskManagers"]["total"], 1);
  EXPECT_EQ(doc["items"][0]["slots"]["total"], 4);
  EXPECT_EQ(doc["items"][0]["slots"]["available"], 1);
  EXPECT_EQ(doc["items"][0]["jobs"]["running"], 2);
}

TEST(FlinkUrl113, ANativeSavepointIsRefusedBeforeAnythingIsSent) {
  FakeFlink flink113;  // answers as the captured 1.13.6 did
  flink113.routes().Get("/config", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, flink::testdata::captured("1.13.6", "config").dump());
  });
  flink113.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
    reply(res, 200, flink::testdata::captured("1.13.6", "jobs_overview").dump());
  });
  flink113.start();
  test::TempDir state;
  const std::vector<std::string> env{"KUBECONFIG=/nonexistent", "NO_PROXY=*", "XDG_STATE_HOME=" + state.path()};
  const std::string job =
      flink::testdata::captured("1.13.6", "jobs_overview")["jobs"][0]["jid"].get<std::string>().substr(0, 8);
  CommandResult r = run_command(
      {FLINKTOP_BINARY, "--flink-url", flink113.url(), "savepoint", job, "--format", "native"}, env);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("needs Flink 1.15 or newer"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("runs Flink 1.13.6"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const auto& request : flink113.requests()) EXPECT_NE(request.method, "POST") << request.path;
  CommandResult unknown_format =
      run_command({FLINKTOP_BINARY, "--flink-url", flink113.url(), "savepoint", job, "--format", "binary"}, env);
  EXPECT_EQ(unknown_format.exit_code, 2) << unknown_format.err;
}

}  // namespace
}  // namespace flinktop
