// Templates as users write and use them: keys with types and defaults in the header, values put
// into the parsed documents (typed where a placeholder is a whole value, removed where empty,
// spliced into lists), commands for Flink's client shown with each value one shell word — and the
// one-line errors for a header or a value that is wrong. The shipped templates all render.
#include "core/actions/templates.hpp"

#include <gtest/gtest.h>

#include "core/actions/create_objects.hpp"
#include "support/run_command.hpp"
#include "tests/support/expect_error.hpp"

namespace flinktop::actions {
namespace {

using nlohmann::json;

const char* kDeployment = R"(# description: a test application
# key name: my-app — its name
# key namespace: default — where
# key parallelism int: 2 — parallelism
# key cpu number: 1 — CPUs
# key entryClass: — main class
# key args list: — arguments
# key savepointDir: — savepoints
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: {app: "${name}-label"}
spec:
  flinkConfiguration:
    state.savepoints.dir: ${savepointDir}
  jobManager: {resource: {cpu: "${cpu}"}}
  job:
    entryClass: ${entryClass}
    args: ["--first", "${args}", "--last"]
    parallelism: ${parallelism}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: "${name}-config"}
data:
  config.yaml: |
    parallelism.default: ${parallelism}
    state.savepoints.dir: ${savepointDir}
)";

TEST(Templates, TheHeaderDeclaresKeysWithTypesDefaultsAndHelp) {
  const Template t = parse_template("app", "/t/app.yaml", kDeployment);
  EXPECT_EQ(t.description, "a test application");
  EXPECT_FALSE(t.command);
  ASSERT_EQ(t.keys.size(), 7u);
  EXPECT_EQ(t.keys[2].name, "parallelism");
  EXPECT_EQ(t.keys[2].type, TemplateKey::Type::Int);
  EXPECT_EQ(t.keys[2].default_value, "2");
  EXPECT_EQ(t.keys[2].help, "parallelism");
  EXPECT_EQ(t.keys[4].default_value, "");
}

TEST(Templates, DefaultsFillTheObjectsTypedAndEmptyOnesAreLeftOut) {
  const Rendered r = render(parse_template("app", "/t/app.yaml", kDeployment), {});
  ASSERT_EQ(r.objects.size(), 2u);
  const json& d = r.objects[0];
  EXPECT_EQ(d["metadata"]["name"], "my-app");
  EXPECT_EQ(d["metadata"]["labels"]["app"], "my-app-label");
  EXPECT_EQ(d["spec"]["job"]["parallelism"], 2);  // a number, not "2"
  EXPECT_EQ(d["spec"]["jobManager"]["resource"]["cpu"], 1);
  EXPECT_FALSE(d["spec"]["job"].contains("entryClass"));
  EXPECT_EQ(d["spec"]["job"]["args"], json::array({"--first", "--last"}));
  EXPECT_FALSE(d["spec"]["flinkConfiguration"].contains("state.savepoints.dir"));
  // In a block of text, a line whose keys are all empty goes; the others are filled in.
  EXPECT_EQ(r.objects[1]["data"]["config.yaml"], "parallelism.default: 2\n");
}

TEST(Templates, ValuesAreTypedSplicedAndNeverChangeTheShape) {
  const Rendered r = render(parse_template("app", "/t/app.yaml", kDeployment),
                            {{"name", "orders"}, {"parallelism", "8"}, {"cpu", "0.5"}, {"args", "a, b c ,d"},
                             {"savepointDir", "s3://bucket/savepoints"}, {"entryClass", "x\n  injected: true"}});
  const json& d = r.objects[0];
  EXPECT_EQ(d["spec"]["job"]["parallelism"], 8);
  EXPECT_EQ(d["spec"]["jobManager"]["resource"]["cpu"], 0.5);
  EXPECT_EQ(d["spec"]["job"]["args"], json::array({"--first", "a", "b c", "d", "--last"}));
  EXPECT_EQ(d["spec"]["flinkConfiguration"]["state.savepoints.dir"], "s3://bucket/savepoints");
  EXPECT_EQ(d["spec"]["job"]["entryClass"], "x\n  injected: true");  // one string, not a new field
  EXPECT_FALSE(d["spec"]["job"].contains("injected"));
  EXPECT_EQ(r.objects[1]["data"]["config.yaml"], "parallelism.default: 8\nstate.savepoints.dir: s3://bucket/savepoints\n");
}

TEST(Templates, AnUnknownKeyOrAValueOfTheWrongTypeIsOneLine) {
  const Template t = parse_template("app", "/t/app.yaml", kDeployment);
  EXPECT_EQ(test::error_of([&] { render(t, {{"paralelism", "2"}}); }, ErrorKind::Usage),
            "the template app has no key \"paralelism\"; its keys: name, namespace, parallelism, cpu, entryClass, args, "
            "savepointDir");
  EXPECT_EQ(test::error_of([&] { render(t, {{"parallelism", "two"}}); }, ErrorKind::Usage),
            "parallelism=two: parallelism takes a whole number");
  EXPECT_EQ(test::error_of([&] { render(t, {{"cpu", "1,5"}}); }, ErrorKind::Usage), "cpu=1,5: cpu takes a number");
}

TEST(Templates, AHeaderThatCannotBeReadNamesTheFileAndLine) {
  EXPECT_EQ(test::error_of([] { parse_template("x", "/t/x.yaml", "# key name: a\nkind: Pod\n"); }, ErrorKind::Config),
            "template /t/x.yaml line 1: the template says nothing of itself: start it with \"# description: …\"");
  EXPECT_EQ(test::error_of([] { parse_template("x", "/t/x.yaml", "# description: d\n# key n float: 1\n"); }, ErrorKind::Config),
            "template /t/x.yaml line 2: \"float\" is not a type (text, int, number, bool, list)");
  EXPECT_EQ(test::error_of([] { parse_template("x", "/t/x.yaml", "# description: d\n# key n: 1\n# key n: 2\n"); },
                           ErrorKind::Config),
            "template /t/x.yaml line 3: the key n is declared twice");
  EXPECT_EQ(test::error_of([] { parse_template("x", "/t/x.yaml", "# description: d\nkind: Pod\nname: ${nmae}\n"); },
                           ErrorKind::Config),
            "template /t/x.yaml line 3: ${nmae} is not a key of this template (declare it: \"# key nmae: DEFAULT\")");
}

TEST(Templates, ACommandTemplateDropsLinesWhoseKeysAreEmptyAndQuotesEveryValue) {
  const Template t = parse_template("native", "/t/native.sh", R"(# description: native
# key name: my-cluster — id
# key entryClass: — class
# key args list: — arguments
./bin/flink run-application --target kubernetes-application
  -Dkubernetes.cluster-id=${name}
  --class ${entryClass}
  local:///opt/flink/usrlib/job.jar
  ${args}
)");
  EXPECT_TRUE(t.command);
  EXPECT_EQ(render(t, {}).command,
            (std::vector<std::string>{"./bin/flink run-application --target kubernetes-application",
                                      "-Dkubernetes.cluster-id=my-cluster", "local:///opt/flink/usrlib/job.jar"}));
  EXPECT_EQ(render(t, {{"name", "it's; rm -rf /"}, {"entryClass", "com.example.Job"}, {"args", "--input, a b"}}).command,
            (std::vector<std::string>{"./bin/flink run-application --target kubernetes-application",
                                      "'-Dkubernetes.cluster-id=it'\\''s; rm -rf /'", "--class com.example.Job",
                                      "local:///opt/flink/usrlib/job.jar", "--input 'a b'"}));
}

TEST(Templates, TheUsersTemplateOfANameOverridesTheShippedOne) {
  test::TempDir user, shipped;
  user.write("operator-application.yaml", "# description: mine\nkind: Pod\n");
  shipped.write("operator-application.yaml", "# description: shipped\nkind: Pod\n");
  shipped.write("other.sh", "# description: other\necho\n");
  shipped.write("README.md", "not a template");
  const auto templates = load_templates({user.path(), "/nonexistent", shipped.path()});
  ASSERT_EQ(templates.size(), 2u);
  EXPECT_EQ(templates[0].name, "operator-application");
  EXPECT_EQ(templates[0].description, "mine");
  EXPECT_EQ(templates[1].name, "other");
  EXPECT_TRUE(templates[1].command);
}

// Every template in templates/ reads, renders with its defaults, and makes objects flinktop
// creates (or a command); what each makes is named here, so a template that loses an object fails.
TEST(Templates, EveryShippedTemplateRendersWithItsDefaults) {
  const auto templates = load_templates({std::string(FLINKTOP_SOURCE_DIR) + "/templates"});
  std::map<std::string, std::string> made;
  for (const Template& t : templates) {
    const Rendered r = render(t, {{"namespace", "flink-apps"}});
    std::string kinds;
    if (t.command) {
      kinds = "command";
      EXPECT_GE(r.command.size(), 4u) << t.name;
    }
    for (const json& object : in_creation_order(r.objects)) {
      kinds += (kinds.empty() ? "" : ",") + object.value("kind", "?");
      EXPECT_EQ(object["metadata"]["namespace"], "flink-apps") << t.name;
      EXPECT_EQ(read_new_object("flink-apps", object).object, object) << t.name;  // one flinktop creates
      EXPECT_EQ(object.dump().find("${"), std::string::npos) << t.name << ": " << object.dump();
    }
    made[t.name] = kinds;
  }
  EXPECT_EQ(made, (std::map<std::string, std::string>{
                      {"native-application", "command"},
                      {"native-pyflink-application", "command"},
                      {"native-session", "command"},
                      {"operator-application", "FlinkDeployment"},
                      {"operator-session", "FlinkDeployment"},
                      {"pyflink-application", "FlinkDeployment"},
                      {"session-job", "FlinkSessionJob"},
                      {"standalone-application", "ConfigMap,Service,Service,Job,Deployment"},
                      {"standalone-session", "ConfigMap,Service,Service,Deployment,Deployment"},
                  }));
}

TEST(Templates, ShellWordsAreQuotedOnlyWhenTheyNeedIt) {
  EXPECT_EQ(shell_word("-Dkubernetes.cluster-id=orders"), "-Dkubernetes.cluster-id=orders");
  EXPECT_EQ(shell_word("a b"), "'a b'");
  EXPECT_EQ(shell_word("$(reboot)"), "'$(reboot)'");
  EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_word(""), "''");
}

}  // namespace
}  // namespace flinktop::actions
