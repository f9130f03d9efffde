// FTXUI-style snapshot checks: a widget drawn into a Canvas is compared, as text, with an
// expected file in tests/tui/snapshots/. FLINKTOP_UPDATE_SNAPSHOTS=1 rewrites the files instead
// (then read every changed file before committing it).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tui/screen/canvas.hpp"

namespace flinktop::tui::testing {

inline std::filesystem::path snapshot_path(const std::string& name) {
  return std::filesystem::path(FLINKTOP_SOURCE_DIR) / "tests" / "tui" / "snapshots" / (name + ".txt");
}

inline void expect_snapshot(const Canvas& canvas, const std::string& name) {
  const std::string actual = canvas.to_string();
  const auto path = snapshot_path(name);
  const char* update = std::getenv("FLINKTOP_UPDATE_SNAPSHOTS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no snapshot " << path << "; run with FLINKTOP_UPDATE_SNAPSHOTS=1 to create it";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual)
      << "snapshot " << path << " differs; if the change is intended, rerun with FLINKTOP_UPDATE_SNAPSHOTS=1";
}

}  // namespace flinktop::tui::testing
