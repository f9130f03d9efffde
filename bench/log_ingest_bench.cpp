// Log ingest: what every line of every followed pod goes through before the UI sees it — split off
// the Kubernetes timestamp, sanitise (control characters, UTF-8, tabs), detect the level and the
// stack-trace lines, match the user's RE2 filter, and push into the bounded LogBuffer (100k lines,
// the oldest dropped in a burst). Lines are 150 bytes of Flink's log4j layout with a stack trace
// now and then. Reported: lines/s (items_per_second) and MB/s; the goal is ≥ 500k lines/s with an
// active filter. HTTP and line splitting are not included (libcurl's share, measured elsewhere).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/logs/log_buffer.hpp"
#include "core/logs/log_ingest.hpp"
#include "core/logs/log_timestamp.hpp"

namespace {

using namespace flinktop::logs;

// 4096 raw lines as the API server sends them with timestamps=true, each 150 bytes after the
// timestamp: mostly INFO, some WARN, an ERROR with a short trace now and then.
std::vector<std::string> corpus() {
  std::vector<std::string> lines;
  for (int i = 0; lines.size() < 4096; ++i) {
    const std::string stamp =
        fmt::format("2026-11-21T10:{:02}:{:02}.{:09}Z ", i / 60 % 60, i % 60, i * 7919 % 1000000000);
    std::string text;
    if (i % 50 == 7) {
      text = fmt::format(
          "2026-11-21 10:00:{:02},{:03} ERROR org.apache.flink.runtime.taskmanager.Task [] - Source: "
          "Kafka (1/2)#0 switched from RUNNING to FAILED with failure cause:",
          i % 60, i % 1000);
      text.resize(150, ' ');
      lines.push_back(stamp + text);
      for (const char* frame :
           {"java.io.IOException: Connection reset by peer",
            "\tat org.apache.kafka.common.network.NetworkReceive.readFrom(NetworkReceive.java:112)",
            "\tat org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:751)"}) {
        text = frame;
        text.resize(150, ' ');
        lines.push_back(stamp + text);
      }
      continue;
    }
    const char* level = i % 9 == 2 ? "WARN " : "INFO ";
    text = fmt::format(
        "2026-11-21 10:00:{:02},{:03} {} org.apache.flink.runtime.checkpoint.CheckpointCoordinator [] - "
        "Completed checkpoint {} for job 4f2a9c0d1e (4{:05} bytes).",
        i % 60, i % 1000, level, i, i % 100000);
    text.resize(150, ' ');
    lines.push_back(stamp + text);
  }
  return lines;
}

const std::vector<std::string>& lines() {
  static const std::vector<std::string> all = corpus();
  return all;
}

std::shared_ptr<const LogOrigin> origin() {
  auto o = std::make_shared<LogOrigin>();
  o->label = "orders-taskmanager-1-1";
  return o;
}

// Every line kept; the filter is evaluated on each (as the view marks matches while you type).
void BM_IngestFilterEveryLine(benchmark::State& state) {
  static LogBuffer* buffer = nullptr;
  if (state.thread_index() == 0) buffer = new LogBuffer({.max_lines = 100'000});
  const LogFilter filter("checkpoint \\d+ for job|exception");
  LogIngest ingest(origin(), {});
  const auto& raw = lines();
  std::size_t matched = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& line : raw) {
      const TimestampedText split = split_timestamp(line);
      auto l = ingest.line(split.text, split.ns);
      matched += filter.matches(l->text) ? 1 : 0;
      bytes += line.size();
      buffer->push(std::move(l));
    }
  }
  benchmark::DoNotOptimize(matched);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * raw.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  if (state.thread_index() == 0) {
    state.counters["dropped"] = static_cast<double>(buffer->dropped());
    state.counters["kept"] = static_cast<double>(buffer->size());
  }
  if (state.thread_index() == 0) {
    delete buffer;
    buffer = nullptr;
  }
}
// One producer: lines/s of one core (CPU time, so a busy machine does not blur the figure).
BENCHMARK(BM_IngestFilterEveryLine);
// Two producers into one buffer (two pods at once): wall time, lock contention included.
BENCHMARK(BM_IngestFilterEveryLine)->Threads(2)->UseRealTime();

// The CLI's --grep: lines that do not match are not kept at all (a record keeps its trace).
void BM_IngestGrep(benchmark::State& state) {
  LogBuffer buffer({.max_lines = 100'000});
  IngestOptions options;
  options.filter = LogFilter("ERROR|WARN");
  LogIngest ingest(origin(), options);
  const auto& raw = lines();
  for (auto _ : state) {
    for (const std::string& line : raw) {
      const TimestampedText split = split_timestamp(line);
      if (auto l = ingest.line(split.text, split.ns)) buffer.push(std::move(l));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * raw.size()));
  state.counters["kept"] = static_cast<double>(buffer.size());
}
BENCHMARK(BM_IngestGrep);

// The floor: sanitise alone, into a reused string (no line object, no buffer).
void BM_SanitizeOnly(benchmark::State& state) {
  const auto& raw = lines();
  std::string out;
  for (auto _ : state) {
    for (const std::string& line : raw) {
      out.clear();
      sanitize_line(line, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * raw.size()));
}
BENCHMARK(BM_SanitizeOnly);

}  // namespace

BENCHMARK_MAIN();
