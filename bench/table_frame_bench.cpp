// The Table widget on a 10k-row pod-like table, sorted and filtered: the cost of one frame
// (compose a 240x70 view), of a refresh with 1% of the rows changed (reuse caches, re-sort the
// changed rows into place, re-filter them), and of the first build. Goal: a frame <= 1 ms.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <random>
#include <string>

#include "core/model/row_table.hpp"
#include "tui/screen/canvas.hpp"
#include "tui/screen/theme.hpp"
#include "tui/widgets/table.hpp"

namespace {

using flinktop::model::diff_rows;
using flinktop::model::Row;
using flinktop::model::RowTable;
using namespace flinktop::tui;

constexpr int kWidth = 240, kHeight = 70;

std::string uid(std::size_t n) {
  char buf[48];  // 41 bytes at most: the compiler checks the worst case
  std::snprintf(buf, sizeof buf, "%08zx-1b2c-4d3e-8f90-%012zx", n * 2654435761u % 0xffffffffu, n);
  return buf;
}

Row row(std::size_t n) {
  static const char* const kStatus[] = {"Running", "Running", "Running", "Pending", "CrashLoopBackOff"};
  return {
      uid(n),
      {"ns-" + std::to_string(n % 7), "flink-taskmanager-" + std::to_string(n / 50) + "-" + std::to_string(n),
       "taskmanager", std::to_string(n % 3) + "/2", kStatus[n % 5], std::to_string(n * 7 % 31),
       std::to_string(n % 59 + 1) + "m", "node-" + std::to_string(n % 50),
       "10.0." + std::to_string(n / 250 % 256) + "." + std::to_string(n % 250),
       "cluster-" + std::to_string(n / 100)}};
}

RowTable table(std::size_t rows) {
  RowTable t;
  t.columns = {"NAMESPACE", "NAME", "ROLE", "READY", "STATUS", "RESTARTS", "AGE", "NODE", "IP", "CLUSTER"};
  for (std::size_t i = 0; i < rows; ++i) t.rows.push_back(row(i));
  return t;
}

// 1% of the rows get a new STATUS and RESTARTS (so they move in the RESTARTS order).
RowTable changed(const RowTable& before, unsigned seed) {
  RowTable after = before;
  std::mt19937 rng(seed);
  for (std::size_t k = 0; k < before.rows.size() / 100; ++k) {
    auto& r = after.rows[rng() % after.rows.size()];
    r.cells[4] = (rng() % 2) ? "CrashLoopBackOff" : "Running";
    r.cells[5] = std::to_string(rng() % 40);
  }
  return after;
}

void configure(Table& t) {
  t.set_columns({{"NAME", 12, 0, true, Align::Left}, {"RESTARTS", 0, 0, false, Align::Right}});
  t.sort_by("RESTARTS", SortOrder::Descending);
  t.set_filter("!Pending");  // keeps 80%
  t.set_row_role(
      [](const Row& r) { return r.cells[4] == "CrashLoopBackOff" ? Role::RowError : Role::RowNormal; });
}

// One frame: clear the canvas and draw the table (cursor in the middle, some rows highlighted).
void BM_ComposeFrame(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable before = table(n);
  const RowTable after = changed(before, 7);
  Table t;
  t.set_rows(before);
  configure(t);
  const auto now = WidgetClock::now();
  t.update(after, diff_rows(before, after), now);
  for (int i = 0; i < static_cast<int>(t.shown() / 2); ++i) t.handle_key(Key::character('j'));
  const Theme theme = Theme::builtin();
  Canvas canvas(kWidth, kHeight);
  for (auto _ : state) {
    canvas.clear();
    t.draw(canvas, {0, 0, kWidth, kHeight}, {theme, true, now});
    benchmark::DoNotOptimize(canvas.at(1, 1));
  }
  state.counters["shown"] = static_cast<double>(t.shown());
}

// A refresh: the Store's delta applied to the sorted+filtered table (1% of rows changed).
void BM_UpdateOnePercent(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable a = table(n);
  const RowTable b = changed(a, 11);
  const auto a_to_b = diff_rows(a, b), b_to_a = diff_rows(b, a);
  Table t;
  t.set_rows(a);
  configure(t);
  bool at_a = true;
  const auto now = WidgetClock::now();
  for (auto _ : state) {
    state.PauseTiming();  // the copy stands for the Store's new snapshot, not the widget's work
    RowTable next = at_a ? b : a;
    state.ResumeTiming();
    t.update(std::move(next), at_a ? a_to_b : b_to_a, now);
    at_a = !at_a;
  }
  state.counters["changed"] = static_cast<double>(a_to_b.changed.size());
}

// The same refresh followed by the frame that shows it.
void BM_UpdateAndCompose(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable a = table(n);
  const RowTable b = changed(a, 11);
  const auto a_to_b = diff_rows(a, b), b_to_a = diff_rows(b, a);
  Table t;
  t.set_rows(a);
  configure(t);
  const Theme theme = Theme::builtin();
  Canvas canvas(kWidth, kHeight);
  bool at_a = true;
  const auto now = WidgetClock::now();
  for (auto _ : state) {
    state.PauseTiming();
    RowTable next = at_a ? b : a;
    state.ResumeTiming();
    t.update(std::move(next), at_a ? a_to_b : b_to_a, now);
    canvas.clear();
    t.draw(canvas, {0, 0, kWidth, kHeight}, {theme, true, now});
    at_a = !at_a;
  }
}

// Not the widget: freeing a 10k-row table, which every refresh does once (the old snapshot goes
// when the new one is moved in). The floor under BM_UpdateOnePercent.
void BM_FreeTableFloor(benchmark::State& state) {
  const RowTable data = table(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    auto copy = std::make_unique<RowTable>(data);
    state.ResumeTiming();
    copy.reset();
  }
}

// Typing in the `/` filter: every row re-matched (regex over the cached visible text).
void BM_Refilter(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Table t;
  t.set_rows(table(n));
  configure(t);
  bool flip = false;
  for (auto _ : state) {
    t.set_filter(flip ? "crash|pend" : "crash|pen");
    flip = !flip;
  }
  state.counters["shown"] = static_cast<double>(t.shown());
}

// A new sort column: keys for every row, then a full sort (natural order, a numeric column).
void BM_Resort(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Table t;
  t.set_rows(table(n));
  configure(t);
  bool flip = false;
  for (auto _ : state) {
    t.sort_by("RESTARTS", flip ? SortOrder::Ascending : SortOrder::Descending);
    flip = !flip;
  }
}

// First load of a view: every cache built, sorted and filtered.
void BM_SetRows(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable data = table(n);
  Table t;
  configure(t);
  t.set_rows(data);
  configure(t);
  for (auto _ : state) {
    state.PauseTiming();
    RowTable copy = data;
    state.ResumeTiming();
    t.set_rows(std::move(copy));
  }
}

}  // namespace

BENCHMARK(BM_ComposeFrame)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_UpdateOnePercent)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_UpdateAndCompose)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FreeTableFloor)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Refilter)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Resort)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SetRows)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
