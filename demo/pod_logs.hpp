// The logs of the demo's JobManager and TaskManager pods: Flink's start-up banner, then a steady
// stream of INFO lines (tasks, checkpoints, network buffers), WARN now and then and an ERROR with a
// Java stack trace now and then, in Flink's log4j console layout. A log is a pure function of its
// profile and the clock — line i is written at since + i × cadence — so ten thousand pods cost no
// memory, and a followed log sees each new line when its time comes.
#pragma once

#include <string>
#include <vector>

namespace flinktop::demo {

struct PodLogProfile {
  long long since_ms = 0;    // when this container's log begins (its start, or the demo's start)
  long long cadence_ms = 1000;
  bool jobmanager = false;
  std::string flink_version;
  std::string pod;
  std::string ip;
  std::string taskmanager_id;
  std::vector<std::string> jobs;  // "name (id)" of the cluster's running jobs, for task lines
};

// Lines written by `now_ms` (the banner appears at once).
long long log_line_count(const PodLogProfile& profile, long long now_ms);
// Line `index` (< log_line_count), without a newline.
std::string log_line(const PodLogProfile& profile, long long index);
// When line `index` was written (epoch ms): the banner at once, then one line per cadence.
long long log_line_time(const PodLogProfile& profile, long long index);

}  // namespace flinktop::demo
