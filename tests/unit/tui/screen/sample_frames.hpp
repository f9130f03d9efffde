// Frames that look like flinktop's screens, for Terminal tests and the frame-bytes benchmark.
#pragma once

#include <string>

#include "tui/screen/canvas.hpp"

namespace flinktop::tui::testing {

inline const Style kRowStyle{Color::indexed(117), Color::none(), kAttrNone};
inline const Style kHeaderStyle{Color::indexed(15), Color::none(), kAttrBold};
inline const Style kSelectedStyle{Color::indexed(16), Color::indexed(51), kAttrBold};
inline const Style kFailedStyle{Color::indexed(203), Color::none(), kAttrBold};

// The jobs view: a header, column names, one row per job (row 5 selected), a status line.
inline Canvas jobs_frame(int width, int height) {
  Canvas c(width, height);
  c.text(0, 0, " Context: prod-eu   Cluster: flink-sessions   Flink: 1.19.1   <:> command  </> filter",
         kHeaderStyle);
  c.text(0, 2,
         " NAME                          STATE       PARALLELISM  UPTIME    CHECKPOINTS  LAST CHECKPOINT",
         kHeaderStyle);
  for (int y = 3; y < height - 1; ++y) {
    const std::string n = std::to_string(y);
    c.text(0, y,
           " orders-enrichment-" + n + std::string(12 - n.size(), ' ') +
               "RUNNING     12/12        3h12m     " + n + "4" + "          2024-05-01T12:00:0" +
               n.substr(0, 1) + "Z   日本 ✓",
           y == 5 ? kSelectedStyle : kRowStyle);
  }
  c.text(0, height - 1, " 68 jobs   refreshed 1s ago", kRowStyle);
  return c;
}

// What a refresh typically changes in one row: the state, the uptime and the checkpoint count.
inline void change_one_job(Canvas& c, int y, bool failing) {
  c.text(31, y, failing ? "FAILING" : "RUNNING", failing ? kFailedStyle : kRowStyle);
  c.text(57, y, failing ? "3h13m" : "3h12m", kRowStyle);
  c.text(67, y, failing ? "205" : "204", kRowStyle);
}

}  // namespace flinktop::tui::testing
