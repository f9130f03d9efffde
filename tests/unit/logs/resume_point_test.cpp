// core/logs/resume_point: the seam of a reconnected stream, which the API server starts at the
// beginning of the last second — lines repeat and none may show twice or go missing.
#include "core/logs/resume_point.hpp"

#include <gtest/gtest.h>

namespace flinktop::logs {
namespace {

constexpr std::int64_t s = 1'000'000'000;

TEST(ResumePoint, SkipsWhatWasKeptAndKeepsWhatIsNew) {
  ResumePoint resume;
  EXPECT_TRUE(resume.empty());
  EXPECT_TRUE(resume.admit(100 * s + 1, "a"));
  EXPECT_TRUE(resume.admit(100 * s + 5, "b"));
  EXPECT_TRUE(resume.admit(100 * s + 5, "b"));  // the same text twice in one instant: both are lines
  EXPECT_EQ(resume.since_time(), "1970-01-01T00:01:40Z");
  // Cut. The new stream starts at second 100.
  resume.reconnected();
  EXPECT_FALSE(resume.admit(100 * s + 1, "a"));
  EXPECT_FALSE(resume.admit(100 * s + 5, "b"));
  EXPECT_FALSE(resume.admit(100 * s + 5, "b"));
  EXPECT_TRUE(resume.admit(100 * s + 5, "c"));  // same instant, new text: new
  EXPECT_TRUE(resume.admit(100 * s + 9, "b"));  // later: new, whatever it says
  EXPECT_TRUE(resume.admit(100 * s + 9, "b"));
}

TEST(ResumePoint, ARepeatedLineSeenOnlyOnceBeforeTheCutComesBackOnce) {
  ResumePoint resume;
  resume.admit(7 * s, "x");
  resume.reconnected();
  EXPECT_FALSE(resume.admit(7 * s, "x"));
  EXPECT_TRUE(resume.admit(7 * s, "x"));  // written twice; only the first was kept before
}

TEST(ResumePoint, LinesWithoutTimeAndResets) {
  ResumePoint resume;
  EXPECT_TRUE(resume.admit(std::nullopt, "no time"));
  EXPECT_TRUE(resume.empty());
  resume.admit(5 * s, "x");
  resume.reset();
  EXPECT_TRUE(resume.empty());
  resume.reconnected();
  EXPECT_TRUE(resume.admit(5 * s, "x"));
}

}  // namespace
}  // namespace flinktop::logs
