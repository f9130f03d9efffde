// Table behaviour: natural sort, the cursor following its row id, the regex filter (invalid
// patterns, `!`), the change highlight expiring, row roles, navigation keys, column layout and
// that no control sequence from a cell reaches the canvas.
#include "tui/widgets/table.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/model/row_table.hpp"
#include "tui/widgets/column_layout.hpp"

namespace flinktop::tui {
namespace {

using model::Row;
using model::RowTable;
using namespace std::chrono_literals;

RowTable jobs(std::vector<Row> rows) {
  return {{"NAME", "STATUS", "RESTARTS", "UPTIME", "READY"}, std::move(rows)};
}

RowTable sample() {
  return jobs({
      {"j1", {"orders", "RUNNING", "10", "2h", "2/3"}},
      {"j2", {"payments", "FAILED", "9", "5m", "1/3"}},
      {"j3", {"clicks", "RUNNING", "100", "45s", "3/3"}},
      {"j4", {"audit", "CANCELED", "0", "1d2h", "0/3"}},
  });
}

std::vector<std::string> shown_ids(const Table& t) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < t.shown(); ++i) ids.push_back(t.shown_row(i).id);
  return ids;
}

Theme test_theme() {
  Theme theme;
  theme.set(Role::RowNormal, Style{Color::indexed(7), {}, kAttrNone});
  theme.set(Role::RowSelected, Style{{}, {}, kAttrReverse});
  theme.set(Role::RowChanged, Style{Color::indexed(2), {}, kAttrBold});
  theme.set(Role::RowAdded, Style{Color::indexed(3), {}, kAttrBold});
  theme.set(Role::RowError, Style{Color::indexed(1), {}, kAttrNone});
  return theme;
}

TEST(TableNaturalOrder, NumbersAgesRatiosAndText) {
  auto less = [](std::string_view a, std::string_view b) {
    return compare_cells(sort_key(a), a, sort_key(b), b) < 0;
  };
  EXPECT_TRUE(less("9", "10"));
  EXPECT_TRUE(less("-3", "2"));
  EXPECT_TRUE(less("1.5", "1.25e"));  // a number before text
  EXPECT_TRUE(less("5m", "2h"));
  EXPECT_TRUE(less("59s", "1m"));
  EXPECT_TRUE(less("120ms", "1s"));
  EXPECT_TRUE(less("3h12m", "1d"));
  EXPECT_TRUE(less("4d2h", "2y"));
  EXPECT_TRUE(less("1/3", "2/3"));
  EXPECT_TRUE(less("2/3", "3/3"));
  EXPECT_TRUE(less("512Mi", "2Gi"));
  EXPECT_TRUE(less("900 KB", "1.5 MB"));
  EXPECT_TRUE(less("9%", "10%"));
  EXPECT_TRUE(less("tm-2", "tm-10"));
  EXPECT_TRUE(less("Alpha", "beta"));
  EXPECT_TRUE(less("", "0"));    // empty first
  EXPECT_TRUE(less("99", "-"));  // "-" is text: after numbers
  EXPECT_EQ(natural_compare("abc", "abc"), 0);
  EXPECT_LT(natural_compare("file7", "file007"), 0);  // equal value: fewer zeros first, but never 0
  EXPECT_NE(natural_compare("a", "A"), 0);
}

TEST(TableNaturalOrder, SortsColumnsAscendingAndDescending) {
  Table t;
  t.set_rows(sample());
  t.sort_by("RESTARTS", SortOrder::Ascending);
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j4", "j2", "j1", "j3"}));
  t.toggle_sort(2);
  EXPECT_EQ(t.sort_order(), SortOrder::Descending);
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j3", "j1", "j2", "j4"}));
  t.sort_by("UPTIME", SortOrder::Ascending);
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j3", "j2", "j1", "j4"}));
  t.sort_by("READY", SortOrder::Ascending);
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j4", "j2", "j1", "j3"}));
  t.sort_by("NAME", SortOrder::Ascending);
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j4", "j3", "j1", "j2"}));
  EXPECT_FALSE(t.sort_by("NOPE", SortOrder::Ascending));
  t.clear_sort();
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j1", "j2", "j3", "j4"}));
}

TEST(TableNaturalOrder, SortByNameBeforeTheDataArrives) {
  Table t;
  EXPECT_FALSE(t.sort_by("RESTARTS", SortOrder::Descending));  // no columns yet: remembered
  t.set_rows(sample());
  EXPECT_EQ(t.sort_column(), std::optional<std::size_t>(2));
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j3", "j1", "j2", "j4"}));
  RowTable moved = sample();  // the column moves: the sort follows its name
  moved.columns = {"RESTARTS", "STATUS", "NAME", "UPTIME", "READY"};
  for (auto& r : moved.rows) std::swap(r.cells[0], r.cells[2]);
  t.update(moved, model::diff_rows(sample(), moved), {});
  EXPECT_EQ(t.sort_column(), std::optional<std::size_t>(0));
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j3", "j1", "j2", "j4"}));
}

TEST(TableSelection, FollowsTheRowIdAcrossAResort) {
  Table t;
  t.set_rows(sample());
  ASSERT_TRUE(t.select("j2"));
  EXPECT_EQ(t.cursor(), 1u);
  t.sort_by("RESTARTS", SortOrder::Descending);  // j3 j1 j2 j4
  ASSERT_NE(t.selected(), nullptr);
  EXPECT_EQ(t.selected()->id, "j2");
  EXPECT_EQ(t.cursor(), 2u);
}

TEST(TableSelection, FollowsTheRowIdWhenRowsAboveAreRemoved) {
  Table t;
  const RowTable before = sample();
  t.set_rows(before);
  ASSERT_TRUE(t.select("j3"));
  RowTable after = before;
  after.rows.erase(after.rows.begin(), after.rows.begin() + 2);  // j1, j2 gone
  t.update(after, model::diff_rows(before, after), WidgetClock::time_point{} + 10s);
  EXPECT_EQ(t.selected()->id, "j3");
  EXPECT_EQ(t.cursor(), 0u);
}

TEST(TableSelection, StaysAtItsPlaceWhenItsRowIsRemoved) {
  Table t;
  const RowTable before = sample();
  t.set_rows(before);
  ASSERT_TRUE(t.select("j2"));
  RowTable after = before;
  after.rows.erase(after.rows.begin() + 1);
  t.update(after, model::diff_rows(before, after), {});
  EXPECT_EQ(t.cursor(), 1u);
  EXPECT_EQ(t.selected()->id, "j3");
}

TEST(TableSelection, FollowsTheRowWhenItsSortedCellChanges) {
  Table t;
  const RowTable before = sample();
  t.set_rows(before);
  t.sort_by("RESTARTS", SortOrder::Ascending);  // j4 j2 j1 j3
  ASSERT_TRUE(t.select("j4"));
  RowTable after = before;
  after.rows[3].cells[2] = "1000";  // j4 restarts a lot: moves to the end
  t.update(after, model::diff_rows(before, after), {});
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j2", "j1", "j3", "j4"}));
  EXPECT_EQ(t.selected()->id, "j4");
  EXPECT_EQ(t.cursor(), 3u);
}

TEST(TableSelection, NavigationKeys) {
  Table t;
  RowTable data = jobs({});
  for (int i = 0; i < 50; ++i)
    data.rows.push_back({"r" + std::to_string(i), {"job-" + std::to_string(i), "RUNNING", "0", "1m", "1/1"}});
  t.set_rows(data);
  Canvas c(60, 11);  // 10 body rows
  const Theme theme = test_theme();
  t.draw(c, {0, 0, 60, 11}, {theme, true, {}});
  EXPECT_EQ(t.cursor(), 0u);
  EXPECT_TRUE(t.handle_key(Key::character('j')));
  EXPECT_TRUE(t.handle_key(Key::named(Key::Kind::Down)));
  EXPECT_EQ(t.cursor(), 2u);
  EXPECT_TRUE(t.handle_key(Key::character('k')));
  EXPECT_EQ(t.cursor(), 1u);
  EXPECT_TRUE(t.handle_key(Key::named(Key::Kind::PageDown)));
  EXPECT_EQ(t.cursor(), 11u);
  EXPECT_TRUE(t.handle_key(Key::ctrl('b')));
  EXPECT_EQ(t.cursor(), 1u);
  EXPECT_TRUE(t.handle_key(Key::character('G')));
  EXPECT_EQ(t.cursor(), 49u);
  EXPECT_EQ(t.selected()->id, "r49");
  t.draw(c, {0, 0, 60, 11}, {theme, true, {}});
  EXPECT_NE(c.to_string().find("job-49"), std::string::npos);  // scrolled to show the cursor
  EXPECT_TRUE(t.handle_key(Key::named(Key::Kind::Home)));
  EXPECT_EQ(t.cursor(), 0u);
  EXPECT_TRUE(t.handle_key(Key::named(Key::Kind::Up)));  // stays at the top
  EXPECT_EQ(t.cursor(), 0u);
  EXPECT_TRUE(t.handle_key(Key::named(Key::Kind::End)));
  EXPECT_EQ(t.cursor(), 49u);
  EXPECT_FALSE(t.handle_key(Key::character('x')));
}

TEST(TableFilter, RegexCaseInsensitiveOverVisibleText) {
  Table t;
  t.set_rows(sample());
  EXPECT_EQ(t.set_filter("run+ing"), "");
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j1", "j3"}));
  EXPECT_EQ(t.shown(), 2u);
  EXPECT_EQ(t.total(), 4u);
  EXPECT_EQ(t.set_filter("^pay.*FAILED"), "");  // across cells: the row's visible text
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j2"}));
  EXPECT_EQ(t.set_filter(""), "");
  EXPECT_EQ(t.shown(), 4u);
}

TEST(TableFilter, BangInverts) {
  Table t;
  t.set_rows(sample());
  EXPECT_EQ(t.set_filter("!RUNNING"), "");
  EXPECT_TRUE(t.filter().inverted());
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j2", "j4"}));
  EXPECT_EQ(t.set_filter("!"), "");  // nothing typed after it yet: everything
  EXPECT_EQ(t.shown(), 4u);
}

TEST(TableFilter, InvalidRegexIsReportedAndMatchedLiterally) {
  Table t;
  RowTable data = sample();
  data.rows.push_back({"j5", {"weird(name", "RUNNING", "1", "1m", "1/1"}});
  t.set_rows(data);
  const std::string error = t.set_filter("weird(");
  EXPECT_NE(error.find("invalid regex"), std::string::npos) << error;
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j5"}));
  EXPECT_FALSE(t.set_filter("[").empty());
  EXPECT_EQ(t.shown(), 0u);
  EXPECT_FALSE(t.set_filter("!*").empty());  // inverted literal: every row lacks a "*"
  EXPECT_EQ(t.shown(), 5u);
}

TEST(TableFilter, SelectionFollowsIdThroughFilter) {
  Table t;
  t.set_rows(sample());
  t.select("j3");
  t.set_filter("RUNNING");  // j1 j3
  EXPECT_EQ(t.selected()->id, "j3");
  EXPECT_EQ(t.cursor(), 1u);
  t.set_filter("");
  EXPECT_EQ(t.selected()->id, "j3");
  EXPECT_EQ(t.cursor(), 2u);
}

TEST(TableFilter, AppliesToRowsThatArriveLater) {
  Table t;
  const RowTable before = sample();
  t.set_rows(before);
  t.set_filter("FAILED");
  RowTable after = before;
  after.rows.push_back({"j9", {"late", "FAILED", "0", "1s", "0/1"}});
  after.rows[0].cells[1] = "FAILED";
  t.update(after, model::diff_rows(before, after), {});
  EXPECT_EQ(shown_ids(t), (std::vector<std::string>{"j1", "j2", "j9"}));
}

TEST(TableHighlight, ChangedRowsFlashThenExpire) {
  const Theme theme = test_theme();
  Table t;
  const RowTable before = sample();
  t.set_rows(before);
  t.select("j4");
  RowTable after = before;
  after.rows[1].cells[1] = "RESTARTING";  // j2 changed
  after.rows.push_back({"j5", {"new", "CREATED", "0", "0s", "0/1"}});
  const auto t0 = WidgetClock::time_point{} + 100s;
  t.update(after, model::diff_rows(before, after), t0);

  Canvas c(60, 8);
  auto row_style = [&](int y) { return c.at(2, y).style; };  // row y of the body is canvas row y + 1
  t.draw(c, {0, 0, 60, 8}, {theme, true, t0 + 1s});
  EXPECT_EQ(row_style(1), theme[Role::RowNormal]);    // j1
  EXPECT_EQ(row_style(2), theme[Role::RowChanged]);   // j2
  EXPECT_EQ(row_style(4), theme[Role::RowSelected]);  // j4: the cursor wins
  EXPECT_EQ(row_style(5), theme[Role::RowAdded]);     // j5
  t.draw(c, {0, 0, 60, 8}, {theme, true, t0 + 1500ms});
  EXPECT_EQ(row_style(2), theme[Role::RowNormal]);
  EXPECT_EQ(row_style(5), theme[Role::RowNormal]);
}

TEST(TableHighlight, FirstLoadDoesNotFlash) {
  const Theme theme = test_theme();
  Table t;
  const RowTable data = sample();
  t.update(data, model::diff_rows(RowTable{data.columns, {}}, data), {});
  Canvas c(60, 6);
  t.draw(c, {0, 0, 60, 6}, {theme, true, {}});
  EXPECT_EQ(c.at(2, 2).style, theme[Role::RowNormal]);
}

TEST(TableHighlight, FirstRowsOfAnEmptyViewFlash) {
  const Theme theme = test_theme();
  Table t;
  const RowTable none = jobs({});
  t.set_rows(none);  // loaded: the cluster has no jobs yet
  const RowTable one = jobs({{"j1", {"orders", "CREATED", "0", "0s", "0/1"}}});
  t.update(one, model::diff_rows(none, one), {});
  const RowTable two =
      jobs({{"j1", {"orders", "CREATED", "0", "0s", "0/1"}}, {"j2", {"b", "CREATED", "0", "0s", "0/1"}}});
  t.update(two, model::diff_rows(one, two), {});
  Canvas c(60, 4);
  t.draw(c, {0, 0, 60, 4}, {theme, true, {}});
  EXPECT_EQ(c.at(2, 2).style, theme[Role::RowAdded]);
}

TEST(TableRows, RoleFromTheCaller) {
  const Theme theme = test_theme();
  Table t;
  t.set_rows(sample());
  t.set_row_role([](const Row& r) { return r.cells[1] == "FAILED" ? Role::RowError : Role::RowNormal; });
  Canvas c(60, 6);
  t.draw(c, {0, 0, 60, 6}, {theme, true, {}});
  EXPECT_EQ(c.at(2, 2).style, theme[Role::RowError]);
  EXPECT_EQ(c.at(59, 2).style, theme[Role::RowError]);  // the whole line
  EXPECT_EQ(c.at(2, 3).style, theme[Role::RowNormal]);
}

TEST(TableRows, ControlSequencesInCellsNeverReachTheCanvas) {
  const Theme theme = test_theme();
  Table t;
  t.set_rows(jobs({{"x", {"evil\x1b[31mred\x1b[0m\a\x1b]0;title\x07", "RUN\rNING", "1", "1s", "1/1"}}}));
  Canvas c(60, 4);
  t.draw(c, {0, 0, 60, 4}, {theme, true, {}});
  const std::string text = c.to_string();
  EXPECT_NE(text.find("evilred"), std::string::npos) << text;
  for (const char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    EXPECT_FALSE(u < 0x20 && ch != '\n') << "control character " << int(u) << " in\n" << text;
  }
  for (int y = 0; y < c.height(); ++y) {
    for (int x = 0; x < c.width(); ++x) {
      EXPECT_FALSE(c.at(x, y).ch < 0x20 && c.at(x, y).ch != 0);
      EXPECT_NE(c.at(x, y).ch, char32_t{0x1b});
    }
  }
  t.set_filter("evilred");  // the filter sees what is shown
  EXPECT_EQ(t.shown(), 1u);
}

TEST(TableRows, EmptyStates) {
  const Theme theme = test_theme();
  Table t;
  t.set_empty_message("No jobs on this cluster");
  t.set_rows(jobs({}));
  Canvas c(60, 4);
  t.draw(c, {0, 0, 60, 4}, {theme, true, {}});
  EXPECT_NE(c.to_string().find("No jobs on this cluster"), std::string::npos);
  EXPECT_EQ(t.selected(), nullptr);
  EXPECT_FALSE(t.handle_key(Key::character('x')));
  EXPECT_TRUE(t.handle_key(Key::character('j')));  // used, harmlessly
  t.set_rows(sample());
  t.set_filter("nothing-like-this");
  t.draw(c, {0, 0, 60, 4}, {theme, true, {}});
  EXPECT_NE(c.to_string().find("No rows match the filter /nothing-like-this/"), std::string::npos)
      << c.to_string();
}

TEST(TableLayout, SortArrowUnicodeAndAscii) {
  const Theme theme = test_theme();
  Table t;
  t.set_rows(sample());
  t.sort_by("RESTARTS", SortOrder::Descending);
  Canvas c(60, 3);
  t.draw(c, {0, 0, 60, 3}, {theme, true, {}});
  EXPECT_NE(c.to_string().find("RESTARTS↓"), std::string::npos) << c.to_string();
  t.toggle_sort(2);
  t.draw(c, {0, 0, 60, 3}, {theme, false, {}});
  EXPECT_NE(c.to_string().find("RESTARTS^"), std::string::npos) << c.to_string();
}

TEST(TableLayout, RightAlignedNumbersAndShrinkingColumns) {
  const Theme theme = test_theme();
  Table t;
  t.set_columns({{"RESTARTS", 0, 0, false, Align::Right}, {"NAME", 4, 0, true, Align::Left}});
  RowTable data = sample();
  data.rows[0].cells[0] = "a-very-long-job-name-that-cannot-fit-in-a-narrow-terminal";
  t.set_rows(data);
  Canvas c(50, 6);
  t.draw(c, {0, 0, 50, 6}, {theme, true, {}});
  const std::string text = c.to_string();
  EXPECT_NE(text.find("…"), std::string::npos) << text;      // NAME gave way
  EXPECT_NE(text.find("READY"), std::string::npos) << text;  // the others still show
  // "9" sits under the end of "RESTARTS".
  const int header_x = static_cast<int>(text.substr(0, text.find('\n')).find("RESTARTS"));
  EXPECT_EQ(c.at(header_x + 7, 2).ch, U'9') << text;
}

TEST(TableLayout, PlaceColumns) {
  // Fits: natural widths.
  auto p = place_columns({{10, 4, false}, {6, 6, false}}, 40, 1, 2);
  EXPECT_EQ(p[0].x, 1);
  EXPECT_EQ(p[0].width, 10);
  EXPECT_EQ(p[1].x, 13);
  EXPECT_EQ(p[1].width, 6);
  // Flexible first.
  p = place_columns({{10, 4, false}, {20, 5, true}}, 25, 1, 2);
  EXPECT_EQ(p[0].width, 10);
  EXPECT_EQ(p[1].width, 12);
  // Then the widest, down to their minimums.
  p = place_columns({{10, 4, false}, {10, 4, false}}, 17, 1, 2);
  EXPECT_EQ(p[0].width + p[1].width, 14);
  EXPECT_EQ(p[0].width, 7);
  // Minimums do not fit: the rightmost are cut.
  p = place_columns({{10, 8, false}, {10, 8, false}, {10, 8, false}}, 20, 1, 2);
  EXPECT_EQ(p[0].width, 8);
  EXPECT_EQ(p[1].width, 8);
  EXPECT_EQ(p[1].x, 11);
  EXPECT_EQ(p[2].width, 0);
}

TEST(TableUpdate, ReusesCachesAndMatchesAFreshBuild) {
  // Many random refreshes: the incremental path must equal a table built from scratch.
  RowTable data = jobs({});
  for (int i = 0; i < 200; ++i) {
    data.rows.push_back({"id" + std::to_string(i),
                         {"job-" + std::to_string(i % 37), i % 5 ? "RUNNING" : "FAILED",
                          std::to_string(i * 7 % 23), std::to_string(i % 60) + "m", "1/1"}});
  }
  Table t;
  t.set_rows(data);
  t.sort_by("RESTARTS", SortOrder::Descending);
  t.set_filter("RUN");
  unsigned seed = 1;
  auto rnd = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 8); };
  for (int round = 0; round < 30; ++round) {
    RowTable next = data;
    for (int k = 0; k < 5; ++k) next.rows[rnd() % next.rows.size()].cells[2] = std::to_string(rnd() % 50);
    if (round % 3 == 0) next.rows.erase(next.rows.begin() + static_cast<long>(rnd() % next.rows.size()));
    if (round % 4 == 0)
      next.rows.push_back({"new" + std::to_string(round), {"fresh", "RUNNING", "3", "1s", "0/1"}});
    if (round % 5 == 0) std::swap(next.rows[3], next.rows[150]);
    if (round % 7 == 0) next.rows[10].cells[1] = "FAILED";
    t.update(next, model::diff_rows(data, next), {});
    data = next;
    Table fresh;
    fresh.set_rows(data);
    fresh.sort_by("RESTARTS", SortOrder::Descending);
    fresh.set_filter("RUN");
    ASSERT_EQ(shown_ids(t), shown_ids(fresh)) << "round " << round;
  }
}

}  // namespace
}  // namespace flinktop::tui
