// Every widget drawn into areas from 0x0 up, at the canvas edges and partly outside it: nothing
// is written outside the canvas, nothing crashes (run under ASan/UBSan in CI).
#include <gtest/gtest.h>

#include <vector>

#include "tui/widgets/crumbs.hpp"
#include "tui/widgets/dialog.hpp"
#include "tui/widgets/header.hpp"
#include "tui/widgets/help_view.hpp"
#include "tui/widgets/prompt.hpp"
#include "tui/widgets/sparkline.hpp"
#include "tui/widgets/status_line.hpp"
#include "tui/widgets/table.hpp"

namespace flinktop::tui {
namespace {

using namespace std::chrono_literals;

// Calls draw(canvas, rect) for many small rects placed inside, at the edges of and across the
// border of a 12x6 canvas.
template <class Draw>
void for_small_areas(Draw draw) {
  for (int w = 0; w <= 14; ++w) {
    for (int h = 0; h <= 7; ++h) {
      for (const auto& [x, y] : {std::pair{0, 0}, std::pair{5, 3}, std::pair{11, 5}, std::pair{-3, -2}}) {
        Canvas canvas(12, 6);
        draw(canvas, Rect{x, y, w, h});
      }
    }
  }
}

const Theme& theme() {
  static const Theme t = Theme::builtin();
  return t;
}

TEST(TableSmallAreas, DrawAndNavigate) {
  Table t;
  t.set_columns({{"B", 3, 0, true, Align::Right}});
  t.set_rows({{"A", "B", "C"},
              {{"1", {"wide 日本語 text", "12", "x"}}, {"2", {"b", "3"}}, {"3", {"c", "4", "y", "extra"}}}});
  t.sort_by("B", SortOrder::Ascending);
  for_small_areas([&](Canvas& c, Rect r) {
    t.draw(c, r, {theme(), true, {}});
    t.handle_key(Key::named(Key::Kind::PageDown));
    t.draw(c, r, {theme(), false, {}});
  });
  Table empty;
  for_small_areas([&](Canvas& c, Rect r) { empty.draw(c, r, {theme(), true, {}}); });
}

TEST(DialogSmallAreas, Draw) {
  DialogContent content{
      "Delete", {"Delete it?"}, "a-very-long-target-name-without-spaces", "Yes", "No", "Dir:", "/x"};
  const Dialog d(content);
  for_small_areas([&](Canvas& c, Rect r) { d.draw(c, r, {theme(), true, {}}); });
}

TEST(PromptSmallAreas, Draw) {
  Prompt p(":");
  p.set_candidates({"jobs"});
  p.open("jo");
  for_small_areas([&](Canvas& c, Rect r) { p.draw(c, r, {theme(), true, {}}); });
}

TEST(HeaderSmallAreas, Draw) {
  HeaderInfo h{"", "ctx", "cluster", "ns", "1.19", "0.1", true, true, {{"a", "A"}, {"b", "B"}}};
  for_small_areas([&](Canvas& c, Rect r) { draw_header(c, r, h, {theme(), true, {}}); });
}

TEST(CrumbsSmallAreas, Draw) {
  for_small_areas([&](Canvas& c, Rect r) {
    draw_crumbs(c, r, {"clusters", "prod", "jobs"}, {theme(), true, {}});
  });
}

TEST(StatusLineSmallAreas, Draw) {
  StatusLineData d;
  d.flash = Flash{"an error", Severity::Error, WidgetClock::time_point{} + 10s};
  d.in_flight = {{"cancel", {}}};
  d.data_age = 30s;
  for_small_areas([&](Canvas& c, Rect r) { draw_status_line(c, r, d, {theme(), true, {}}); });
}

TEST(SparklineSmallAreas, Draw) {
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  for_small_areas([&](Canvas& c, Rect r) { draw_sparkline(c, r, v, {theme(), true, {}}); });
}

TEST(HelpSmallAreas, DrawAndScroll) {
  HelpView help;
  help.set_entries({{"a", "Alpha", "ONE"}, {"b", "Beta", "ONE"}, {"c", "Gamma", "TWO"}});
  for_small_areas([&](Canvas& c, Rect r) {
    help.draw(c, r, {theme(), true, {}});
    help.handle_key(Key::character('G'));
  });
  HelpView none;
  for_small_areas([&](Canvas& c, Rect r) { none.draw(c, r, {theme(), true, {}}); });
}

}  // namespace
}  // namespace flinktop::tui
