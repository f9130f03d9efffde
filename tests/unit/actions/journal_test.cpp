// The journal keeps every action's outcome, savepoint paths above all, as one JSON line each.
#include "core/actions/journal.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "support/run_command.hpp"

namespace flinktop::actions {
namespace {

TEST(Journal, AppendsAndReadsBackEveryField) {
  flinktop::test::TempDir dir;
  Journal journal(dir.path() + "/state/flinktop/actions.log");
  journal.append({std::chrono::system_clock::from_time_t(1763719200), "dev", "streaming", "orders",
                  "a1b2", "savepoint", "succeeded", "file:///savepoints/savepoint-a1b2c3", "took 2s"});
  journal.append({{}, "dev", "streaming", "orders", "a1b2", "cancel", "failed", "", "job not found"});
  auto entries = journal.read();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].savepoint, "file:///savepoints/savepoint-a1b2c3");
  EXPECT_EQ(entries[0].time, std::chrono::system_clock::from_time_t(1763719200));
  EXPECT_EQ(entries[1].action, "cancel");
  EXPECT_NE(entries[1].time, std::chrono::system_clock::time_point{});  // stamped when appended
  EXPECT_EQ(journal.read(1).size(), 1u);
  EXPECT_EQ(journal.read(1)[0].action, "cancel");
}

TEST(Journal, LinesFromManyThreadsNeverInterleave) {
  flinktop::test::TempDir dir;
  Journal journal(dir.path() + "/actions.log");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) journal.append({{}, "ctx", "ns", "c" + std::to_string(t), "", "savepoint", "ok", std::string(500, 'x'), ""});
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(journal.read().size(), 100u);  // every line parsed back: none torn
}

TEST(Journal, AnUnwritableJournalIsAClearError) {
  flinktop::test::TempDir dir;
  const std::string blocker = dir.write("file", "not a directory");
  Journal journal(blocker + "/actions.log");
  try {
    journal.append({{}, "ctx", "ns", "c", "", "cancel", "succeeded", "", ""});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(blocker), std::string::npos) << e.what();
  }
}

TEST(Journal, DefaultPathFollowsXdgStateHome) {
  const char* old = std::getenv("XDG_STATE_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_STATE_HOME", "/var/tmp/state", 1);
  EXPECT_EQ(Journal::default_path(), "/var/tmp/state/flinktop/actions.log");
  setenv("XDG_STATE_HOME", "relative/is/ignored", 1);
  EXPECT_NE(Journal::default_path().string().find(".local/state/flinktop/actions.log"), std::string::npos);
  if (old) {
    setenv("XDG_STATE_HOME", saved.c_str(), 1);
  } else {
    unsetenv("XDG_STATE_HOME");
  }
}

}  // namespace
}  // namespace flinktop::actions
