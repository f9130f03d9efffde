// What the screen needs fetched now, as one plain value: each view says it (tui's View::demand),
// the App hands it to the Supply whenever it changes, and the Supply runs exactly the feeds it
// names. A new feed is one field here and one supplier in core/sync.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/logs/log_feed.hpp"
#include "core/sync/port_forwards.hpp"

namespace flinktop::sync {

struct Demand {
  // The cluster whose Flink REST data (jobs, TaskManagers, version) is shown ("" = none).
  std::string flink_cluster;
  // Its open job, whose details, checkpoints and exceptions are polled too ("" = none).
  std::string job;
  // Each TaskManager's load (CPU, heap, GC): one request per TaskManager per poll.
  bool taskmanager_load = false;
  // Pods' CPU and memory in use, from the metrics API of every context.
  bool pod_usage = false;
  // The savepoints of flinktop's own action journal (a local file).
  bool savepoints = false;
  // The logs a log view follows; kept while another view is opened over it.
  std::optional<logs::LogRequest> logs;
  // The port-forwards the user started: they outlive the view they were started from.
  std::vector<ForwardRequest> forwards;

  bool operator==(const Demand&) const = default;

  // The Flink REST data of one cluster, nothing else yet.
  static Demand flink(std::string cluster_id) {
    Demand d;
    d.flink_cluster = std::move(cluster_id);
    return d;
  }
};

}  // namespace flinktop::sync
