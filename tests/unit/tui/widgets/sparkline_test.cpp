// Sparkline: levels, scaling, newest on the right, ASCII fallback, odd values.
#include "tui/widgets/sparkline.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "snapshot.hpp"

namespace flinktop::tui {
namespace {

TEST(SparklineText, Levels) {
  const std::vector<double> v{0, 1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_EQ(sparkline(v, 20, true), " ▁▂▃▄▅▆▇█");
  EXPECT_EQ(sparkline(v, 20, false), " __.--=##");
  EXPECT_EQ(sparkline(v, 20, true, 16), " ▁▁▂▂▃▃▄▄");  // a fixed maximum
}

TEST(SparklineText, NewestOnTheRightAndOddValues) {
  const std::vector<double> v{8, 8, 8, 1, 8};
  EXPECT_EQ(sparkline(v, 2, true), "▁█");
  const std::vector<double> odd{-5, std::nan(""), std::numeric_limits<double>::infinity(), 0.01, 100};
  EXPECT_EQ(sparkline(odd, 10, true), "   ▁█");  // tiny but not zero: the lowest bar
  EXPECT_EQ(sparkline({}, 10, true), "");
  EXPECT_EQ(sparkline(std::vector<double>{0, 0}, 10, true), "  ");
}

TEST(SparklineSnapshot, RecordsPerSecond) {
  const Theme theme = Theme::builtin();
  std::vector<double> v;
  for (int i = 0; i < 200; ++i) v.push_back(1000 + 800 * std::sin(i / 6.0) + (i % 7) * 40);
  for (const auto& [w, h] : {std::pair{80, 24}, std::pair{160, 48}}) {
    Canvas c(w, h);
    c.text(1, 1, "records/s in", theme[Role::Normal]);
    draw_sparkline(c, {14, 1, w - 15, 1}, v, {theme, true, {}});
    c.text(1, 2, "ascii", theme[Role::Normal]);
    draw_sparkline(c, {14, 2, 30, 1}, v, {theme, false, {}});
    testing::expect_snapshot(c, "sparkline_" + std::to_string(w) + "x" + std::to_string(h));
  }
}

}  // namespace
}  // namespace flinktop::tui
