// n (new), e (edit) and ctrl-d (delete), pressed where they apply: what each asks the App to do,
// for exactly which object, and the delete dialog that names it and defaults to No. Where the key
// means nothing sensible, one line says why and nothing is asked.
#include <gtest/gtest.h>

#include "support/run_command.hpp"
#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

using K = Key::Kind;
using Verb = ObjectRequest::Verb;

void expect_key(const actions::ObjectKey& key, const char* kind, const char* ns, const char* name) {
  EXPECT_EQ(key.context, kContext);
  EXPECT_EQ(key.kind, kind);
  EXPECT_EQ(key.namespace_, ns);
  EXPECT_EQ(key.name, name);
}

TEST(DeleteKey, AnOperatorClusterIsItsFlinkDeploymentAskedFirstWithNoFocused) {
  UiScreen s;
  s.type("/orders\n");
  s.press(Key::ctrl('d'));
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  const Dialog& d = *s.ui().dialog();
  EXPECT_EQ(d.content().title, "Delete FlinkDeployment");
  EXPECT_EQ(d.content().target, "FlinkDeployment flink/orders (context kind-prod)");
  EXPECT_EQ(d.content().yes, "delete");
  EXPECT_EQ(d.focus(), Dialog::Focus::No);
  EXPECT_NE(s.text().find("savepoint-on-deletion"), std::string::npos) << s.text();
  s.press(Key::named(K::Enter));  // on No: out of habit, nothing happens
  EXPECT_TRUE(s.objects.empty());
  EXPECT_EQ(s.flash(), "nothing done");

  s.press(Key::ctrl('d'));
  s.type("y");
  ASSERT_EQ(s.objects.size(), 1u);
  EXPECT_EQ(s.objects[0].verb, Verb::Delete);
  expect_key(s.objects[0].key, "FlinkDeployment", "flink", "orders");
  ASSERT_EQ(s.ui().status().in_flight.size(), 1u);
  EXPECT_EQ(s.ui().status().in_flight[0].label, "delete FlinkDeployment flink/orders");
}

TEST(DeleteKey, ANativeClusterIsItsJobManagerDeployment) {
  UiScreen s;
  s.type("/adhoc\n");
  s.press(Key::ctrl('d'));
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  EXPECT_EQ(s.ui().dialog()->content().target, "Deployment adhoc/adhoc (context kind-prod)");
  EXPECT_NE(s.ui().dialog()->content().body[0].find("the whole cluster"), std::string::npos);
  s.type("y");
  ASSERT_EQ(s.objects.size(), 1u);
  expect_key(s.objects[0].key, "Deployment", "adhoc", "adhoc");
}

TEST(DeleteKey, InTheJobsViewTheApplicationsJobIsItsFlinkDeploymentAnotherJobIsRefused) {
  UiScreen s;
  s.type("/orders\n\n");  // its jobs, the running application job selected
  s.press(Key::ctrl('d'));
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  EXPECT_EQ(s.ui().dialog()->content().target, "FlinkDeployment flink/orders (context kind-prod)");
  s.press(Key::named(K::Escape));

  s.type("j");  // the failed backfill job: only REST knows it
  s.press(Key::ctrl('d'));
  EXPECT_FALSE(s.ui().dialog());
  EXPECT_NE(s.flash().find("not a Kubernetes object (it was submitted to its cluster directly)"), std::string::npos)
      << s.flash();
  EXPECT_NE(s.flash().find("(c cancels it; ctrl-d in the clusters view deletes the cluster)"), std::string::npos)
      << s.flash();
  EXPECT_TRUE(s.objects.empty());
}

TEST(DeleteKey, APodInThePodsView) {
  UiScreen s;
  s.type("/orders\np");
  s.type("/taskmanager-1-2\n");
  s.press(Key::ctrl('d'));
  ASSERT_TRUE(s.ui().dialog()) << s.flash() << s.text();
  EXPECT_EQ(s.ui().dialog()->content().target, "Pod flink/orders-taskmanager-1-2 (context kind-prod)");
  EXPECT_NE(s.ui().dialog()->content().body[0].find("fail over to the last checkpoint"), std::string::npos);
  s.type("y");
  ASSERT_EQ(s.objects.size(), 1u);
  expect_key(s.objects[0].key, "Pod", "flink", "orders-taskmanager-1-2");
}

TEST(DeleteKey, OnAPodsYamlItIsThatPodNotItsCluster) {
  UiScreen s;
  s.type("/orders\np");
  s.type("/taskmanager-1-2\n");
  s.type("y");  // the pod's YAML
  ASSERT_NE(s.text().find("orders-taskmanager-1-2"), std::string::npos) << s.text();
  s.press(Key::ctrl('d'));
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  EXPECT_EQ(s.ui().dialog()->content().target, "Pod flink/orders-taskmanager-1-2 (context kind-prod)");
  s.press(Key::named(K::Escape));
  s.type("e");
  ASSERT_EQ(s.objects.size(), 1u);
  expect_key(s.objects[0].key, "Pod", "flink", "orders-taskmanager-1-2");
}

TEST(EditKey, AsksTheAppToEditTheObjectInViewWithoutADialogFirst) {
  UiScreen s;
  s.type("/orders\n");
  s.type("e");
  EXPECT_FALSE(s.ui().dialog());  // the dialog comes after the editor, with the change
  ASSERT_EQ(s.objects.size(), 1u);
  EXPECT_EQ(s.objects[0].verb, Verb::Edit);
  expect_key(s.objects[0].key, "FlinkDeployment", "flink", "orders");
}

TEST(EditKey, ACrdLessClusterSaysWhatToEditInstead) {
  UiScreen s;
  s.type("/adhoc\n");
  s.type("e");
  EXPECT_TRUE(s.objects.empty());
  EXPECT_NE(s.flash().find("without an operator resource"), std::string::npos) << s.flash();
}

// The shipped templates only: none of the user's.
class NewKey : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv("XDG_CONFIG_HOME", config_.path().c_str(), 1); }
  void TearDown() override { ::unsetenv("XDG_CONFIG_HOME"); }
  test::TempDir config_;
};

TEST_F(NewKey, TheClustersViewOffersTheTemplatesForTheSelectedClustersNamespace) {
  UiScreen s;
  s.type("/orders\n");
  s.type("n");
  EXPECT_TRUE(s.objects.empty());
  const std::string screen = s.text();
  EXPECT_NE(screen.find("Templates(kind-prod/flink)"), std::string::npos) << screen;
  for (const char* name : {"operator-application", "operator-session", "session-job", "pyflink-application",
                           "standalone-session", "standalone-application", "native-session"}) {
    EXPECT_NE(screen.find(name), std::string::npos) << name << "\n" << screen;
  }
  EXPECT_NE(screen.find("ConfigMap, Service ×2, Deployment ×2"), std::string::npos) << screen;  // standalone-session
  EXPECT_NE(screen.find("a command for Flink's client"), std::string::npos) << screen;

  s.type("/^operator-application\n\n");  // filter to it, Enter uses it
  ASSERT_EQ(s.objects.size(), 1u) << s.flash();
  const ObjectRequest& r = s.objects[0];
  EXPECT_EQ(r.verb, Verb::Create);
  EXPECT_EQ(r.key.kind, "FlinkDeployment");
  EXPECT_EQ(r.key.context, kContext);
  EXPECT_EQ(r.key.namespace_, "flink");
  EXPECT_NE(r.template_yaml.find("kind: FlinkDeployment"), std::string::npos) << r.template_yaml;
  EXPECT_NE(r.template_yaml.find("namespace: flink\n"), std::string::npos) << r.template_yaml;
  EXPECT_EQ(action_label(r), "create FlinkDeployment in flink");
  EXPECT_EQ(s.text().find("Templates("), std::string::npos);  // back in the clusters view
}

TEST_F(NewKey, AStandaloneTemplateIsEveryObjectOfIt) {
  ViewData empty = view_data(false);
  empty.clusters = std::make_shared<const model::ClusterList>();
  UiScreen s(settings(), std::move(empty));
  s.type("n/^standalone-session\n\n");
  ASSERT_EQ(s.objects.size(), 1u) << s.flash();
  EXPECT_EQ(s.objects[0].key.context, kContext);
  EXPECT_EQ(s.objects[0].key.namespace_, "default");
  const std::string& yaml = s.objects[0].template_yaml;
  for (const char* kind : {"kind: ConfigMap", "kind: Service", "kind: Deployment"}) {
    EXPECT_NE(yaml.find(kind), std::string::npos) << kind << "\n" << yaml;
  }
  std::size_t documents = 1;
  for (std::size_t at = yaml.find("\n---\n"); at != std::string::npos; at = yaml.find("\n---\n", at + 1)) ++documents;
  EXPECT_EQ(documents, 5u) << yaml;
}

TEST_F(NewKey, ANativeTemplateIsACommandToCopyNeverRun) {
  UiScreen s;
  s.type("/adhoc\nn/^native-session\n\n");
  EXPECT_TRUE(s.objects.empty());
  ASSERT_TRUE(s.ui().dialog()) << s.flash();
  const DialogContent c = s.ui().dialog()->content();
  EXPECT_EQ(c.title, "Flink's client creates native clusters");
  EXPECT_EQ(c.yes, "copy");
  ASSERT_GE(c.body.size(), 2u);
  EXPECT_NE(c.body[1].find("kubernetes-session.sh"), std::string::npos) << c.body[1];
  s.type("y");
  ASSERT_EQ(s.copied.size(), 1u);
  EXPECT_NE(s.copied[0].find("kubernetes.namespace=adhoc"), std::string::npos) << s.copied[0];
}

TEST_F(NewKey, ASessionJobTemplateNamesTheSelectedSessionCluster) {
  UiScreen s;
  s.type("/analytics\nn/^session-job\n\n");
  ASSERT_EQ(s.objects.size(), 1u) << s.flash();
  EXPECT_EQ(s.objects[0].key.kind, "FlinkSessionJob");
  EXPECT_NE(s.objects[0].template_yaml.find("deploymentName: analytics"), std::string::npos) << s.objects[0].template_yaml;
}

TEST_F(NewKey, AnOperatorSessionClustersJobsViewOffersAFlinkSessionJobForIt) {
  UiScreen s;
  s.type("/analytics\n\n");
  s.type("n");
  ASSERT_EQ(s.objects.size(), 1u) << s.flash();
  EXPECT_EQ(s.objects[0].key.kind, "FlinkSessionJob");
  EXPECT_NE(s.objects[0].template_yaml.find("deploymentName: analytics"), std::string::npos);
}

TEST_F(NewKey, ApplicationAndNonOperatorClustersSayWhatToDoInstead) {
  {
    UiScreen s;
    s.type("/orders\n\n");
    s.type("n");
    EXPECT_TRUE(s.objects.empty());
    EXPECT_NE(s.flash().find("application cluster that runs one job"), std::string::npos) << s.flash();
  }
  {
    UiScreen s;
    s.type("/adhoc\n\n");
    s.type("n");
    EXPECT_TRUE(s.objects.empty());
    EXPECT_NE(s.flash().find("flinktop submit JAR --cluster adhoc/adhoc"), std::string::npos) << s.flash();
  }
}

}  // namespace
}  // namespace flinktop::tui::testing
