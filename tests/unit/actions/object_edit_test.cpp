// Reading back what the user edited: unchanged files send nothing, renames are refused, the
// resourceVersion is kept for the conflict check, and the change is said in words; the templates
// for new objects are valid objects of the Flink operator's CRDs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/actions/create_objects.hpp"
#include "core/actions/object_edit.hpp"
#include "core/error.hpp"
#include "core/kube/yaml_json.hpp"

namespace flinktop::actions {
namespace {

using nlohmann::json;

const ObjectKey kOrders{"prod", "FlinkDeployment", "flink", "orders"};

json orders() {
  return {{"apiVersion", "flink.apache.org/v1beta1"},
          {"kind", "FlinkDeployment"},
          {"metadata",
           {{"name", "orders"}, {"namespace", "flink"}, {"resourceVersion", "41"},
            {"managedFields", json::array({{{"manager", "kubectl"}}})}}},
          {"spec", {{"job", {{"parallelism", 2}, {"upgradeMode", "savepoint"}}}}},
          {"status", {{"lifecycleState", "STABLE"}}}};
}

std::string opened() { return editor_text(edit_title(kOrders), kube::object_yaml(orders())); }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST(ObjectEdit, TheEditorTextSaysWhatIsEditedAndLeavesManagedFieldsOut) {
  const std::string text = opened();
  EXPECT_EQ(text.rfind("# Editing FlinkDeployment flink/orders (context prod).\n", 0), 0u) << text;
  EXPECT_EQ(text.find("managedFields"), std::string::npos) << text;
  EXPECT_NE(text.find("parallelism: 2"), std::string::npos) << text;
}

TEST(ObjectEdit, SavedAsOpenedOrOnlyReformattedIsUnchanged) {
  EXPECT_TRUE(read_edit(kOrders, orders(), opened(), opened()).unchanged);
  const std::string reformatted = "# my note\n" + replace_all(opened(), "parallelism: 2", "parallelism: 2   # same");
  EXPECT_TRUE(read_edit(kOrders, orders(), opened(), reformatted).unchanged);
  EXPECT_TRUE(read_edit(kOrders, orders(), opened(), "").unchanged);  // emptied: cancelled
}

TEST(ObjectEdit, AChangeIsSaidInWordsAndKeepsTheResourceVersion) {
  std::string edited = replace_all(opened(), "parallelism: 2", "parallelism: 3");
  edited = replace_all(edited, "  resourceVersion: \"41\"\n", "");  // removed: put back
  const EditOutcome out = read_edit(kOrders, orders(), opened(), edited + "  extra: added\n");
  ASSERT_FALSE(out.unchanged);
  EXPECT_EQ(out.object["metadata"]["resourceVersion"], "41");
  EXPECT_EQ(out.object["spec"]["job"]["parallelism"], 3);
  ASSERT_EQ(out.changes.size(), 2u) << json(out.changes).dump();
  EXPECT_EQ(out.changes[0], "spec.job.parallelism: 2 → 3");
  EXPECT_EQ(out.changes[1], "+ status.extra: \"added\"");
}

TEST(ObjectEdit, RenamingMovingOrReKindingIsRefused) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"name: orders", "name: orders-2"}, {"namespace: flink", "namespace: other"},
           {"kind: FlinkDeployment", "kind: FlinkSessionJob"}, {"v1beta1", "v1"}}) {
    try {
      read_edit(kOrders, orders(), opened(), replace_all(opened(), from, to));
      ADD_FAILURE() << "accepted " << to;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Usage);
      EXPECT_NE(std::string(e.what()).find("for a new object use n"), std::string::npos) << e.what();
    }
  }
}

TEST(ObjectEdit, TextThatIsNotAnObjectIsADecodeError) {
  EXPECT_THROW(read_edit(kOrders, orders(), opened(), "spec: [broken"), Error);
  EXPECT_THROW(read_edit(kOrders, orders(), opened(), "- a\n- b\n"), Error);
}

TEST(ObjectEdit, ReopeningAfterARefusalPutsTheReasonFirstWithoutStackingHeaders) {
  const std::string again = editor_text(edit_title(kOrders), opened(), "spec.job.upgradeMode: Unsupported value\nsecond line");
  EXPECT_EQ(again.find("# Editing"), 0u);
  EXPECT_EQ(again.find("# Editing", 1), std::string::npos) << again;
  EXPECT_NE(again.find("# The last attempt was refused:\n#   spec.job.upgradeMode: Unsupported value\n#   second line\n"),
            std::string::npos)
      << again;
  EXPECT_TRUE(read_edit(kOrders, orders(), again, again).unchanged);
}

TEST(ObjectEdit, ChangeSummaryStopsAtItsLimit) {
  json before = json::object(), after = json::object();
  for (int i = 0; i < 20; ++i) after["k" + std::to_string(i)] = i;
  const auto lines = change_summary(before, after, 5);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines.back(), "… and 16 more");
}

TEST(ObjectCreate, TheTemplatesAreFlinkOperatorObjectsInTheirNamespace) {
  const json deployment = kube::yaml_to_json(flink_deployment_template("team-a"));
  EXPECT_EQ(deployment["kind"], "FlinkDeployment");
  EXPECT_EQ(deployment["metadata"]["namespace"], "team-a");
  EXPECT_EQ(deployment["spec"]["flinkConfiguration"]["taskmanager.numberOfTaskSlots"], "2");  // a string map
  EXPECT_EQ(deployment["spec"]["job"]["upgradeMode"], "stateless");
  const json job = kube::yaml_to_json(session_job_template("team-a", "shared"));
  EXPECT_EQ(job["kind"], "FlinkSessionJob");
  EXPECT_EQ(job["spec"]["deploymentName"], "shared");
}

TEST(ObjectCreate, TheTemplateAsShownIsUnchangedANewNameIsACreate) {
  const std::string text = editor_text(create_title("prod", "team-a"), flink_deployment_template("team-a"));
  EXPECT_TRUE(read_create("team-a", text, text, /*saved=*/false).unchanged);
  EXPECT_TRUE(read_create("team-a", text, "# all gone\n", /*saved=*/true).unchanged);
  const EditOutcome out =
      read_create("team-a", text, replace_all(text, "name: new-application", "name: fraud"), /*saved=*/true);
  ASSERT_FALSE(out.unchanged);
  EXPECT_EQ(out.object["metadata"]["name"], "fraud");
  ASSERT_EQ(out.changes.size(), 1u);
  EXPECT_EQ(out.changes[0], "+ FlinkDeployment team-a/fraud");
}

// Saving a template as shown takes its defaults; only quitting without saving cancels. A text of
// several documents is every object of it, in its order.
TEST(ObjectCreate, ATemplateSavedAsShownIsMeantAndEveryDocumentCounts) {
  const std::string text = editor_text(create_title("prod", "team-a"), flink_deployment_template("team-a") +
                                                                            "---\napiVersion: v1\nkind: Service\n"
                                                                            "metadata:\n  name: ui\nspec: {}\n");
  const EditOutcome out = read_create("team-a", text, text, /*saved=*/true);
  ASSERT_FALSE(out.unchanged);
  ASSERT_EQ(out.objects.size(), 2u);
  EXPECT_EQ(out.changes, (std::vector<std::string>{"+ FlinkDeployment team-a/new-application", "+ Service team-a/ui"}));
  EXPECT_EQ(out.objects[1]["metadata"]["namespace"], "team-a");
  EXPECT_THROW(read_create("team-a", text, "kind: [unclosed\n", /*saved=*/true), Error);
}

TEST(ObjectCreate, TheNamespaceDefaultsAndUnknownKindsAreRefused) {
  const EditOutcome out =
      read_create("team-a", "", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec: {}\n", false);
  EXPECT_EQ(out.object["metadata"]["namespace"], "team-a");
  EXPECT_THROW(read_create("team-a", "", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n", false), Error);
  EXPECT_THROW(read_create("team-a", "", "apiVersion: v1\nkind: Pod\nmetadata: {}\n", false), Error);
}

}  // namespace
}  // namespace flinktop::actions
