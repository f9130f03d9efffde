// StatusLine: flash severities and expiry, in-flight actions with spinner and elapsed time, data
// age; all driven by a `now` passed in.
#include "tui/widgets/status_line.hpp"

#include <gtest/gtest.h>

#include "snapshot.hpp"

namespace flinktop::tui {
namespace {

using namespace std::chrono_literals;
const WidgetClock::time_point t0 = WidgetClock::time_point{} + 1000s;

StatusLineData busy() {
  StatusLineData d;
  d.flash = Flash{"savepoint triggered for payments-fraud-score", Severity::Info, t0 + 5s};
  d.in_flight = {{"savepoint payments-fraud-score", t0 - 3s}, {"cancel inventory-cdc", t0 - 75s}};
  d.data_age = 12s;
  return d;
}

std::string line(const StatusLineData& d, int width, WidgetClock::time_point now, bool unicode = true) {
  const Theme theme = Theme::builtin();
  Canvas c(width, 1);
  draw_status_line(c, {0, 0, width, 1}, d, {theme, unicode, now});
  return c.to_string();
}

TEST(StatusLineSnapshot, Busy) {
  const Theme theme = Theme::builtin();
  for (const auto& [w, h] : {std::pair{80, 24}, std::pair{160, 48}}) {
    Canvas c(w, h);
    draw_status_line(c, {0, h - 1, w, 1}, busy(), {theme, true, t0});
    testing::expect_snapshot(c, "status_busy_" + std::to_string(w) + "x" + std::to_string(h));
  }
}

TEST(StatusLineFlash, ExpiresAndUsesItsSeverity) {
  StatusLineData d;
  d.flash = Flash{"cannot reach flink-prod: connection refused; retrying in 4s", Severity::Error, t0 + 5s};
  const Theme theme = Theme::builtin();
  Canvas c(80, 1);
  draw_status_line(c, {0, 0, 80, 1}, d, {theme, true, t0});
  EXPECT_EQ(c.to_string(), " cannot reach flink-prod: connection refused; retrying in 4s\n");
  EXPECT_EQ(c.at(1, 0).style, theme[Role::StatusError]);
  EXPECT_EQ(line(d, 80, t0 + 5s), "\n");
}

TEST(StatusLineActivity, SpinnerTurnsAndElapsedGrows) {
  StatusLineData d;
  d.in_flight = {{"savepoint orders", t0}};
  EXPECT_EQ(line(d, 40, t0), "                  ⠋ savepoint orders 0s\n");
  EXPECT_EQ(line(d, 40, t0 + 150ms), "                  ⠙ savepoint orders 0s\n");
  EXPECT_EQ(line(d, 40, t0 + 65s, false), "                 - savepoint orders 65s\n");
}

TEST(StatusLineAge, DataAge) {
  StatusLineData d;
  d.data_age = 150s;
  EXPECT_EQ(line(d, 30, t0), "               data 2m30s old\n");
}

TEST(StatusLineLayout, ErrorKeepsItsRoomOthersYield) {
  StatusLineData d = busy();
  const std::string info = line(d, 60, t0);
  EXPECT_NE(info.find("data 12s old"), std::string::npos) << info;
  EXPECT_NE(info.find("…"), std::string::npos) << info;  // the info flash was cut
  d.flash->severity = Severity::Error;
  const std::string error = line(d, 60, t0);
  EXPECT_NE(error.find("savepoint triggered for payments-fraud-score"), std::string::npos) << error;
}

}  // namespace
}  // namespace flinktop::tui
