// Flink's error texts → one readable line: class prefixes dropped, stack frames ignored, the
// detailed entry preferred over "Internal server error.", Kubernetes Status messages understood.
#include "core/flink/error_text.hpp"

#include <gtest/gtest.h>

namespace flinktop::flink {
namespace {

TEST(FlinkErrorText, KeepsTheHumanPartOfTheFirstLine) {
  EXPECT_EQ(java_message(
                "org.apache.flink.runtime.rest.handler.RestHandlerException: Config key "
                "[state.savepoints.dir] is not set. Property [target-directory] must be provided.\n"
                "\tat org.apache.flink.runtime.rest.handler.job.savepoints.SavepointHandlers.x(S.java:1)\n"),
            "Config key [state.savepoints.dir] is not set. Property [target-directory] must be provided.");
  EXPECT_EQ(
      java_message("java.util.concurrent.CompletionException: org.apache.flink.runtime.checkpoint."
                   "CheckpointException: Checkpoint expired before completing.\n\tat a.b.C.d(C.java:1)"),
      "Checkpoint expired before completing.");
  EXPECT_EQ(java_message("Job 00000000000000000000000000000000 not found"),
            "Job 00000000000000000000000000000000 not found");
  // "file:" or a message that merely contains dots is not a class name.
  EXPECT_EQ(java_message("file:/tmp/x does not exist"), "file:/tmp/x does not exist");
  EXPECT_EQ(java_message("Could not load org.example.Main: missing"),
            "Could not load org.example.Main: missing");
}

TEST(FlinkErrorText, FallsBackToTheInnermostCauseWithAMessage) {
  EXPECT_EQ(
      java_message("java.util.concurrent.CompletionException\n\tat x.Y.z(Y.java:1)\n"
                   "Caused by: org.apache.flink.util.FlinkException: outer reason\n\tat x.Y.z(Y.java:2)\n"
                   "Caused by: java.io.IOException: disk full\n\t... 4 more\n"),
      "disk full");
  EXPECT_EQ(java_message("java.lang.NullPointerException\n\tat x.Y.z(Y.java:1)\n"), "NullPointerException");
  EXPECT_EQ(java_message(""), "");
}

TEST(FlinkErrorText, UnwrapsExceptionOnServerSide) {
  std::string body =
      R"({"errors":["Internal server error.","<Exception on server side:\norg.apache.flink.runtime.rpc.exceptions.RpcException: TaskManager is gone\n\tat org.apache.A.b(A.java:1)\n\nEnd of exception on server side>"]})";
  EXPECT_EQ(error_body_message(body), "TaskManager is gone");
  EXPECT_EQ(error_body_message(R"({"errors":["Internal server error."]})"), "Internal server error.");
}

TEST(FlinkErrorText, ReadsFlinkKubernetesAndPlainBodies) {
  EXPECT_EQ(error_body_message(R"({"errors":["Unable to load requested file /nope."]})"),
            "Unable to load requested file /nope.");
  EXPECT_EQ(
      error_body_message(
          R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \"flink-rest\" not found","reason":"NotFound","code":404})"),
      "services \"flink-rest\" not found");
  EXPECT_EQ(error_body_message("\n<html><body>Bad Gateway</body></html>\n"),
            "<html><body>Bad Gateway</body></html>");
  EXPECT_EQ(error_body_message(""), "");
  // Control characters from the outside never survive.
  EXPECT_EQ(error_body_message("{\"errors\":[\"java.lang.Exception: evil \\u001b[2J text\"]}"),
            "evil [2J text");
}

TEST(FlinkErrorText, ResultIsOneBoundedLine) {
  std::string huge = "org.apache.X.YException: " + std::string(5000, 'a') + "\n\tat a.b.C(C.java:1)";
  std::string line = java_message(huge);
  EXPECT_LE(line.size(), 310u);  // 300 bytes and an ellipsis
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace flinktop::flink
