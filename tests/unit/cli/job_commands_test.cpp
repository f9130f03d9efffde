// The job subcommands over Kubernetes, end to end with the real binary: jobs found through the API
// server's service proxy, addressed by id prefix / name / operator resource, and each action taking
// the route core/actions chooses — the operator's resource for operator-managed jobs (suspend,
// resume, savepoint as a FlinkStateSnapshot), REST for the rest — with refusals a script can tell
// apart by exit code. The Flink side is a scripted loopback Flink behind the proxy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "demo/kube_api_server.hpp"
#include "core/kube/resource_type.hpp"
#include "support/kube_objects.hpp"
#include "support/run_command.hpp"
#include "unit/flink/fake_flink.hpp"

namespace flinktop {
namespace {

using namespace flinktop::test;
using flink::fake::FakeFlink;
using flink::fake::reply;
using nlohmann::json;
namespace r = kube::resources;

constexpr const char* kOrdersJob = "a1b2c3d4e5f60718293a4b5c6d7e8f90";  // make_flink_deployment's job id
constexpr const char* kEtlJob = "e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7";
constexpr const char* kAdhocRunning = "0adc0ffee0000000000000000000000a";
constexpr const char* kAdhocCanceled = "0adc0ffee0000000000000000000000b";
constexpr const char* kAdhocOnOrders = "0adc0ffee0000000000000000000000c";  // same name, other cluster

json overview_entry(const std::string& id, const std::string& name, const std::string& state, long long start) {
  return {{"jid", id}, {"name", name}, {"state", state}, {"start-time", start}, {"end-time", -1},
          {"duration", 60000}, {"last-modification", start}, {"tasks", {{"running", 2}, {"total", 2}}}};
}

class JobCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    // Operator application cluster "orders" and session cluster "shared" running session job "etl"
    // next to a job submitted directly ("adhoc", once cancelled and resubmitted).
    server.add(r::kFlinkDeployments, make_flink_deployment("streaming", "orders", "local:///opt/flink/job.jar"));
    server.add(r::kPods, make_pod("streaming", "orders-6d5f7c9b8-x2x4z", native_labels("orders", "jobmanager")));
    server.add(r::kServices, make_service("streaming", "orders-rest", {{"app", "orders"}}, 8081, "rest"));
    server.add(r::kFlinkDeployments, make_flink_deployment("streaming", "shared", ""));
    json etl = make_session_job("streaming", "etl", "shared");
    etl["status"]["jobStatus"]["jobId"] = kEtlJob;
    server.add(r::kFlinkSessionJobs, etl);
    server.add(r::kPods, make_pod("streaming", "shared-7c9d-abcde", native_labels("shared", "jobmanager")));
    server.add(r::kServices, make_service("streaming", "shared-rest", {{"app", "shared"}}, 8081, "rest"));

    orders_flink.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, json{{"jobs",
                            {overview_entry(kOrdersJob, "orders-job", "RUNNING", 1763719200000),
                             overview_entry(kAdhocOnOrders, "adhoc", "RUNNING", 1763719600000)}}}
                          .dump());
    });
    orders_flink.routes().Patch(R"(/jobs/(\w+))", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 202, "{}");
    });
    shared_flink.routes().Get("/jobs/overview", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 200, json{{"jobs",
                            {overview_entry(kEtlJob, "etl", "RUNNING", 1763719300000),
                             overview_entry(kAdhocRunning, "adhoc", "RUNNING", 1763719500000),
                             overview_entry(kAdhocCanceled, "adhoc", "CANCELED", 1763719400000)}}}
                          .dump());
    });
    shared_flink.routes().Patch(R"(/jobs/(\w+))", [](const httplib::Request&, httplib::Response& res) {
      reply(res, 202, "{}");
    });
    orders_flink.start();
    shared_flink.start();
    server.proxy_service("streaming", "orders-rest", "8081", orders_flink.url());
    server.proxy_service("streaming", "shared-rest", "8081", shared_flink.url());

    kubeconfig = dir.write("config", R"(apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster: {server: ")" + server.url() + R"("}
users:
- name: tester
  user: {token: "t"}
contexts:
- name: dev
  context: {cluster: fake, user: tester, namespace: streaming}
current-context: dev
)");
  }

  CommandResult flinktop(std::vector<std::string> args) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--kubeconfig", kubeconfig});
    return run_command(args, {"NO_PROXY=*", "no_proxy=*", "XDG_STATE_HOME=" + dir.path() + "/state"});
  }

  json object(const kube::ResourceType& type, const std::string& name) {
    for (const json& o : server.objects(type)) {
      if (o["metadata"]["name"] == name) return o;
    }
    return json();
  }

  demo::KubeApiServer server;
  FakeFlink orders_flink;
  FakeFlink shared_flink;
  TempDir dir;
  std::string kubeconfig;
};

TEST_F(JobCommands, GetJobsJoinsRestAndOperatorViews) {
  CommandResult r = flinktop({"get", "jobs", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["kind"], "JobList");
  ASSERT_EQ(doc["items"].size(), 5u) << doc.dump(2);
  std::map<std::string, json> by_id;
  for (const json& item : doc["items"]) by_id[item["id"]] = item;
  EXPECT_EQ(by_id[kOrdersJob]["operatorResource"], "orders");
  EXPECT_EQ(by_id[kOrdersJob]["cluster"], "orders");
  EXPECT_EQ(by_id[kEtlJob]["operatorResource"], "etl");
  EXPECT_TRUE(by_id[kAdhocRunning]["operatorResource"].is_null());
  EXPECT_EQ(by_id[kAdhocRunning]["source"], "rest");

  CommandResult table = flinktop({"get", "jobs", "--cluster", "shared"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.find("orders-job"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("adhoc"), std::string::npos) << table.out;
}

TEST_F(JobCommands, AnUnreachableJobManagerStillListsTheOperatorsJob) {
  server.proxy_service("streaming", "orders-rest", "8081", "http://127.0.0.1:1");  // nothing listens there
  CommandResult r = flinktop({"get", "jobs", "-o", "json"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("streaming/orders"), std::string::npos) << r.err;
  const json doc = json::parse(r.out);
  bool operator_row = false;
  for (const json& item : doc["items"]) operator_row |= item["id"] == kOrdersJob && item["source"] == "operator";
  EXPECT_TRUE(operator_row) << doc.dump(2);
  EXPECT_EQ(doc["items"].size(), 4u);  // orders' own "adhoc" is only known to its JobManager
}

TEST_F(JobCommands, SuspendAndResumeGoThroughTheFlinkDeployment) {
  CommandResult suspended = flinktop({"suspend", "orders", "--yes", "-o", "json"});
  ASSERT_EQ(suspended.exit_code, 0) << suspended.err;
  EXPECT_EQ(json::parse(suspended.out)["route"], "operator");
  EXPECT_EQ(object(r::kFlinkDeployments, "orders")["spec"]["job"]["state"], "suspended");

  CommandResult resumed = flinktop({"resume", std::string(kOrdersJob).substr(0, 6), "--yes"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(object(r::kFlinkDeployments, "orders")["spec"]["job"]["state"], "running");
  EXPECT_EQ(orders_flink.count("PATCH", std::string("/jobs/") + kOrdersJob), 0);
}

TEST_F(JobCommands, SavepointOfASessionJobIsAFlinkStateSnapshot) {
  CommandResult r = flinktop({"savepoint", "etl", "--dir", "s3://bucket/savepoints"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("FlinkStateSnapshot"), std::string::npos) << r.out;
  const std::vector<json> snapshots = server.objects(r::kFlinkStateSnapshots);
  ASSERT_EQ(snapshots.size(), 1u);
  EXPECT_EQ(snapshots[0]["spec"]["jobReference"]["kind"], "FlinkSessionJob");
  EXPECT_EQ(snapshots[0]["spec"]["jobReference"]["name"], "etl");
  EXPECT_EQ(snapshots[0]["spec"]["savepoint"]["path"], "s3://bucket/savepoints");
}

TEST_F(JobCommands, CancelOfAnOperatorJobNeedsForce) {
  CommandResult refused = flinktop({"cancel", "orders-job"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("managed by the Flink operator"), std::string::npos) << refused.err;
  EXPECT_EQ(orders_flink.count("PATCH", std::string("/jobs/") + kOrdersJob), 0);

  CommandResult forced = flinktop({"cancel", "orders-job", "--force", "--yes"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(orders_flink.count("PATCH", std::string("/jobs/") + kOrdersJob), 1);
}

TEST_F(JobCommands, ANameOfARunningAndAFinishedJobMeansTheRunningOne) {
  // Two clusters run an "adhoc": ambiguous, and nothing is cancelled.
  CommandResult ambiguous = flinktop({"cancel", "adhoc"});
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_NE(ambiguous.err.find("matches 2 jobs"), std::string::npos) << ambiguous.err;
  EXPECT_NE(ambiguous.err.find("--cluster"), std::string::npos) << ambiguous.err;
  EXPECT_EQ(orders_flink.count("PATCH", std::string("/jobs/") + kAdhocOnOrders), 0);

  // Without a terminal to ask on (stdin is not one here) and without --yes: nothing is cancelled.
  CommandResult unasked = flinktop({"cancel", "adhoc", "--cluster", "shared"});
  EXPECT_EQ(unasked.exit_code, 2);
  EXPECT_EQ(unasked.err, "flinktop: cancel asks before it changes anything and there is no terminal to ask on: add --yes\n");
  EXPECT_EQ(shared_flink.count("PATCH", std::string("/jobs/") + kAdhocRunning), 0);

  // On "shared" one is running and one cancelled: the running one is meant.
  CommandResult r = flinktop({"cancel", "adhoc", "--cluster", "shared", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(shared_flink.count("PATCH", std::string("/jobs/") + kAdhocRunning), 1);
  EXPECT_EQ(shared_flink.count("PATCH", std::string("/jobs/") + kAdhocCanceled), 0);
}

TEST_F(JobCommands, UnknownJobsAndClustersAreNotFound) {
  CommandResult unknown = flinktop({"stop", "ffff"});
  EXPECT_EQ(unknown.exit_code, 6);
  EXPECT_NE(unknown.err.find("no job \"ffff\""), std::string::npos) << unknown.err;
  CommandResult missing_cluster = flinktop({"get", "jobs", "--cluster", "nope"});
  EXPECT_EQ(missing_cluster.exit_code, 6);
  EXPECT_NE(missing_cluster.err.find("no Flink cluster \"nope\""), std::string::npos) << missing_cluster.err;
}

TEST_F(JobCommands, SubmitNeedsOneSessionCluster) {
  const std::string jar = dir.write("job.jar", "PK not really a jar");
  CommandResult several = flinktop({"submit", jar});
  EXPECT_EQ(several.exit_code, 2);
  EXPECT_NE(several.err.find("--cluster"), std::string::npos) << several.err;
  CommandResult application = flinktop({"submit", jar, "--cluster", "orders"});
  EXPECT_EQ(application.exit_code, 2);
  EXPECT_NE(application.err.find("application cluster"), std::string::npos) << application.err;
  CommandResult no_file = flinktop({"submit", dir.path() + "/missing.jar", "--cluster", "shared"});
  EXPECT_EQ(no_file.exit_code, 6);
  EXPECT_NE(no_file.err.find("no jar file"), std::string::npos) << no_file.err;
}

TEST_F(JobCommands, ReadonlyRefusesEveryAction) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"cancel", "adhoc"}, {"savepoint", "etl"}, {"stop", "orders-job"}, {"suspend", "orders"},
        {"resume", "orders"}, {"submit", "x.jar", "--cluster", "shared"}}) {
    std::vector<std::string> readonly{"--readonly"};
    readonly.insert(readonly.end(), args.begin(), args.end());
    CommandResult r = flinktop(readonly);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_NE(r.err.find("--readonly"), std::string::npos) << r.err;
  }
  EXPECT_EQ(object(r::kFlinkDeployments, "orders")["spec"]["job"]["state"], "running");
  EXPECT_TRUE(server.objects(r::kFlinkStateSnapshots).empty());
  EXPECT_EQ(shared_flink.count("PATCH", std::string("/jobs/") + kAdhocRunning), 0);
}

}  // namespace
}  // namespace flinktop
