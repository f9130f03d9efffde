// Sparkline: levels, scaling, newest on the right, ASCII fallback, odd values.
#include "tui/widgets/sparkline.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
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

TEST(Trends, SideBySideWithShortLabelsWhenNarrow) {
  const Theme theme = Theme::builtin();
  std::vector<Trend> trends(2);
  trends[0].label = "in";
  trends[0].value = "1.2k/s";
  trends[0].values = {1, 2, 3, 4, 5, 6, 7, 8};
  trends[1].label = "backpressure";
  trends[1].short_label = "bp";
  trends[1].value = "5%";
  trends[1].values = {0.1, 0.2};
  trends[1].max = 1;
  Canvas wide(80, 1);
  draw_trends(wide, {0, 0, 80, 1}, trends, {theme, true, {}});
  EXPECT_EQ(wide.to_string(), "in 1.2k/s" + std::string(21, ' ') + "▁▂▃▄▅▆▇█   backpressure 5%" + std::string(21, ' ') + "▁▂\n");
  Canvas narrow(40, 1);
  draw_trends(narrow, {0, 0, 40, 1}, trends, {theme, true, {}});
  EXPECT_EQ(narrow.to_string(), "in 1.2k/s ▁▂▃▄▅▆▇█   bp 5%           ▁▂\n");
}

}  // namespace
}  // namespace flinktop::tui
