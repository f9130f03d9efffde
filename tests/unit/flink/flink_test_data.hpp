// Reading JSON test data: the upstream samples in ../shared/reference/flink-samples and the
// responses captured from real clusters in tests/unit/flink/data/<version>/.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace flinktop::flink::testdata {

inline std::filesystem::path samples_dir() {
  return std::filesystem::path(FLINKTOP_SHARED_DIR) / "reference" / "flink-samples";
}

inline std::filesystem::path captured_dir(const std::string& version) {
  return std::filesystem::path(FLINKTOP_SOURCE_DIR) / "tests" / "unit" / "flink" / "data" / version;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline nlohmann::json read_json(const std::filesystem::path& path) {
  return nlohmann::json::parse(read_text(path));
}

inline nlohmann::json captured(const std::string& version, const std::string& name) {
  return read_json(captured_dir(version) / (name + ".json"));
}

}  // namespace flinktop::flink::testdata
