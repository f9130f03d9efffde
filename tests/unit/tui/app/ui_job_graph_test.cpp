// The job view's graph and sparklines as a user sees them: the graph above the vertices table
// (tests/tui/snapshots/ui_job_graph_*), its selected box following the table's cursor, and the
// trends row built from the history the poller keeps.
#include <gtest/gtest.h>

#include "ui_screen.hpp"

namespace flinktop::tui::testing {
namespace {

json vertex(const std::string& id, const std::string& name, int parallelism, long long busy_ms, long long bp_ms) {
  return {{"id", id}, {"name", name}, {"parallelism", parallelism}, {"status", "RUNNING"},
          {"start-time", 1795255200000LL}, {"duration", 7'200'000}, {"tasks", {{"RUNNING", parallelism}}},
          {"metrics", {{"read-records", 1'000'000}, {"write-records", 1'000'000},
                       {"accumulated-busy-time", busy_ms * parallelism}, {"accumulated-backpressured-time", bp_ms * parallelism}}}};
}

json node(const std::string& id, json inputs = json::array()) {
  json n{{"id", id}, {"parallelism", 2}, {"description", id}};
  if (!inputs.empty()) n["inputs"] = inputs;
  return n;
}

json input(const std::string& id, const std::string& strategy) {
  return {{"num", 0}, {"id", id}, {"ship_strategy", strategy}};
}

// orders-enrichment with a fan-out, a fan-in and a long operator chain: source → (lookup, rules)
// → score → sink, over 2 hours (busy and backpressure are shares of that).
ViewData diamond_view_data() {
  ViewData data = view_data(true);
  auto flink = std::make_shared<model::FlinkClusterSnapshot>(*data.flink);
  const long long h2 = 7'200'000;
  json vertices{vertex("v1", "Source: Kafka payments -> Timestamps/Watermarks", 4, h2 / 5, h2 * 6 / 10),
                vertex("v2", "Feature lookup (async I/O)", 8, h2 * 95 / 100, 0),
                vertex("v3", "Rules engine (broadcast state)", 2, h2 / 4, 0),
                vertex("v4", "Score model -> Filter", 4, h2 / 2, h2 / 20),
                vertex("v5", "Sink: Kafka alerts", 2, h2 / 10, 0)};
  json plan{{"nodes", {node("v5", {input("v4", "FORWARD")}), node("v4", {input("v2", "HASH"), input("v3", "HASH")}),
                       node("v3", {input("v1", "HASH")}), node("v2", {input("v1", "REBALANCE")}), node("v1")}}};
  flink->open_job->details = flink::decode_job_details(
      json{{"jid", kJobId}, {"name", "orders-enrichment"}, {"state", "RUNNING"}, {"start-time", 1795255200000LL},
           {"duration", h2}, {"now", 1795262400000LL}, {"vertices", vertices}, {"plan", plan}});
  flink->open_job->history = model::JobHistory();  // one poll so far: lifetime averages, no trends yet
  data.flink = flink;
  return data;
}

TEST(UiJobGraph, AboveTheVerticesTable) {
  UiScreen s(false, diamond_view_data());
  s.type("/orders\n\n\n");
  s.type("j");  // the second vertex: its box is drawn focused
  s.expect("ui_job_graph");
  const std::string screen = s.text();
  for (const char* word : {"REBALANCE", "Feature lookup", "busy 95%", "bp 60%", "×8 RUNNING"}) {
    EXPECT_NE(screen.find(word), std::string::npos) << word << "\n" << screen;
  }
}

TEST(UiJobGraph, TheSelectedBoxFollowsTheTable) {
  UiScreen s(false, diamond_view_data());
  s.type("/orders\n\n\n");
  const Canvas first = s.render(160, 48);
  s.type("G");  // the sink
  const Canvas last = s.render(160, 48);
  // The focused box moved: some cell's style changed.
  bool moved = false;
  for (int y = 0; y < 48 && !moved; ++y) {
    for (int x = 0; x < 160 && !moved; ++x) moved = !(first.at(x, y).style == last.at(x, y).style);
  }
  EXPECT_TRUE(moved);
}

TEST(UiJobGraph, TrendsFromTheHistory) {
  UiScreen s;  // the fixture's job has 40 polls of history
  s.type("/orders\n\n\n");
  const std::string screen = s.text();
  for (const char* word : {"in 1.6k/s", "out 1.6k/s", "backpressure 47%", "checkpoint 1.1s"}) {
    EXPECT_NE(screen.find(word), std::string::npos) << word << "\n" << screen;
  }
  EXPECT_NE(screen.find("▁"), std::string::npos) << screen;
}

}  // namespace
}  // namespace flinktop::tui::testing
