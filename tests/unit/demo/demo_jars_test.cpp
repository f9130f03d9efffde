// The demo's jar routes through the API server's service proxy (a multipart upload forwarded as
// multipart), as `flinktop submit` uses them: upload, run → a new job of the requested parallelism,
// delete; and Flink's own refusals (not a jar, unknown jar, an application cluster).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "demo_test_support.hpp"

namespace flinktop::demo {
namespace {

using test_support::client_for;

class DemoJars : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("flinktop-demo-jars-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name) {
    const auto path = dir_ / name;
    std::ofstream(path) << "PK\x03\x04 a jar in name only";
    return path.string();
  }
  std::filesystem::path dir_;
};

TEST_F(DemoJars, UploadRunAndDeleteOnASessionCluster) {
  Environment env(test_support::standing_still());
  auto flink = test_support::flink_client(client_for(env), "flink-demo", "analytics-session-rest");
  const std::string jar = flink.upload_jar(file("TopSpeedWindowing.jar"));
  EXPECT_TRUE(jar.ends_with("_TopSpeedWindowing.jar")) << jar;

  flink::RunRequest run;
  run.parallelism = 3;
  run.savepoint_path = "s3://bucket/savepoints/savepoint-1";
  const std::string job_id = flink.run_jar(jar, run);
  const flink::JobDetails job = flink.job(job_id);
  EXPECT_EQ(job.name, "TopSpeedWindowing");
  ASSERT_FALSE(job.vertices.empty());
  for (const auto& v : job.vertices) EXPECT_EQ(v.parallelism, 3) << v.name;

  flink.delete_jar(jar);
  EXPECT_THROW(flink.run_jar(jar, {}), Error);  // gone
}

TEST_F(DemoJars, RefusesWhatFlinkRefuses) {
  Environment env(test_support::standing_still());
  auto api = client_for(env);
  auto session = test_support::flink_client(api, "flink-demo", "analytics-session-rest");
  try {
    session.upload_jar(file("notes.txt"));
    FAIL() << "a non-jar upload was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Only Jar files are allowed"), std::string::npos) << e.what();
  }
  EXPECT_THROW(session.run_jar("0000_missing.jar", {}), Error);

  auto application = test_support::flink_client(api, "flink-demo", "orders-app-rest");
  const std::string jar = application.upload_jar(file("job.jar"));
  EXPECT_THROW(application.run_jar(jar, {}), Error);
}

}  // namespace
}  // namespace flinktop::demo
