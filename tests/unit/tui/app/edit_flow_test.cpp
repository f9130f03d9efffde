// e and n from the key to the API server, against the demo's Kubernetes API over loopback HTTP:
// the editor (a function here) gets the object as YAML, the server checks the change in a dry
// run, the dialog says what changes, and only Yes sends it. Refusals reopen the editor with the
// reason; nothing the user wrote is lost.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "../../demo/demo_test_support.hpp"
#include "core/actions/create_objects.hpp"
#include "core/kube/yaml_json.hpp"
#include "demo/kube_api_server.hpp"
#include "tui/app/edit_flow.hpp"

namespace flinktop::tui {
namespace {

using nlohmann::json;
using Kind = EditFlow::Step::Kind;
namespace r = kube::resources;

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

// Steps until the flow asks or ends (the network steps run on their own threads).
EditFlow::Step settle(EditFlow& flow) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < give_up) {
    EditFlow::Step step = flow.step();
    if (step.kind != Kind::Wait) return step;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return {};
}

class EditFlowTest : public ::testing::Test {
 protected:
  demo::Environment env{demo::test_support::standing_still()};
  std::shared_ptr<kube::ApiClient> api = demo::test_support::client_for(env);
  const actions::ObjectKey orders{api->context(), "FlinkDeployment", "flink-demo", "orders-app"};
  std::vector<std::string> seen;  // what the editor opened each time

  EditFlow::Hooks editor(std::function<void(json&)> change) {
    EditFlow::Hooks hooks;
    hooks.edit = [this, change](const std::string& path) {
      seen.push_back(read(path));
      json object = kube::yaml_to_json(seen.back());
      change(object);
      write(path, kube::object_yaml(object));
      return std::string();
    };
    return hooks;
  }
  ObjectRequest edit_orders() { return {ObjectRequest::Verb::Edit, orders, ""}; }
  json stored() { return api->get(r::kFlinkDeployments, "flink-demo", "orders-app"); }
};

TEST_F(EditFlowTest, AnEditIsShownAsItsChangeAndSentOnlyOnYesAndJournaled) {
  const auto journal_path = std::filesystem::temp_directory_path() / ("flinktop-edit-journal-" + std::to_string(::getpid()));
  EditFlow::Hooks hooks = editor([](json& o) { o["metadata"]["labels"]["team"] = "payments"; });
  hooks.journal = std::make_shared<actions::Journal>(journal_path);
  EditFlow flow(edit_orders(), api, hooks);
  EditFlow::Step step = settle(flow);
  ASSERT_EQ(step.kind, Kind::Ask) << step.message;
  EXPECT_EQ(step.dialog.target, actions::describe(orders));
  EXPECT_EQ(step.dialog.yes, "apply");
  EXPECT_NE(std::find(step.dialog.body.begin(), step.dialog.body.end(), "+ metadata.labels: {\"team\":\"payments\"}"),
            step.dialog.body.end())
      << json(step.dialog.body).dump();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].rfind("# Editing FlinkDeployment flink-demo/orders-app", 0), 0u) << seen[0];
  EXPECT_FALSE(stored()["metadata"].value("labels", json::object()).contains("team"));  // the dry run stored nothing

  flow.answer(true);
  step = settle(flow);
  ASSERT_EQ(step.kind, Kind::Done);
  EXPECT_EQ(step.severity, Severity::Ok) << step.message;
  EXPECT_EQ(step.message.rfind("updated FlinkDeployment flink-demo/orders-app", 0), 0u) << step.message;
  EXPECT_EQ(stored()["metadata"]["labels"]["team"], "payments");
  const auto entries = hooks.journal->read();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "edit");
  EXPECT_EQ(entries[0].result, "succeeded");
  EXPECT_EQ(entries[0].message, "FlinkDeployment orders-app: + metadata.labels: {\"team\":\"payments\"}");
  std::filesystem::remove(journal_path);
}

TEST_F(EditFlowTest, NoOnTheDialogSendsNothing) {
  EditFlow flow(edit_orders(), api, editor([](json& o) { o["metadata"]["labels"]["team"] = "payments"; }));
  ASSERT_EQ(settle(flow).kind, Kind::Ask);
  flow.answer(false);
  const EditFlow::Step step = settle(flow);
  EXPECT_EQ(step.message, "nothing sent");
  EXPECT_FALSE(stored()["metadata"].value("labels", json::object()).contains("team"));
}

TEST_F(EditFlowTest, UnchangedSendsNothing) {
  EditFlow flow(edit_orders(), api, editor([](json&) {}));
  const EditFlow::Step step = settle(flow);
  EXPECT_EQ(step.kind, Kind::Done);
  EXPECT_EQ(step.message, "no change: nothing sent");
}

TEST_F(EditFlowTest, TextThatIsNotYamlReopensTheEditorWithTheReasonAndGivingUpKeepsTheText) {
  int calls = 0;
  EditFlow::Hooks hooks;
  hooks.edit = [&](const std::string& path) {
    seen.push_back(read(path));
    if (++calls == 1) write(path, seen.back() + "spec: [unclosed\n");  // broken; the second time saved as shown
    return std::string();
  };
  EditFlow flow(edit_orders(), api, hooks);
  const EditFlow::Step step = settle(flow);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_NE(seen[1].find("# The last attempt was refused:\n#   line "), std::string::npos) << seen[1];
  EXPECT_NE(seen[1].find("spec: [unclosed"), std::string::npos) << "the user's text, not the original";
  EXPECT_EQ(step.kind, Kind::Done);
  EXPECT_EQ(step.severity, Severity::Warn);
  ASSERT_FALSE(flow.kept_file().empty()) << step.message;
  EXPECT_NE(step.message.find(flow.kept_file()), std::string::npos) << step.message;
  EXPECT_NE(read(flow.kept_file()).find("spec: [unclosed"), std::string::npos);
  std::filesystem::remove(flow.kept_file());
}

TEST_F(EditFlowTest, AChangeMadeMeanwhileIsAConflictNotAnOverwrite) {
  EditFlow::Hooks hooks = editor([](json& o) { o["metadata"]["labels"]["team"] = "payments"; });
  auto edit = hooks.edit;
  hooks.edit = [&, edit](const std::string& path) {
    // Someone else changes the object while the editor is open.
    api->patch(r::kFlinkDeployments, "flink-demo", "orders-app", {{"metadata", {{"labels", {{"other", "x"}}}}}},
               kube::PatchType::Merge);
    return edit(path);
  };
  EditFlow flow(edit_orders(), api, hooks);
  const EditFlow::Step step = settle(flow);
  ASSERT_EQ(step.kind, Kind::Done);
  EXPECT_EQ(step.severity, Severity::Error);
  EXPECT_NE(step.message.find("the object has been modified"), std::string::npos) << step.message;
  ASSERT_FALSE(flow.kept_file().empty());
  EXPECT_NE(read(flow.kept_file()).find("team: payments"), std::string::npos);
  std::filesystem::remove(flow.kept_file());
  EXPECT_FALSE(stored()["metadata"]["labels"].contains("team"));
}

TEST_F(EditFlowTest, AnEditorThatFailsSendsNothing) {
  EditFlow::Hooks hooks;
  hooks.edit = [](const std::string&) { return std::string("vi exited with status 1"); };
  EditFlow flow(edit_orders(), api, hooks);
  const EditFlow::Step step = settle(flow);
  EXPECT_EQ(step.message, "nothing sent: vi exited with status 1");
  EXPECT_TRUE(flow.kept_file().empty());
}

TEST_F(EditFlowTest, AMissingObjectEndsWithTheServersWords) {
  EditFlow flow({ObjectRequest::Verb::Edit, {api->context(), "FlinkDeployment", "flink-demo", "gone"}, ""}, api,
                editor([](json&) {}));
  const EditFlow::Step step = settle(flow);
  EXPECT_EQ(step.severity, Severity::Error);
  EXPECT_NE(step.message.find("not found"), std::string::npos) << step.message;
  EXPECT_TRUE(seen.empty());
}

TEST_F(EditFlowTest, NewFromTheTemplateAndATakenNameReopensTheEditor) {
  ObjectRequest request{ObjectRequest::Verb::Create, {api->context(), "FlinkDeployment", "flink-demo", ""},
                        actions::flink_deployment_template("flink-demo")};
  std::vector<std::string> names = {"orders-app", "fraud-scoring"};  // the first is taken
  EditFlow::Hooks hooks;
  hooks.edit = [&](const std::string& path) {
    seen.push_back(read(path));
    json object = kube::yaml_to_json(seen.back());
    object["metadata"]["name"] = names[seen.size() - 1];
    write(path, kube::object_yaml(object));
    return std::string();
  };
  EditFlow flow(request, api, hooks);
  EditFlow::Step step = settle(flow);
  ASSERT_EQ(step.kind, Kind::Ask) << step.message;
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_NE(seen[1].find("already exists"), std::string::npos) << seen[1];
  EXPECT_EQ(step.dialog.title, "Create FlinkDeployment");
  EXPECT_EQ(step.dialog.target, actions::describe({api->context(), "FlinkDeployment", "flink-demo", "fraud-scoring"}));
  flow.answer(true);
  step = settle(flow);
  EXPECT_EQ(step.severity, Severity::Ok) << step.message;
  EXPECT_EQ(api->get(r::kFlinkDeployments, "flink-demo", "fraud-scoring")["spec"]["job"]["upgradeMode"], "stateless");
}

TEST_F(EditFlowTest, GivingUpAfterARefusedCreateKeepsTheTextEvenWhenTheHeaderWasDropped) {
  ObjectRequest request{ObjectRequest::Verb::Create, {api->context(), "FlinkDeployment", "flink-demo", ""},
                        actions::flink_deployment_template("flink-demo")};
  EditFlow::Hooks hooks;
  hooks.edit = [&](const std::string& path) {
    seen.push_back(read(path));
    json object = kube::yaml_to_json(seen.back());
    object["metadata"]["name"] = "orders-app";  // taken, both times; the second time without our comments
    write(path, kube::object_yaml(object));
    return std::string();
  };
  EditFlow flow(request, api, hooks);
  const EditFlow::Step step = settle(flow);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(step.kind, Kind::Done);
  EXPECT_EQ(step.severity, Severity::Warn) << step.message;
  ASSERT_FALSE(flow.kept_file().empty()) << step.message;
  EXPECT_NE(read(flow.kept_file()).find("name: orders-app"), std::string::npos);
  std::filesystem::remove(flow.kept_file());
}

// A two-object template: the FlinkDeployment `name` and a Service "<name>-ui" for its Web UI.
std::vector<json> deployment_and_service(const std::string& name) {
  json deployment = kube::yaml_to_json(actions::flink_deployment_template("flink-demo"));
  deployment["metadata"]["name"] = name;
  const json service = {{"apiVersion", "v1"},
                        {"kind", "Service"},
                        {"metadata", {{"name", name + "-ui"}, {"namespace", "flink-demo"}}},
                        {"spec", {{"ports", {{{"port", 8081}}}}}}};
  return {deployment, service};
}

// A template is several objects: saved as opened (its defaults) they are still meant — only
// quitting without saving cancels —, checked together, and created in the order a cluster needs.
TEST_F(EditFlowTest, ATemplatesObjectsSavedAsOpenedAreCreatedInOrder) {
  ObjectRequest request{ObjectRequest::Verb::Create, {api->context(), "FlinkDeployment", "flink-demo", ""},
                        actions::manifest_yaml(deployment_and_service("fraud-scoring"))};
  EditFlow::Hooks hooks;
  hooks.edit = [&](const std::string& path) {
    seen.push_back(read(path));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // past the file clock's granularity
    write(path, seen.back());                                     // :wq without a change
    return std::string();
  };
  EditFlow flow(request, api, hooks);
  EditFlow::Step step = settle(flow);
  ASSERT_EQ(step.kind, Kind::Ask) << step.message;
  EXPECT_EQ(step.dialog.title, "Create 2 objects");
  EXPECT_EQ(step.dialog.body, (std::vector<std::string>{
                                  "The API server accepted them all in a dry run. Create them, in this order?",
                                  "+ Service flink-demo/fraud-scoring-ui", "+ FlinkDeployment flink-demo/fraud-scoring"}));
  flow.answer(true);
  step = settle(flow);
  EXPECT_EQ(step.severity, Severity::Ok) << step.message;
  EXPECT_EQ(step.message, "created 2 objects: Service flink-demo/fraud-scoring-ui, FlinkDeployment flink-demo/fraud-scoring");
  EXPECT_EQ(api->get(r::kServices, "flink-demo", "fraud-scoring-ui")["metadata"]["name"], "fraud-scoring-ui");

  // Quitting without saving: nothing sent.
  EditFlow::Hooks quit;
  quit.edit = [](const std::string&) { return std::string(); };
  EditFlow cancelled(request, api, quit);
  EXPECT_EQ(settle(cancelled).message, "no change: nothing sent");
}

// Refused part way (the second object appeared meanwhile): what was made is offered for deletion,
// and deleted on Yes — nothing half-made stays behind.
TEST_F(EditFlowTest, ACreateRefusedPartWayOffersToDeleteWhatItMade) {
  const std::vector<json> objects = deployment_and_service("late-arrival");
  const json& deployment = objects[0];
  ObjectRequest request{ObjectRequest::Verb::Create, {api->context(), "FlinkDeployment", "flink-demo", ""}, ""};
  EditFlow::Hooks hooks;
  hooks.edit = [&](const std::string& path) {
    write(path, actions::manifest_yaml(objects));
    return std::string();
  };
  // Someone else creates the FlinkDeployment the moment the Service (created first) is stored:
  // after every check passed.
  env.kube().on_client_write([&](const kube::ResourceType& type, const std::string& verb, const json& object) {
    if (type.plural == "services" && verb == "ADDED" && object["metadata"]["name"] == "late-arrival-ui") {
      env.kube().add(r::kFlinkDeployments, deployment);
    }
  });
  EditFlow flow(request, api, hooks);
  ASSERT_EQ(settle(flow).kind, Kind::Ask);
  flow.answer(true);
  EditFlow::Step step = settle(flow);
  ASSERT_EQ(step.kind, Kind::Ask) << step.message;
  EXPECT_EQ(step.dialog.title, "Create failed part way");
  EXPECT_EQ(step.dialog.yes, "delete");
  ASSERT_GE(step.dialog.body.size(), 3u);
  EXPECT_EQ(step.dialog.body[0].rfind("FlinkDeployment flink-demo/late-arrival was refused: ", 0), 0u) << step.dialog.body[0];
  EXPECT_EQ(step.dialog.body[1], "created before it (they exist now): Service flink-demo/late-arrival-ui");
  EXPECT_EQ(step.dialog.body.back(), "Delete what was created, so that nothing half-made stays behind?");
  flow.answer(true);
  step = settle(flow);
  EXPECT_EQ(step.severity, Severity::Error);
  EXPECT_EQ(step.message.rfind("not created, and what was made is deleted again: FlinkDeployment flink-demo/late-arrival "
                               "was refused",
                               0),
            0u)
      << step.message;
  EXPECT_THROW(api->get(r::kServices, "flink-demo", "late-arrival-ui"), Error);
  if (!flow.kept_file().empty()) std::filesystem::remove(flow.kept_file());
}

}  // namespace
}  // namespace flinktop::tui
