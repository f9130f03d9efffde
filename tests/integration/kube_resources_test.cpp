// Writing operator resources through a real kube-apiserver, whose CRD schema (the operator's own,
// ../shared/reference/operator-crds) validates them: create / patch / status / delete of a
// FlinkDeployment with core/kube's ApiClient, suspend/resume through flinktop's actions, and a
// server-side dry run of an invalid spec failing with the API server's own words.
#include <gtest/gtest.h>

#include "core/actions/operator_actions.hpp"

#include <fstream>

#include <nlohmann/json.hpp>
#include <string>

#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;
namespace r = kube::resources;

constexpr const char* kNamespace = "flinktop-it-crud";

json flink_deployment(const std::string& name) {
  return {{"apiVersion", "flink.apache.org/v1beta1"},
          {"kind", "FlinkDeployment"},
          {"metadata", {{"name", name}, {"namespace", kNamespace}}},
          {"spec",
           {{"image", "flink:2.2.0"},
            {"flinkVersion", "v2_2"},
            {"serviceAccount", "flink"},
            {"jobManager", {{"resource", {{"memory", "1600m"}, {"cpu", 1}}}}},
            {"taskManager", {{"resource", {{"memory", "1600m"}, {"cpu", 1}}}}},
            {"job",
             {{"jarURI", "local:///opt/flink/examples/streaming/TopSpeedWindowing.jar"},
              {"parallelism", 2},
              {"upgradeMode", "stateless"},
              {"state", "running"}}}}}};
}

class KubeResources : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = api_client();
    ensure_namespace(*admin_, kNamespace);
    for (const auto& fd : admin_->list(r::kFlinkDeployments, in_namespace(kNamespace)).items) {
      admin_->remove(r::kFlinkDeployments, kNamespace, fd["metadata"]["name"]);
    }
  }

  json get_clusters() {
    return parse_json_or_fail(flinktop_kube(admin_kubeconfig(), {"get", "clusters", "-n", kNamespace, "-o", "json"}, state_.path()));
  }

  test::TempDir state_;
  std::shared_ptr<kube::ApiClient> admin_;
};

TEST_F(KubeResources, CreatePatchStatusSuspendResumeDeleteAFlinkDeployment) {
  const json created = admin_->create(r::kFlinkDeployments, kNamespace, flink_deployment("crud-app"));
  EXPECT_FALSE(created["metadata"].value("uid", "").empty());
  EXPECT_EQ(created["metadata"]["generation"], 1);

  // A merge patch of the spec: the server bumps the generation.
  const json patched = admin_->patch(r::kFlinkDeployments, kNamespace, "crud-app",
                                     {{"spec", {{"job", {{"parallelism", 3}}}}}}, kube::PatchType::Merge);
  EXPECT_EQ(patched["spec"]["job"]["parallelism"], 3);
  EXPECT_EQ(patched["metadata"]["generation"], 2);

  // The status subresource, as the operator writes it; the spec is untouched by it.
  const json status = {{"lifecycleState", "STABLE"},
                       {"jobManagerDeploymentStatus", "READY"},
                       {"jobStatus",
                        {{"jobId", "0123456789abcdef0123456789abcdef"},
                         {"jobName", "crud-job"},
                         {"state", "RUNNING"},
                         {"savepointInfo",
                          {{"lastSavepoint",
                            {{"location", "s3://sp/savepoint-crud-1"}, {"timeStamp", 1796690000000}, {"triggerType", "MANUAL"}}}}}}}};
  const json with_status = admin_->patch(r::kFlinkDeployments, kNamespace, "crud-app", {{"status", status}},
                                         kube::PatchType::Merge, false, "status");
  EXPECT_EQ(with_status["status"]["lifecycleState"], "STABLE");
  EXPECT_EQ(with_status["metadata"]["generation"], 2);

  json doc = get_clusters();
  ASSERT_EQ(doc["items"].size(), 1u) << doc.dump(2);
  EXPECT_EQ(doc["items"][0]["kind"], "operator-application");
  EXPECT_EQ(doc["items"][0]["operator"]["jobState"], "RUNNING");
  EXPECT_EQ(doc["items"][0]["operator"]["jobName"], "crud-job");

  // flinktop's own action path: suspend patches spec.job.state on the real resource, resume undoes it.
  test::CommandResult suspended =
      flinktop_kube(admin_kubeconfig(), {"suspend", "crud-app", "-n", kNamespace, "--yes", "-o", "json"}, state_.path());
  EXPECT_EQ(suspended.exit_code, 0) << suspended.out << suspended.err;
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"]["state"], "suspended");
  test::CommandResult resumed =
      flinktop_kube(admin_kubeconfig(), {"resume", "crud-app", "-n", kNamespace, "--yes", "-o", "json"}, state_.path());
  EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"]["state"], "running");

  // scale: spec.job.parallelism on the real resource, and the message says how the operator redeploys.
  test::CommandResult scaled = flinktop_kube(admin_kubeconfig(), {"scale", "crud-app", "-n", kNamespace, "-p", "5", "--yes"}, state_.path());
  EXPECT_EQ(scaled.exit_code, 0) << scaled.out << scaled.err;
  EXPECT_NE(scaled.out.find("parallelism 3 → 5; the operator redeploys it without state (upgradeMode stateless)"),
            std::string::npos)
      << scaled.out;
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"]["parallelism"], 5);
  // restart: spec.restartNonce counts up, once per restart.
  for (int nonce : {1, 2}) {
    test::CommandResult restarted = flinktop_kube(admin_kubeconfig(), {"restart", "crud-app", "-n", kNamespace, "--yes"}, state_.path());
    EXPECT_EQ(restarted.exit_code, 0) << restarted.out << restarted.err;
    EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["restartNonce"], nonce);
  }
  // A change made between the read and the patch is refused (the server's failed test) and said as
  // a conflict naming both versions; nothing is overwritten.
  {
    const actions::OperatorResource resource{admin_, kNamespace, "crud-app", false, nullptr};
    const json stale = admin_->get(r::kFlinkDeployments, kNamespace, "crud-app");
    admin_->patch(r::kFlinkDeployments, kNamespace, "crud-app", {{"metadata", {{"labels", {{"team", "payments"}}}}}},
                  kube::PatchType::Merge);
    try {
      actions::guarded_patch(resource, stale, json::array({{{"op", "add"}, {"path", "/spec/job/parallelism"}, {"value", 9}}}),
                             false);
      ADD_FAILURE() << "a stale read was patched";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Conflict) << e.what();
      EXPECT_NE(std::string(e.what()).find("FlinkDeployment " + std::string(kNamespace) +
                                           "/crud-app changed meanwhile (resourceVersion " +
                                           stale["metadata"]["resourceVersion"].get<std::string>() + " → "),
                std::string::npos)
          << e.what();
    }
    EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"]["parallelism"], 5);
  }

  // restore: initialSavepointPath and savepointRedeployNonce on the real resource (its CRD knows
  // the nonce: operator 1.8+); --from latest is the operator's last savepoint. Without a terminal
  // and without --yes nothing changes.
  test::CommandResult unasked =
      flinktop_kube(admin_kubeconfig(), {"restore", "crud-app", "-n", kNamespace, "--from", "latest"}, state_.path());
  EXPECT_EQ(unasked.exit_code, 2) << unasked.err;
  EXPECT_NE(unasked.err.find("add --yes"), std::string::npos) << unasked.err;
  EXPECT_FALSE(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"].contains("initialSavepointPath"));
  test::CommandResult restored = flinktop_kube(
      admin_kubeconfig(), {"restore", "crud-app", "-n", kNamespace, "--from", "latest", "--yes"}, state_.path());
  EXPECT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(restored.out, "crud-job: redeploying from s3://sp/savepoint-crud-1 (savepointRedeployNonce 1); the operator "
                          "restarts the job from that savepoint\n");
  test::CommandResult explicit_path =
      flinktop_kube(admin_kubeconfig(),
                    {"restore", "crud-app", "-n", kNamespace, "--from", "s3://sp/other", "--allow-non-restored-state", "--yes"},
                    state_.path());
  EXPECT_EQ(explicit_path.exit_code, 0) << explicit_path.err;
  const json job_spec = admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"];
  EXPECT_EQ(job_spec["initialSavepointPath"], "s3://sp/other");
  EXPECT_EQ(job_spec["savepointRedeployNonce"], 2);
  EXPECT_EQ(job_spec["allowNonRestoredState"], true);

  test::CommandResult zero = flinktop_kube(admin_kubeconfig(), {"scale", "crud-app", "-n", kNamespace, "-p", "0"}, state_.path());
  EXPECT_EQ(zero.exit_code, 2) << zero.err;
  EXPECT_NE(zero.err.find("--parallelism must be at least 1"), std::string::npos) << zero.err;

  // --readonly: refused before anything is sent.
  for (const char* verb : {"scale", "restart"}) {
    std::vector<std::string> args = {"--readonly", verb, "crud-app", "-n", kNamespace};
    if (std::string(verb) == "scale") args.insert(args.end(), {"-p", "7"});
    EXPECT_EQ(flinktop_kube(admin_kubeconfig(), args, state_.path()).exit_code, 2) << verb;
  }
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"]["parallelism"], 5);
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["restartNonce"], 2);
  test::CommandResult refused =
      flinktop_kube(admin_kubeconfig(), {"--readonly", "suspend", "crud-app", "-n", kNamespace}, state_.path());
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["spec"]["job"]["state"], "running");

  // delete: refused without --yes (no terminal here) and under --readonly; --dry-run is the API
  // server's check only; then the FlinkDeployment is gone and the journal says so.
  for (const std::vector<std::string>& refused_args :
       {std::vector<std::string>{"delete", "crud-app", "-n", kNamespace},
        std::vector<std::string>{"--readonly", "delete", "crud-app", "-n", kNamespace, "--yes"}}) {
    test::CommandResult r = flinktop_kube(admin_kubeconfig(), refused_args, state_.path());
    EXPECT_EQ(r.exit_code, 2) << r.err;
  }
  test::CommandResult checked =
      flinktop_kube(admin_kubeconfig(), {"delete", "crud-app", "-n", kNamespace, "--dry-run"}, state_.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out, "FlinkDeployment " + std::string(kNamespace) + "/crud-app deleted (server dry run)\n");
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "crud-app")["metadata"]["name"], "crud-app");
  test::CommandResult deleted =
      flinktop_kube(admin_kubeconfig(), {"delete", "crud-app", "-n", kNamespace, "--yes"}, state_.path());
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "FlinkDeployment " + std::string(kNamespace) + "/crud-app deleted\n");
  std::ifstream journal(state_.path() + "/flinktop/actions.log");
  const std::string log((std::istreambuf_iterator<char>(journal)), std::istreambuf_iterator<char>());
  EXPECT_NE(log.find("\"action\":\"delete\",\"result\":\"succeeded\""), std::string::npos) << log;
  test::CommandResult again =
      flinktop_kube(admin_kubeconfig(), {"delete", "crud-app", "-n", kNamespace, "--yes"}, state_.path());
  EXPECT_EQ(again.exit_code, 6) << again.err;
  try {
    admin_->get(r::kFlinkDeployments, kNamespace, "crud-app");
    ADD_FAILURE() << "crud-app still exists after the delete";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
  }
  EXPECT_EQ(get_clusters()["items"].size(), 0u);
}

TEST_F(KubeResources, DryRunRejectsAnInvalidSpecInTheApiServersWords) {
  json bad = flink_deployment("bad-app");
  bad["spec"]["job"]["upgradeMode"] = "sometimes";
  bad["spec"]["job"]["parallelism"] = "two";
  try {
    admin_->create(r::kFlinkDeployments, kNamespace, bad, /*dry_run=*/true);
    ADD_FAILURE() << "the invalid FlinkDeployment was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Invalid) << e.what();
    const std::string message = e.what();
    EXPECT_NE(message.find("create flinkdeployments.flink.apache.org \"bad-app\" in namespace \"flinktop-it-crud\" "
                           "rejected by the API server (422)"),
              std::string::npos)
        << message;
    // The API server's words, verbatim (structural schema validation of the operator's CRD).
    EXPECT_NE(message.find("FlinkDeployment.flink.apache.org \"bad-app\" is invalid"), std::string::npos) << message;
    EXPECT_NE(message.find("spec.job.upgradeMode: Unsupported value: \"sometimes\": supported values: "
                           "\"last-state\", \"savepoint\", \"stateless\""),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("spec.job.parallelism: Invalid value: \"string\": spec.job.parallelism in body must be "
                           "of type integer: \"string\""),
              std::string::npos)
        << message;
  }

  // A valid dry run is admitted and not stored.
  const json admitted = admin_->create(r::kFlinkDeployments, kNamespace, flink_deployment("dry-app"), true);
  EXPECT_EQ(admitted["metadata"]["name"], "dry-app");
  try {
    admin_->get(r::kFlinkDeployments, kNamespace, "dry-app");
    ADD_FAILURE() << "a dry-run create was stored";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
  }

  // A dry-run patch that breaks the schema fails the same way and changes nothing.
  admin_->create(r::kFlinkDeployments, kNamespace, flink_deployment("patched-app"));
  try {
    admin_->patch(r::kFlinkDeployments, kNamespace, "patched-app", {{"spec", {{"job", {{"state", "paused"}}}}}},
                  kube::PatchType::Merge, /*dry_run=*/true);
    ADD_FAILURE() << "the invalid patch was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Invalid) << e.what();
    EXPECT_NE(std::string(e.what()).find("spec.job.state: Unsupported value: \"paused\""), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(admin_->get(r::kFlinkDeployments, kNamespace, "patched-app")["spec"]["job"]["state"], "running");
  admin_->remove(r::kFlinkDeployments, kNamespace, "patched-app");
}

}  // namespace
}  // namespace flinktop::it
