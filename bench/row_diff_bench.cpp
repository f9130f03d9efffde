// diff_rows on pod-like tables (36-char uid ids, 10 cells): the cost of one refresh of a view.
// Goal: <= 0.5 ms for 10k rows with 1% of the rows changed.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include "core/model/row_table.hpp"

namespace {

using flinktop::model::diff_rows;
using flinktop::model::Row;
using flinktop::model::RowTable;

std::string uid(std::size_t n) {
  char buf[48];  // 41 bytes at most: the compiler checks the worst case
  std::snprintf(buf, sizeof buf, "%08zx-1b2c-4d3e-8f90-%012zx", n * 2654435761u % 0xffffffffu, n);
  return buf;
}

Row pod_row(std::size_t n) {
  return {uid(n),
          {"ns-" + std::to_string(n % 7), "flink-taskmanager-1-" + std::to_string(n), "taskmanager", "1/1",
           "Running", std::to_string(n % 3), "3d4h", "node-" + std::to_string(n % 50),
           "10.0." + std::to_string(n / 250 % 256) + "." + std::to_string(n % 250), "cluster-" + std::to_string(n / 100)}};
}

RowTable table(std::size_t rows) {
  RowTable t;
  t.columns = {"NAMESPACE", "NAME", "ROLE", "READY", "STATUS", "RESTARTS", "AGE", "NODE", "IP", "CLUSTER"};
  t.rows.reserve(rows);
  for (std::size_t i = 0; i < rows; ++i) t.rows.push_back(pod_row(i));
  t.seal();  // as the views do where they make their rows
  return t;
}

// 1% of the rows get a new STATUS and RESTARTS, same ids in the same order.
void BM_DiffChanged(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable before = table(n);
  RowTable after = before;
  std::mt19937 rng(42);
  for (std::size_t k = 0; k < n / 100; ++k) {
    auto& row = after.rows[rng() % n];
    row.cells[4] = std::string("CrashLoopBackOff");
    row.cells[5] = std::string("7");
  }
  after.seal();
  std::size_t changed = 0;
  for (auto _ : state) {
    auto delta = diff_rows(before, after);
    changed = delta.changed.size();
    benchmark::DoNotOptimize(delta);
  }
  state.counters["changed"] = static_cast<double>(changed);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

// 1% of the rows removed and 1% added at random places (pods replaced), plus 1% changed.
void BM_DiffAddedRemoved(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable before = table(n);
  RowTable after = before;
  std::mt19937 rng(7);
  for (std::size_t k = 0; k < n / 100; ++k) after.rows[rng() % n].cells[4] = std::string("Terminating");
  for (std::size_t k = 0; k < n / 100; ++k) after.rows.erase(after.rows.begin() + static_cast<std::ptrdiff_t>(rng() % after.rows.size()));
  for (std::size_t k = 0; k < n / 100; ++k) {
    after.rows.insert(after.rows.begin() + static_cast<std::ptrdiff_t>(rng() % after.rows.size()), pod_row(n + k));
  }
  after.seal();
  std::size_t touched = 0;
  for (auto _ : state) {
    auto delta = diff_rows(before, after);
    touched = delta.added.size() + delta.removed.size() + delta.changed.size();
    benchmark::DoNotOptimize(delta);
  }
  state.counters["touched"] = static_cast<double>(touched);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

// Worst case: the new table lists the same rows in a shuffled order (every row goes through the
// hash join), 1% changed.
void BM_DiffShuffled(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable before = table(n);
  RowTable after = before;
  std::mt19937 rng(3);
  for (std::size_t k = 0; k < n / 100; ++k) after.rows[rng() % n].cells[4] = std::string("Error");
  std::shuffle(after.rows.begin(), after.rows.end(), rng);
  after.seal();
  for (auto _ : state) {
    auto delta = diff_rows(before, after);
    benchmark::DoNotOptimize(delta);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

// The same diff on tables made without seal(): every cell of both tables is compared.
void BM_DiffChangedUnsealed(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RowTable before = table(n);
  RowTable after = before;
  std::mt19937 rng(42);
  for (std::size_t k = 0; k < n / 100; ++k) after.rows[rng() % n].cells[4] = std::string("CrashLoopBackOff");
  for (RowTable* t : {&before, &after}) {
    for (Row& row : t->rows) row.fingerprint = 0;
  }
  for (auto _ : state) {
    auto delta = diff_rows(before, after);
    benchmark::DoNotOptimize(delta);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

// What sealing costs where the rows are made: fingerprinting a table whose cells were just
// written (so, as in a view's refresh, mostly in the cache when the table is small).
void BM_SealTable(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RowTable t = table(n);
  for (auto _ : state) {
    t.seal();
    benchmark::DoNotOptimize(t.rows.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

// Not a diff: reads every id and cell of both tables once (one load per string): the floor that
// memory sets for a diff that compares cells (the unsealed one). Sealed tables let a diff read
// less than this: the rows and their ids, not their cells.
void BM_ReadBothTablesFloor(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const RowTable before = table(n);
  const RowTable after = before;
  for (auto _ : state) {
    std::size_t sum = 0;
    for (const RowTable* t : {&before, &after}) {
      for (const Row& row : t->rows) {
        sum += row.id.size() + static_cast<unsigned char>(row.id.back());
        for (const auto& cell : row.cells) sum += cell.size() + static_cast<unsigned char>(cell.front());
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

}  // namespace

BENCHMARK(BM_ReadBothTablesFloor)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DiffChanged)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DiffAddedRemoved)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DiffShuffled)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DiffChangedUnsealed)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SealTable)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
