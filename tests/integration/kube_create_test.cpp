// `flinktop create` against the real kube-apiserver, whose CRDs (the operator's own schema) and
// built-in validation check every object: each shipped template creates the objects it names,
// seen by the API server and by `flinktop get clusters` as the right kind of cluster; a value the
// schema refuses is said in the server's words and creates nothing; creating again is a 409 that
// creates nothing either; a server dry run stores nothing; a manifest of several documents is
// created in the order a cluster needs (the standalone bundle's five objects, then deleted).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "integration/kube_env.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;
namespace r = kube::resources;

constexpr const char* kNamespace = "flinktop-it-create";

class KubeCreate : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = api_client();
    ensure_namespace(*admin_, kNamespace);
  }

  test::CommandResult flinktop(std::vector<std::string> args) {
    return flinktop_kube(admin_kubeconfig(), std::move(args), state_.path());
  }

  bool exists(const kube::ResourceType& type, const std::string& name) {
    try {
      admin_->get(type, kNamespace, name);
      return true;
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::NotFound) return false;
      throw;
    }
  }

  void remove(const kube::ResourceType& type, const std::string& name) {
    try {
      admin_->remove(type, kNamespace, name);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::NotFound) throw;
    }
  }

  // The kind `flinktop get clusters` gives the cluster `name` of this namespace ("" when absent).
  std::string cluster_kind(const std::string& name) {
    const json clusters = parse_json_or_fail(flinktop({"get", "clusters", "-n", kNamespace, "-o", "json"}));
    for (const json& c : clusters.value("items", json::array())) {
      if (c.value("name", "") == name) return c.value("kind", "");
    }
    return "";
  }

  std::shared_ptr<kube::ApiClient> admin_;
  test::TempDir state_;
};

TEST_F(KubeCreate, EachOperatorTemplateCreatesTheClusterItNames) {
  const struct {
    const char* template_name;
    const char* name;
    const kube::ResourceType* type;
    const char* kind;  // as flinktop get clusters says; "" for a session job
  } cases[] = {{"operator-application", "it-app", &r::kFlinkDeployments, "operator-application"},
               {"operator-session", "it-session", &r::kFlinkDeployments, "operator-session"},
               {"pyflink-application", "it-pyflink", &r::kFlinkDeployments, "operator-application"},
               {"session-job", "it-session-job", &r::kFlinkSessionJobs, ""}};
  for (const auto& c : cases) {
    remove(*c.type, c.name);
    std::vector<std::string> args = {"create", c.template_name, "-n", kNamespace, "--set", std::string("name=") + c.name};
    if (std::string(c.template_name) == "session-job") args.insert(args.end(), {"--set", "deployment=it-session"});
    const test::CommandResult created = flinktop(args);
    ASSERT_EQ(created.exit_code, 0) << c.template_name << ": " << created.err;
    EXPECT_EQ(created.out, std::string(r::kFlinkDeployments.kind == c.type->kind ? "flinkdeployment" : "flinksessionjob") +
                               ".flink.apache.org/" + c.name + " created\n");
    EXPECT_TRUE(exists(*c.type, c.name)) << c.template_name;
    if (*c.kind) {
      EXPECT_EQ(cluster_kind(c.name), c.kind) << c.template_name;
    }
  }
  // The values given are in the object the API server keeps, typed as the schema wants them.
  const json app = admin_->get(r::kFlinkDeployments, kNamespace, "it-app");
  EXPECT_EQ(app["spec"]["job"]["parallelism"], 2);
  EXPECT_FALSE(app["spec"]["flinkConfiguration"].contains("state.savepoints.dir"));
  const json job = admin_->get(r::kFlinkSessionJobs, kNamespace, "it-session-job");
  EXPECT_EQ(job["spec"]["deploymentName"], "it-session");
  for (const auto& c : cases) remove(*c.type, c.name);
}

TEST_F(KubeCreate, AValueTheSchemaRefusesIsSaidInTheServersWordsAndNothingIsCreated) {
  remove(r::kFlinkDeployments, "it-refused");
  const test::CommandResult refused =
      flinktop({"create", "operator-application", "-n", kNamespace, "--set", "name=it-refused", "--set", "upgradeMode=sideways"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("FlinkDeployment flinktop-it-create/it-refused was refused in the server's dry run, so nothing "
                             "was created"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("sideways"), std::string::npos) << refused.err;  // the schema's enum, in its words
  EXPECT_FALSE(exists(r::kFlinkDeployments, "it-refused"));
}

TEST_F(KubeCreate, CreatingAgainIsAConflictAndADryRunStoresNothing) {
  remove(r::kFlinkDeployments, "it-twice");
  const test::CommandResult checked =
      flinktop({"create", "operator-session", "-n", kNamespace, "--set", "name=it-twice", "--dry-run=server"});
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out, "flinkdeployment.flink.apache.org/it-twice created (server dry run)\n");
  EXPECT_FALSE(exists(r::kFlinkDeployments, "it-twice"));

  ASSERT_EQ(flinktop({"create", "operator-session", "-n", kNamespace, "--set", "name=it-twice"}).exit_code, 0);
  const test::CommandResult again = flinktop({"create", "operator-session", "-n", kNamespace, "--set", "name=it-twice"});
  EXPECT_EQ(again.exit_code, exit_code_for(ErrorKind::Conflict)) << again.err;
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  remove(r::kFlinkDeployments, "it-twice");
}

TEST_F(KubeCreate, TheStandaloneBundlesFiveObjectsAreCreatedInOrderFromAManifestAndDeleted) {
  // The template rendered by the client (nothing sent), then created from that manifest.
  const test::CommandResult rendered = flinktop(
      {"create", "standalone-session", "-n", kNamespace, "--set", "name=it-standalone", "--dry-run=client", "-o", "yaml"});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_FALSE(exists(r::kConfigMaps, "it-standalone-config"));
  const std::string manifest = state_.write("standalone.yaml", rendered.out);

  const test::CommandResult created = flinktop({"create", "-f", manifest});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out,
            "configmap/it-standalone-config created\n"
            "service/it-standalone-jobmanager created\n"
            "service/it-standalone-rest created\n"
            "deployment.apps/it-standalone-jobmanager created\n"
            "deployment.apps/it-standalone-taskmanager created\n");
  EXPECT_EQ(cluster_kind("it-standalone"), "standalone");
  const json tm = admin_->get(r::kDeployments, kNamespace, "it-standalone-taskmanager");
  EXPECT_EQ(tm["spec"]["replicas"], 2);

  for (const auto& [type, name] : std::vector<std::pair<const kube::ResourceType*, std::string>>{
           {&r::kDeployments, "it-standalone-taskmanager"},
           {&r::kDeployments, "it-standalone-jobmanager"},
           {&r::kServices, "it-standalone-rest"},
           {&r::kServices, "it-standalone-jobmanager"},
           {&r::kConfigMaps, "it-standalone-config"}}) {
    remove(*type, name);
    EXPECT_FALSE(exists(*type, name)) << name;
  }
  EXPECT_EQ(cluster_kind("it-standalone"), "");
}

}  // namespace
}  // namespace flinktop::it
