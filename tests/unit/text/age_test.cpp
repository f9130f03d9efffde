// Ages as kubectl prints them, and when such a text next changes (what lets a table of thousands
// of pods skip its per-second rebuild).
#include "core/text/age.hpp"

#include <gtest/gtest.h>

namespace flinktop::text {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::system_clock;

TEST(Age, ReadsLikeKubectl) {
  EXPECT_EQ(human_duration(seconds(0)), "0s");
  EXPECT_EQ(human_duration(seconds(119)), "119s");
  EXPECT_EQ(human_duration(seconds(303)), "5m3s");
  EXPECT_EQ(human_duration(seconds(600)), "10m");
  EXPECT_EQ(human_duration(seconds(3 * 3600 + 12 * 60)), "3h12m");
  EXPECT_EQ(human_duration(seconds(30 * 3600)), "30h");
  EXPECT_EQ(human_duration(seconds(4 * 86400 + 2 * 3600)), "4d2h");
  EXPECT_EQ(human_duration(seconds(40 * 86400)), "40d");
  EXPECT_EQ(age(Clock::time_point{}, Clock::now()), "");
  const auto now = Clock::now();
  EXPECT_EQ(age(now + seconds(30), now), "0s");  // clock skew: never a negative age
}

// For ages across every unit: the text holds until age_changes_at and differs from that moment.
TEST(Age, ChangesExactlyWhenTheTextDoes) {
  const Clock::time_point since = Clock::time_point(seconds(1'700'000'000));
  for (long long s : {0LL, 1LL, 119LL, 120LL, 599LL, 600LL, 661LL, 3599LL, 7 * 3600LL + 59 * 60 + 59, 8 * 3600LL,
                      47 * 3600LL + 1, 48 * 3600LL, 8 * 86400LL - 1, 8 * 86400LL, 400 * 86400LL, 900 * 86400LL}) {
    const Clock::time_point now = since + seconds(s) + std::chrono::milliseconds(250);
    const Clock::time_point next = age_changes_at(since, now);
    ASSERT_GT(next, now) << s;
    EXPECT_EQ(age(since, next - std::chrono::milliseconds(1)), age(since, now)) << "age " << s << "s";
    EXPECT_NE(age(since, next), age(since, now)) << "age " << s << "s";
  }
}

TEST(Age, OldAgesChangeRarely) {
  const Clock::time_point since = Clock::time_point(seconds(1'700'000'000));
  EXPECT_EQ(age_changes_at(since, since + seconds(3 * 3600 + 10)), since + seconds(3 * 3600 + 60));
  EXPECT_EQ(age_changes_at(since, since + seconds(30 * 3600 + 10)), since + seconds(31 * 3600));
  EXPECT_EQ(age_changes_at(Clock::time_point{}, Clock::now()), Clock::time_point::max());  // no age: never
  EXPECT_EQ(age_changes_at(since, since - seconds(5)), since + seconds(1));
}

}  // namespace
}  // namespace flinktop::text
