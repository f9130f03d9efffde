// Terminal output per frame: bytes written to a pseudo-terminal by Terminal::present() for a
// 240x70 jobs view (xterm-256color, UTF-8, 256 colours), and the time present() takes.
//   unchanged frame      goal 0 B: nothing changed, nothing written
//   one changed job row  goal <= 256 B: state, uptime and checkpoint count of one row change
//   whole row rewritten  every character of one 240-column row changes (an upper bound per row)
//   full redraw          invalidate() + present(): clear and repaint everything (resize, ctrl-l)
// bytes_per_frame is exact (every byte the pty received / frames); time includes the write(2).
#include <benchmark/benchmark.h>

#include <string>

#include "tests/unit/tui/screen/pty.hpp"
#include "tests/unit/tui/screen/sample_frames.hpp"
#include "tui/screen/terminal.hpp"

namespace {

using flinktop::tui::Canvas;
using flinktop::tui::Terminal;
using flinktop::tui::TerminalOptions;
namespace t = flinktop::tui::testing;

constexpr int kWidth = 240, kHeight = 70;

TerminalOptions options(const t::Pty& pty) {
  TerminalOptions o;
  o.fd = pty.slave();
  o.term = "xterm-256color";
  o.locale = "C.UTF-8";
  o.no_color = false;
  o.true_color = false;
  return o;
}

// Runs `frame(i)` for every iteration after a first full frame; reports bytes per frame.
template <class NextFrame>
void measure(benchmark::State& state, NextFrame next_frame, bool invalidate = false) {
  t::Pty pty(kWidth, kHeight);
  Terminal terminal(options(pty));
  terminal.present(t::jobs_frame(kWidth, kHeight));
  pty.take();
  std::size_t frames = 0;
  for (auto _ : state) {
    const Canvas& frame = next_frame(frames);
    if (invalidate) terminal.invalidate();
    terminal.present(frame);
    ++frames;
  }
  const std::size_t bytes = pty.take().size();
  state.counters["bytes_per_frame"] = static_cast<double>(bytes) / static_cast<double>(frames);
}

void BM_UnchangedFrame(benchmark::State& state) {
  const Canvas frame = t::jobs_frame(kWidth, kHeight);
  measure(state, [&](std::size_t) -> const Canvas& { return frame; });
}

void BM_OneChangedJobRow(benchmark::State& state) {
  const Canvas running = t::jobs_frame(kWidth, kHeight);
  Canvas failing = running;
  t::change_one_job(failing, 20, /*failing=*/true);
  measure(state, [&](std::size_t i) -> const Canvas& { return i % 2 == 0 ? failing : running; });
}

void BM_WholeRowRewritten(benchmark::State& state) {
  Canvas a = t::jobs_frame(kWidth, kHeight), b = a;
  a.text(0, 20, std::string(kWidth, 'a'), t::kRowStyle);
  b.text(0, 20, std::string(kWidth, 'b'), t::kRowStyle);
  measure(state, [&](std::size_t i) -> const Canvas& { return i % 2 == 0 ? b : a; });
}

void BM_FullRedraw(benchmark::State& state) {
  const Canvas frame = t::jobs_frame(kWidth, kHeight);
  measure(
      state, [&](std::size_t) -> const Canvas& { return frame; }, /*invalidate=*/true);
}

BENCHMARK(BM_UnchangedFrame);
BENCHMARK(BM_OneChangedJobRow);
BENCHMARK(BM_WholeRowRewritten);
BENCHMARK(BM_FullRedraw);

}  // namespace

BENCHMARK_MAIN();
