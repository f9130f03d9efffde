// Metric queries: GET /jobs/:id/metrics?get=..., /jobs/:id/vertices/:vid/subtasks/metrics?get=...
// &agg=sum,max and /taskmanagers/:id/metrics?get=... all answer a list of {id, value} or, when
// aggregated, {id, min, max, avg, sum, skew}. A metric Flink does not know (yet) is simply absent:
// the first query of a vertex's subtask metrics often answers [] while Flink starts fetching them.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/flink/types/taskmanager.hpp"

namespace flinktop::flink {

namespace metric {
// Per task (query them on a vertex's subtasks with agg=sum,max).
inline constexpr std::string_view kNumRecordsInPerSecond = "numRecordsInPerSecond";
inline constexpr std::string_view kNumRecordsOutPerSecond = "numRecordsOutPerSecond";
inline constexpr std::string_view kBusyTimeMsPerSecond = "busyTimeMsPerSecond";
inline constexpr std::string_view kBackPressuredTimeMsPerSecond = "backPressuredTimeMsPerSecond";
inline constexpr std::string_view kIdleTimeMsPerSecond = "idleTimeMsPerSecond";
inline constexpr std::string_view kCurrentInputWatermark = "currentInputWatermark";
inline constexpr std::string_view kCurrentOutputWatermark = "currentOutputWatermark";
// Per TaskManager / JobManager JVM.
inline constexpr std::string_view kHeapUsed = "Status.JVM.Memory.Heap.Used";
inline constexpr std::string_view kHeapMax = "Status.JVM.Memory.Heap.Max";
inline constexpr std::string_view kCpuLoad = "Status.JVM.CPU.Load";
inline constexpr std::string_view kGarbageCollectorPrefix = "Status.JVM.GarbageCollector.";
// Per job.
inline constexpr std::string_view kLastCheckpointSize = "lastCheckpointSize";
inline constexpr std::string_view kNumberOfCompletedCheckpoints = "numberOfCompletedCheckpoints";
inline constexpr std::string_view kUptime = "uptime";
}  // namespace metric

struct MetricValue {
  std::string text;             // the plain value as Flink sent it ("34", "0.25"); "" when aggregated
  std::optional<double> value;  // `text` as a number
  std::optional<double> min, max, avg, sum, skew;  // present when the query asked for agg=...

  // The one figure to show: value, else sum, else max, else avg, else min.
  std::optional<double> number() const;
};

using MetricMap = std::map<std::string, MetricValue, std::less<>>;

// An item without an id is skipped; a value that is not a number keeps only its text.
MetricMap decode_metrics(const nlohmann::json& j);
// The named metric's number(), or nullopt.
std::optional<double> metric_number(const MetricMap& metrics, std::string_view name);

// Status.JVM.GarbageCollector.<name>.Count / .Time from a TaskManager metric query, by collector.
std::vector<GarbageCollector> garbage_collectors(const MetricMap& metrics);

// Flink's watermark metric before the first watermark: Long.MIN_VALUE (about -9.2e18).
bool is_no_watermark(double value) noexcept;

}  // namespace flinktop::flink
