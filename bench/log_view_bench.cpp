// The log view under a burst: what one frame costs the UI thread when a batch of lines arrives —
// the LogView takes them (with an active filter that hides most: each line is matched), keeps at
// most 100k, and a 240x70 pane is drawn. A 100 MB/s burst of 150-byte lines at the view's 30 frames
// a second is ~22k lines a frame: while one frame costs less than a frame interval (33 ms), a key
// press is answered within a frame. Also: the frame of a full, quiet view (wrap on, following).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "core/logs/log_level.hpp"
#include "tui/screen/theme.hpp"
#include "tui/widgets/log_view.hpp"

namespace {

using namespace flinktop;

constexpr int kWidth = 240, kHeight = 70;
constexpr std::size_t kLinesPerBurstFrame = 22'000;  // 100 MB/s / 150 B / 30 frames

// Lines as the ingest hands them over: three TaskManagers, Flink's log4j layout, 150 bytes.
std::vector<logs::LogLinePtr> pool(std::size_t n) {
  std::vector<std::shared_ptr<const logs::LogOrigin>> origins;
  for (std::uint32_t i = 0; i < 3; ++i) {
    auto o = std::make_shared<logs::LogOrigin>();
    o->label = fmt::format("orders-taskmanager-1-{}", i + 1);
    o->index = i;
    origins.push_back(o);
  }
  std::vector<logs::LogLinePtr> lines;
  for (std::size_t i = 0; i < n; ++i) {
    auto l = std::make_shared<logs::LogLine>();
    l->origin = origins[i % origins.size()];
    l->text = fmt::format("2026-11-21 10:00:{:02},{:03} {} org.apache.flink.runtime.checkpoint.CheckpointCoordinator [] - "
                          "Completed checkpoint {} for job 4f2a9c0d1e.",
                          i % 60, i % 1000, i % 97 == 3 ? "ERROR" : i % 9 == 2 ? "WARN " : "INFO ", i);
    l->text.resize(150, ' ');
    l->level = logs::detect_level(l->text);
    lines.push_back(std::move(l));
  }
  return lines;
}

void BM_LogViewBurstFrame(benchmark::State& state) {
  const auto batch = pool(static_cast<std::size_t>(state.range(0)));
  const tui::Theme theme = tui::Theme::builtin();
  tui::Canvas canvas(kWidth, kHeight);
  tui::LogView view(100'000);
  view.set_filter("ERROR|WARN");
  std::uint64_t seq = 0;
  for (auto _ : state) {
    state.PauseTiming();  // new sequence numbers: the buffer would give them
    for (const auto& line : batch) std::const_pointer_cast<logs::LogLine>(line)->seq = ++seq;
    state.ResumeTiming();
    view.append(batch);
    view.draw(canvas, {0, 0, kWidth, kHeight}, tui::DrawContext{theme, true, {}});
    benchmark::DoNotOptimize(canvas.at(0, 0));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch.size()));
  state.counters["shown"] = static_cast<double>(view.shown());
}
BENCHMARK(BM_LogViewBurstFrame)->Arg(kLinesPerBurstFrame)->Unit(benchmark::kMillisecond);

void BM_LogViewFullQuietFrame(benchmark::State& state) {
  const auto lines = pool(100'000);
  std::uint64_t seq = 0;
  for (const auto& line : lines) std::const_pointer_cast<logs::LogLine>(line)->seq = ++seq;
  const tui::Theme theme = tui::Theme::builtin();
  tui::Canvas canvas(kWidth, kHeight);
  tui::LogView view(100'000);
  view.append(lines);
  view.set_wrap(true);
  view.set_timestamps(true);
  for (auto _ : state) {
    view.draw(canvas, {0, 0, kWidth, kHeight}, tui::DrawContext{theme, true, {}});
    benchmark::DoNotOptimize(canvas.at(0, 0));
  }
}
BENCHMARK(BM_LogViewFullQuietFrame)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
