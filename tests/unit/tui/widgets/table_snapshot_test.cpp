// Table snapshots at 80x24 and 160x48: a jobs list in a box, sorted, with a right-aligned
// numeric column; then the same table filtered, and narrowed until columns are cut.
#include <gtest/gtest.h>

#include "snapshot.hpp"
#include "tui/widgets/box.hpp"
#include "tui/widgets/table.hpp"

namespace flinktop::tui {
namespace {

model::RowTable jobs_table() {
  model::RowTable t;
  t.columns = {"NAME", "JOB ID", "STATUS", "TASKS", "RESTARTS", "LAST CHECKPOINT", "UPTIME"};
  const char* rows[][7] = {
      {"orders-enrichment", "7f3a2c9e41d04b0f9c1e6a5b2d8f0a11", "RUNNING", "12/12", "0", "12s ago", "4d2h"},
      {"payments-fraud-score", "0b9d1e77c2a54f3e8d6b1c0a9f8e7d22", "RUNNING", "8/8", "3", "40s ago", "3h12m"},
      {"clickstream-sessionize", "c4e5f6a7b8c94d0e1f2a3b4c5d6e7f33", "RESTARTING", "3/6", "17", "9m ago",
       "5m"},
      {"inventory-cdc", "d1c2b3a4f5e64d7c8b9a0f1e2d3c4b44", "FAILED", "0/4", "9", "1h ago", "0s"},
      {"ads-attribution", "e0f1a2b3c4d54e6f7a8b9c0d1e2f3a55", "RUNNING", "24/24", "1", "5s ago", "12d"},
      {"user-profile-sync", "f9e8d7c6b5a44b3c2d1e0f9a8b7c6d66", "FINISHED", "2/2", "0", "-", "2y"},
      {"geo-enrich", "a1b2c3d4e5f64a7b8c9d0e1f2a3b4c77", "RUNNING", "6/6", "10", "1m ago", "45s"},
      {"billing-aggregates", "b2c3d4e5f6a74b8c9d0e1f2a3b4c5d88", "CANCELED", "0/3", "2", "3d ago", "3d"},
  };
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    model::Row r;
    r.id = rows[i][1];
    for (const char* cell : rows[i]) r.cells.emplace_back(cell);
    t.rows.push_back(std::move(r));
  }
  return t;
}

Table make_table() {
  Table t;
  t.set_columns({{"NAME", 10, 0, true, Align::Left},
                 {"JOB ID", 8, 0, true, Align::Left},
                 {"TASKS", 0, 0, false, Align::Right},
                 {"RESTARTS", 0, 0, false, Align::Right}});
  t.set_rows(jobs_table());
  t.sort_by("RESTARTS", SortOrder::Descending);
  t.select("c4e5f6a7b8c94d0e1f2a3b4c5d6e7f33");
  return t;
}

void render(Table& table, int width, int height, const std::string& name, bool unicode = true) {
  const Theme theme = Theme::builtin();
  const DrawContext ctx{theme, unicode, {}};
  Canvas canvas(width, height);
  std::vector<TitlePart> title{
      {"Jobs(flink-prod)", Role::Title},
      {"[" + std::to_string(table.shown()) + "/" + std::to_string(table.total()) + "]", Role::TitleCounter}};
  if (table.filter().active()) title.push_back({" </" + table.filter().text() + ">", Role::TitleFilter});
  const Rect inside = draw_box(canvas, {0, 0, width, height}, ctx, Role::Border, title);
  table.draw(canvas, inside, ctx);
  testing::expect_snapshot(canvas, name);
}

TEST(TableSnapshot, Jobs80x24) {
  Table t = make_table();
  render(t, 80, 24, "table_jobs_80x24");
}

TEST(TableSnapshot, Jobs160x48) {
  Table t = make_table();
  render(t, 160, 48, "table_jobs_160x48");
}

TEST(TableSnapshot, FilteredAscii80x24) {
  Table t = make_table();
  t.set_filter("!RUNNING");
  t.toggle_sort(6);  // UPTIME ascending
  render(t, 80, 24, "table_jobs_filtered_ascii_80x24", false);
}

TEST(TableSnapshot, Narrow40x12) {
  Table t = make_table();
  render(t, 40, 12, "table_jobs_narrow_40x12");
}

TEST(TableSnapshot, Empty80x24) {
  Table t;
  t.set_empty_message("No jobs on flink-prod yet.");
  model::RowTable empty = jobs_table();
  empty.rows.clear();
  t.set_rows(empty);
  render(t, 80, 24, "table_empty_80x24");
}

}  // namespace
}  // namespace flinktop::tui
