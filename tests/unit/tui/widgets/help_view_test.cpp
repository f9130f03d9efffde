// HelpView: sections as columns, scrolling when the screen is too small.
#include "tui/widgets/help_view.hpp"

#include <gtest/gtest.h>

#include "snapshot.hpp"

namespace flinktop::tui {
namespace {

std::vector<HelpEntry> entries() {
  return {
      {"enter", "Open job", "JOBS"},
      {"s", "Savepoint", "JOBS"},
      {"ctrl-s", "Stop with savepoint", "JOBS"},
      {"ctrl-k", "Cancel job", "JOBS"},
      {"l", "Logs", "JOBS"},
      {"e", "Exceptions", "JOBS"},
      {":", "Command", "GENERAL"},
      {"/", "Filter (regex, ! inverts)", "GENERAL"},
      {"?", "Help", "GENERAL"},
      {"ctrl-c", "Quit", "GENERAL"},
      {"esc", "Back / clear filter", "GENERAL"},
      {"j", "Down", "NAVIGATION"},
      {"k", "Up", "NAVIGATION"},
      {"g", "Top", "NAVIGATION"},
      {"G", "Bottom", "NAVIGATION"},
      {"pgdn", "Page down", "NAVIGATION"},
      {"pgup", "Page up", "NAVIGATION"},
      {"shift-n", "Sort by name", "SORT"},
      {"shift-s", "Sort by status", "SORT"},
      {"shift-a", "Sort by age", "SORT"},
  };
}

TEST(HelpSnapshot, Columns) {
  const Theme theme = Theme::builtin();
  HelpView help;
  help.set_entries(entries());
  for (const auto& [w, h] : {std::pair{80, 24}, std::pair{160, 48}}) {
    Canvas c(w, h);
    help.draw(c, {0, 0, w, h}, {theme, true, {}});
    testing::expect_snapshot(c, "help_" + std::to_string(w) + "x" + std::to_string(h));
  }
}

TEST(HelpScroll, ScrollsWhenTooTall) {
  const Theme theme = Theme::builtin();
  HelpView help;
  help.set_entries(entries());
  Canvas c(30, 8);  // one column, 8 rows
  help.draw(c, {0, 0, 30, 8}, {theme, true, {}});
  EXPECT_EQ(c.to_string().substr(0, 6), " JOBS\n");
  EXPECT_TRUE(help.handle_key(Key::character('G')));
  help.draw(c, {0, 0, 30, 8}, {theme, true, {}});
  EXPECT_NE(c.to_string().find("Sort by age"), std::string::npos) << c.to_string();
  EXPECT_TRUE(help.handle_key(Key::character('g')));
  EXPECT_FALSE(help.handle_key(Key::character('x')));
  help.draw(c, {0, 0, 30, 8}, {theme, true, {}});
  EXPECT_EQ(c.to_string().substr(0, 6), " JOBS\n");
}

}  // namespace
}  // namespace flinktop::tui
