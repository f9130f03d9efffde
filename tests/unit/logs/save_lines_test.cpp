// core/logs/save_lines: the whole buffer or nothing, with the prefix and times asked for.
#include "core/logs/save_lines.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "support/run_command.hpp"

namespace flinktop::logs {
namespace {

LogLinePtr line(const std::string& label, std::string text, std::optional<std::int64_t> ns = std::nullopt) {
  auto origin = std::make_shared<LogOrigin>();
  origin->label = label;
  auto l = std::make_shared<LogLine>();
  l->origin = origin;
  l->text = std::move(text);
  if (ns) l->time = LogTime(std::chrono::duration_cast<LogTime::duration>(std::chrono::nanoseconds(*ns)));
  return l;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SaveLines, WritesEveryLineAndReplacesTheFileWhole) {
  flinktop::test::TempDir dir;
  const std::string path = dir.path() + "/saved.log";
  const std::string old = dir.write("saved.log", "old content\n");
  save_lines(path, {line("tm-1", "one", 1'000'000'000), line("tm-2", "two")},
             {.prefix = true, .timestamps = true});
  EXPECT_EQ(read(path), "tm-1 1970-01-01T00:00:01.000000000Z one\ntm-2 two\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  save_lines(path, {line("tm-1", "plain")});
  EXPECT_EQ(read(path), "plain\n");
  // Only the target: no temporary file is left next to it.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(SaveLines, AnUnwritablePlaceSaysWhereAndWhy) {
  try {
    save_lines("/nonexistent-dir/x.log", {line("a", "b")});
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("cannot write /nonexistent-dir/x.log"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace flinktop::logs
