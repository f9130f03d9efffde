// What the integration tests share about the real Flink instances that ctest's fixtures start
// (tests/env/flink.sh, see tests/CMakeLists.txt): the versions, an instance's name and URL, and a
// bounded wait for something to become true.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/flink/version.hpp"
#include "support/run_command.hpp"

namespace flinktop::it {

using std::chrono::milliseconds;
using std::chrono::seconds;

inline const std::string kScript = std::string(FLINKTOP_SOURCE_DIR) + "/tests/env/flink.sh";

inline std::vector<std::string> versions() {
  std::vector<std::string> out;
  std::stringstream list(FLINKTOP_IT_FLINK_VERSIONS);  // "1.20.5,2.3.0"
  for (std::string v; std::getline(list, v, ',');) {
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

inline std::string instance_name(const std::string& version) {
  const char* prefix = std::getenv("FLINKTOP_IT_NAME_PREFIX");
  return std::string(prefix && *prefix ? prefix : FLINKTOP_IT_NAME_PREFIX) + version;
}

// The last line `flink.sh <args>` printed, or a test failure with its stderr.
inline std::string flink_sh(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kScript};
  argv.insert(argv.end(), args.begin(), args.end());
  test::CommandResult r = test::run_command(argv);
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  EXPECT_EQ(r.exit_code, 0) << "flink.sh " << args[0] << " failed: " << r.err;
  auto nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

// Calls `probe` until it returns a value or `timeout` passes; every probe error is remembered and
// reported if time runs out.
template <class T>
std::optional<T> eventually(const std::string& what, seconds timeout,
                            const std::function<std::optional<T>()>& probe) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string last_error;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (auto v = probe()) return v;
    } catch (const Error& e) {
      last_error = e.what();
    }
    std::this_thread::sleep_for(milliseconds(500));
  }
  ADD_FAILURE() << "timed out after " << timeout.count() << " s waiting for " << what
                << (last_error.empty() ? "" : "; last error: " + last_error);
  return std::nullopt;
}

// "file:/tmp/x", "file:///tmp/x" → "/tmp/x".
inline std::string local_path(const std::string& location) {
  std::string p = location;
  if (p.rfind("file:", 0) == 0) p = p.substr(5);
  while (p.size() > 1 && p[0] == '/' && p[1] == '/') p = p.substr(1);
  return p;
}

// Maven Central (as reached here) serves the TopSpeedWindowing example jar from 1.19 on; older
// versions run a streaming SQL job through the distribution's own SQL client instead.
inline bool has_example_jar(const std::string& version) {
  return flink::parse_flink_version(version).value_or(flink::FlinkVersion{}).at_least(1, 19);
}

// Flink before 1.15 takes no trigger id (and no savepoint format) in its trigger requests.
inline bool before_flink_115(const std::string& version) {
  return !flink::parse_flink_version(version).value_or(flink::FlinkVersion{}).at_least(1, 15);
}

// Submits flink.sh's default SQL job (unbounded; datagen with a watermark → GROUP BY → blackhole:
// two vertices and keyed state) to the instance, restored from `from_savepoint` when given, and
// returns the new job's id.
inline std::string submit_sql_job(const std::string& instance, const std::string& from_savepoint = "") {
  std::vector<std::string> args{"sql", "--name", instance};
  if (!from_savepoint.empty()) args.insert(args.end(), {"--from-savepoint", from_savepoint});
  return flink_sh(args);
}

// The savepoint directories of a job in an instance's savepoints/ ("savepoint-<6 of its id>-…").
inline int savepoints_of(const std::string& savepoints_dir, const std::string& job_id) {
  int n = 0;
  const std::string prefix = "savepoint-" + job_id.substr(0, 6) + "-";
  for (const auto& e : std::filesystem::directory_iterator(savepoints_dir)) {
    n += e.is_directory() && e.path().filename().string().rfind(prefix, 0) == 0;
  }
  return n;
}

// "Flink1_20_5": the test name suffix ctest filters the instances' tests by.
inline std::string version_test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = "Flink" + info.param;
  for (char& c : name) c = c == '.' ? '_' : c;
  return name;
}

}  // namespace flinktop::it
