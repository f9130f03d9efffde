// Header and Crumbs as drawn: info block, key hint columns, DEMO/READ-ONLY badges; the crumb
// path and its shortening.
#include "tui/widgets/header.hpp"

#include <gtest/gtest.h>

#include "snapshot.hpp"
#include "tui/widgets/crumbs.hpp"

namespace flinktop::tui {
namespace {

HeaderInfo jobs_header() {
  HeaderInfo h;
  h.context = "kind-flink-dev";
  h.cluster = "flink-prod";
  h.kube_namespace = "orders";
  h.flink_version = "1.19.1";
  h.flinktop_version = "0.1.0";
  h.demo = true;
  h.hints = {{"enter", "Job"},           {"s", "Savepoint"},    {"ctrl-s", "Stop+Savepoint"},
             {"ctrl-k", "Cancel"},       {"l", "Logs"},         {"e", "Exceptions"},
             {"c", "Checkpoints"},       {"t", "TaskManagers"}, {"shift-n", "Sort Name"},
             {"shift-s", "Sort Status"}, {"/", "Filter"},       {"?", "Help"}};
  return h;
}

void render(const HeaderInfo& h, int w, int hgt, const std::string& name) {
  const Theme theme = Theme::builtin();
  Canvas c(w, hgt);
  draw_header(c, {0, 0, w, 6}, h, {theme, true, {}});
  testing::expect_snapshot(c, name);
}

TEST(HeaderSnapshot, JobsView) {
  const HeaderInfo h = jobs_header();
  render(h, 80, 24, "header_jobs_80x24");
  render(h, 160, 48, "header_jobs_160x48");
}

TEST(HeaderSnapshot, ReadOnlyWithoutCluster) {
  HeaderInfo h = jobs_header();
  h.demo = false;
  h.read_only = true;
  h.cluster.clear();
  h.flink_version.clear();
  h.hints.resize(3);
  render(h, 80, 24, "header_readonly_80x24");
}

TEST(HeaderBadges, DemoBadgeUsesItsRole) {
  const Theme theme = Theme::builtin();
  Canvas c(80, 6);
  draw_header(c, {0, 0, 80, 6}, jobs_header(), {theme, true, {}});
  EXPECT_EQ(c.at(75, 0).ch, U'D');
  EXPECT_EQ(c.at(75, 0).style, theme[Role::Demo]);
}

TEST(HeaderHints, ColumnsThatDoNotFitAreLeftOut) {
  const Theme theme = Theme::builtin();
  Canvas c(60, 6);
  draw_header(c, {0, 0, 60, 6}, jobs_header(), {theme, true, {}});
  const std::string text = c.to_string();
  EXPECT_NE(text.find("<enter>"), std::string::npos) << text;
  EXPECT_EQ(text.find("<shift-n>"), std::string::npos) << text;  // the third column would not fit
}

TEST(CrumbsSnapshot, Path) {
  const Theme theme = Theme::builtin();
  for (const auto& [w, h] : {std::pair{80, 24}, std::pair{160, 48}}) {
    Canvas c(w, h);
    draw_crumbs(c, {0, h - 2, w, 1}, {"clusters", "flink-prod", "jobs"}, {theme, true, {}});
    testing::expect_snapshot(c, "crumbs_" + std::to_string(w) + "x" + std::to_string(h));
    EXPECT_EQ(c.at(c.to_string().find("jobs") > 0 ? 2 : 0, h - 2).style, theme[Role::Crumb]);
  }
}

TEST(CrumbsLayout, ActiveIsLastAndOldestGiveWay) {
  const Theme theme = Theme::builtin();
  Canvas c(31, 1);
  draw_crumbs(c, {0, 0, 31, 1}, {"clusters", "flink-prod", "jobs", "orders-enrichment"}, {theme, true, {}});
  EXPECT_EQ(c.to_string(), "  …   jobs   orders-enrichment\n");
  EXPECT_EQ(c.at(12, 0).style, theme[Role::CrumbActive]);
  EXPECT_EQ(c.at(7, 0).style, theme[Role::Crumb]);
  Canvas a(31, 1);
  draw_crumbs(a, {0, 0, 31, 1}, {"clusters", "flink-prod", "jobs", "orders-enrichment"}, {theme, false, {}});
  EXPECT_EQ(a.to_string(), "  ~   jobs   orders-enrichment\n");
  Canvas narrow(30, 1);  // one column less: "jobs" gives way too
  draw_crumbs(narrow, {0, 0, 30, 1}, {"clusters", "flink-prod", "jobs", "orders-enrichment"},
              {theme, true, {}});
  EXPECT_EQ(narrow.to_string(), "  …   orders-enrichment\n");
}

}  // namespace
}  // namespace flinktop::tui
