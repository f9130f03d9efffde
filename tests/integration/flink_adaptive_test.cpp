// `flinktop scale` on a real Flink running the adaptive scheduler (the flink-adaptive fixture in
// tests/CMakeLists.txt: jobmanager.scheduler: adaptive, a 1 s cooldown between rescales): the job's
// resource requirements are raised and Flink rescales the running job in place — same job id, no
// stop, no resubmission.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/flink/client.hpp"
#include "integration/real_flink.hpp"
#include "support/run_command.hpp"

namespace flinktop::it {
namespace {

using nlohmann::json;

TEST(FlinkAdaptive, ScaleRescalesTheRunningJobInPlace) {
  const std::string version = FLINKTOP_IT_ADAPTIVE_FLINK_VERSION;
  const std::string url = flink_sh({"url", "--name", instance_name("adaptive")});
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0u) << "no adaptive Flink instance (ctest starts it)";
  test::TempDir state;
  auto flinktop = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {FLINKTOP_BINARY, "--flink-url", url});
    return test::run_command(args, {"XDG_STATE_HOME=" + state.path(), "KUBECONFIG=/nonexistent"});
  };
  flink::Client client(flink::direct_endpoint(url));
  auto vertex_parallelism = [&](const std::string& id) {
    std::vector<std::int64_t> out;
    for (const flink::Vertex& v : client.job(id).vertices) out.push_back(v.parallelism);
    return out;
  };

  test::CommandResult submitted = flinktop({"submit", flink_sh({"jar", version}), "-p", "1", "-o", "json"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const std::string id = json::parse(submitted.out).value("job", "");
  ASSERT_EQ(id.size(), 32u) << submitted.out;
  ASSERT_TRUE(eventually<bool>("job " + id + " running", seconds(90), [&]() -> std::optional<bool> {
    const flink::JobDetails details = client.job(id);
    if (details.state == "RUNNING" && details.status_counts.count("RUNNING") &&
        details.status_counts.at("RUNNING") == static_cast<std::int64_t>(details.vertices.size())) {
      return true;
    }
    return std::nullopt;
  }));
  ASSERT_EQ(vertex_parallelism(id), (std::vector<std::int64_t>{1, 1}));

  const std::size_t jobs_before = client.jobs().size();
  test::CommandResult scaled = flinktop({"scale", id, "-p", "3", "--yes", "-o", "json"});
  ASSERT_EQ(scaled.exit_code, 0) << scaled.err;
  const json result = json::parse(scaled.out);
  EXPECT_EQ(result["route"], "rest");
  EXPECT_EQ(result["message"], "CarTopSpeedWindowingExample: parallelism 1 → 3, rescaled in place by Flink's adaptive "
                               "scheduler (same job, state from its last checkpoint)");
  EXPECT_FALSE(result.contains("newJob")) << scaled.out;
  // The same job, never stopped, now at 3; the requirements say so.
  const flink::JobDetails after = client.job(id);
  EXPECT_EQ(after.state, "RUNNING");
  EXPECT_EQ(vertex_parallelism(id), (std::vector<std::int64_t>{3, 3}));
  for (const flink::VertexRequirement& r : client.resource_requirements(id)) EXPECT_EQ(r.upper_bound, 3) << r.vertex_id;
  EXPECT_EQ(client.jobs().size(), jobs_before);  // nothing was resubmitted

  // Down again, to 1.
  test::CommandResult down = flinktop({"scale", id, "-p", "1", "--yes"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(down.out, "CarTopSpeedWindowingExample: parallelism 3 → 1, rescaled in place by Flink's adaptive scheduler "
                      "(same job, state from its last checkpoint)\n");
  EXPECT_EQ(flinktop({"cancel", id, "--yes"}).exit_code, 0);
}

}  // namespace
}  // namespace flinktop::it
