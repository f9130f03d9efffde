// YAML ↔ JSON for Kubernetes objects: what the editor shows reads back as the same object, plain
// scalars get the types Kubernetes' reader gives them, and bad text is one line with its place.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "core/kube/yaml_json.hpp"

namespace flinktop::kube {
namespace {

using nlohmann::json;

TEST(YamlToJson, PlainScalarsAreTypedQuotedOnesStayText) {
  const json j = yaml_to_json(R"(
int: 42
negative: -7
hex: 0x1F
octal: 0o17
float: 2.5
exp: 1e3
yes_is_text: yes
on_is_text: on
true: true
False: False
nothing: null
tilde: ~
empty:
version: "1.20"
quoted_int: '42'
quoted_true: "true"
memory: 2048m
cpu: 1
big: 18446744073709551615
text: hello world
)");
  EXPECT_EQ(j["int"], 42);
  EXPECT_EQ(j["negative"], -7);
  EXPECT_EQ(j["hex"], 31);
  EXPECT_EQ(j["octal"], 15);
  EXPECT_EQ(j["float"], 2.5);
  EXPECT_EQ(j["exp"], 1000.0);
  EXPECT_EQ(j["yes_is_text"], "yes");  // YAML 1.1's booleans are text in 1.2, as in Kubernetes
  EXPECT_EQ(j["on_is_text"], "on");
  EXPECT_EQ(j["true"], true);
  EXPECT_EQ(j["False"], false);
  EXPECT_TRUE(j["nothing"].is_null());
  EXPECT_TRUE(j["tilde"].is_null());
  EXPECT_TRUE(j["empty"].is_null());
  EXPECT_EQ(j["version"], "1.20");
  EXPECT_EQ(j["quoted_int"], "42");
  EXPECT_EQ(j["quoted_true"], "true");
  EXPECT_EQ(j["memory"], "2048m");
  EXPECT_EQ(j["cpu"], 1);
  EXPECT_EQ(j["big"].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(j["text"], "hello world");
}

TEST(YamlToJson, BlockScalarsListsAndAnchors) {
  const json j = yaml_to_json(R"(
script: |
  line one
  line two
args: [--input, "s3://in", 3]
base: &base {a: 1}
copy: *base
)");
  EXPECT_EQ(j["script"], "line one\nline two\n");
  EXPECT_EQ(j["args"], json::array({"--input", "s3://in", 3}));
  EXPECT_EQ(j["copy"], json({{"a", 1}}));
}

TEST(YamlToJson, WhatObjectYamlWritesReadsBackAsTheSameObject) {
  const json object = {
      {"apiVersion", "flink.apache.org/v1beta1"},
      {"kind", "FlinkDeployment"},
      {"metadata", {{"name", "orders"}, {"namespace", "flink"}, {"labels", json::object()}, {"resourceVersion", "123"}}},
      {"spec",
       {{"flinkVersion", "v1_20"},
        {"flinkConfiguration", {{"taskmanager.numberOfTaskSlots", "2"}, {"state.savepoints.dir", "s3://sp"}}},
        {"job", {{"parallelism", 2}, {"args", {"--a", "true", "1.5", "", "null", "0x1F", "0o17", "yes", "[x]", "a: b", "- x", "#c", "~", "1e3", ".inf"}}, {"allowNonRestoredState", false}}},
        {"podTemplate",
         {{"note", "two\nlines"}, {"script", "echo a\necho b\n"}, {"blank-lines", "a\n\n"}, {"indented", "  x\ny\n"},
          {"ratio", 0.25}, {"empty", json::array()}, {"none", nullptr}}}}}};
  EXPECT_EQ(yaml_to_json(object_yaml(object)), object) << object_yaml(object);
  EXPECT_NE(object_yaml(object).find("script: |\n"), std::string::npos) << "a script stays readable";
}

TEST(YamlToJson, BadTextSaysWhereInOneLine) {
  try {
    yaml_to_json("spec:\n  job: [unclosed\n  x: 1\n");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Decode);
    EXPECT_EQ(std::string(e.what()).rfind("line ", 0), 0u) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
  EXPECT_THROW(yaml_to_json("a: 1\na: 2\n"), Error);             // a key twice
  EXPECT_THROW(yaml_to_json("? [a, b]\n: 1\n"), Error);          // a key that is a list
  EXPECT_THROW(yaml_to_json("a: 1\n---\nb: 2\n"), Error);        // two documents
  EXPECT_TRUE(yaml_to_json("# only a comment\n").is_null());
  EXPECT_TRUE(yaml_to_json("").is_null());
}

TEST(YamlToJson, AliasesCannotExplode) {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  try {
    yaml_to_json(bomb);
    FAIL() << "a billion values were built";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("more than 100000 values"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace flinktop::kube
