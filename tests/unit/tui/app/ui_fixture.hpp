// Fixed data for whole-screen tests of the Ui: one context with an operator application
// cluster (orders), an operator session cluster with a session job (analytics), a native
// cluster (adhoc), their pods, Events about orders, and the Flink REST data of orders — all at a
// fixed wall clock and a fixed frame clock, so snapshots never change by themselves. The
// savepoints of orders' job (from every source) come separately: savepoint_view_data().
#pragma once

#include <cmath>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/actions/journal.hpp"
#include "core/kube/objects/all.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/model/store.hpp"
#include "tui/app/ui.hpp"

namespace flinktop::tui::testing {

using nlohmann::json;

inline constexpr const char* kContext = "kind-prod";
inline constexpr const char* kJobId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
// 2026-11-21T12:00:00Z: everything below is dated relative to it.
inline const std::chrono::system_clock::time_point kWallNow{std::chrono::seconds(1795262400)};
inline const WidgetClock::time_point kFrameNow{std::chrono::hours(1000)};

inline json meta(const std::string& ns, const std::string& name, const std::string& uid, json labels = json::object()) {
  return {{"name", name}, {"namespace", ns}, {"uid", uid}, {"resourceVersion", "4711"},
          {"creationTimestamp", "2026-11-19T09:30:00Z"}, {"labels", labels},
          {"managedFields", {{{"manager", "kubectl"}, {"operation", "Update"}}}}};
}

inline json native_labels(const std::string& app, const std::string& component) {
  return {{"type", "flink-native-kubernetes"}, {"app", app}, {"component", component}};
}

inline json pod(const std::string& ns, const std::string& name, const std::string& uid, json labels, int restarts,
                bool ready = true) {
  json state = ready ? json{{"running", {{"startedAt", "2026-11-19T09:31:00Z"}}}}
                     : json{{"waiting", {{"reason", "CrashLoopBackOff"}, {"message", "back-off 5m0s restarting"}}}};
  return {{"metadata", meta(ns, name, uid, labels)},
          {"spec", {{"nodeName", "worker-2"}, {"containers", {{{"name", "flink-main-container"}, {"image", "flink:1.20.1"}}}}}},
          {"status",
           {{"phase", "Running"}, {"podIP", "10.244.1.17"}, {"startTime", "2026-11-19T09:30:30Z"},
            {"conditions", {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}}},
            {"containerStatuses",
             {{{"name", "flink-main-container"}, {"ready", ready}, {"restartCount", restarts}, {"state", state},
               {"lastState", restarts > 0 ? json{{"terminated", {{"reason", "OOMKilled"}, {"exitCode", 137}}}} : json::object()}}}}}}};
}

inline json service(const std::string& ns, const std::string& name, const std::string& app) {
  return {{"metadata", meta(ns, name, "svc-" + name)},
          {"spec", {{"type", "ClusterIP"}, {"selector", {{"app", app}, {"component", "jobmanager"}, {"type", "flink-native-kubernetes"}}},
                    {"ports", {{{"name", "rest"}, {"port", 8081}, {"targetPort", 8081}}}}}}};
}

inline json flink_deployment(const std::string& ns, const std::string& name, const std::string& uid, bool application) {
  json spec{{"image", "flink:1.20.1"}, {"flinkVersion", "v1_20"}, {"serviceAccount", "flink"},
            {"jobManager", {{"replicas", 1}}}};
  json status{{"lifecycleState", "STABLE"}, {"jobManagerDeploymentStatus", "READY"},
              {"clusterInfo", {{"flink-version", "1.20.1"}}}, {"reconciliationStatus", {{"state", "DEPLOYED"}}},
              {"conditions", {{{"type", "Running"}, {"status", "True"}, {"reason", "JobRunning"}, {"message", "Job is running"}}}}};
  if (application) {
    spec["job"] = {{"jarURI", "local:///opt/flink/usrlib/orders.jar"}, {"parallelism", 2}, {"upgradeMode", "savepoint"},
                   {"state", "running"}};
    status["jobStatus"] = {{"state", "RUNNING"}, {"jobId", kJobId}, {"jobName", "orders-enrichment"},
                           {"startTime", "1795255200000"},
                           {"savepointInfo", {{"lastSavepoint", {{"location", "s3://savepoints/orders/savepoint-a1b2c3-5f1e"},
                                                                 {"timeStamp", 1795258800000LL}, {"triggerType", "MANUAL"}}}}}};
  }
  return {{"apiVersion", "flink.apache.org/v1beta1"}, {"kind", "FlinkDeployment"},
          {"metadata", meta(ns, name, uid)}, {"spec", spec}, {"status", status}};
}

inline json event(const std::string& uid, const std::string& about_uid, const std::string& type, const std::string& reason,
                  const std::string& message, const std::string& last) {
  return {{"metadata", meta("flink", "orders." + uid, uid)},
          {"involvedObject", {{"kind", "FlinkDeployment"}, {"name", "orders"}, {"namespace", "flink"}, {"uid", about_uid}}},
          {"type", type}, {"reason", reason}, {"message", message}, {"count", 1}, {"lastTimestamp", last},
          {"source", {{"component", "JobManagerDeployment"}}}};
}

template <class T>
model::SharedObjects<T> objects(std::initializer_list<json> items) {
  auto map = std::make_shared<model::ObjectMap<T>>();
  for (const json& item : items) {
    auto object = std::make_shared<const T>(T::from_json(item));
    (*map)[object->meta.uid] = object;
  }
  return map;
}

inline std::shared_ptr<const model::ContextSnapshot> context_snapshot() {
  auto s = std::make_shared<model::ContextSnapshot>();
  s->context = kContext;
  s->flink_deployments = objects<kube::FlinkDeployment>(
      {flink_deployment("flink", "orders", "uid-orders", true), flink_deployment("flink", "analytics", "uid-analytics", false)});
  json session_job{{"metadata", meta("flink", "sessions-etl", "uid-etl")},
                   {"spec", {{"deploymentName", "analytics"}, {"job", {{"jarURI", "local:///opt/etl.jar"}, {"parallelism", 1}}}}},
                   {"status", {{"lifecycleState", "STABLE"},
                               {"jobStatus", {{"state", "RUNNING"}, {"jobName", "sessions-etl"}, {"jobId", "0badc0de0badc0de0badc0de0badc0de"}}}}}};
  s->session_jobs = objects<kube::FlinkSessionJob>({session_job});
  s->pods = objects<kube::Pod>({
      pod("flink", "orders-5d8f7c9b4-x2x7q", "uid-p1", native_labels("orders", "jobmanager"), 0),
      pod("flink", "orders-taskmanager-1-1", "uid-p2", native_labels("orders", "taskmanager"), 2),
      pod("flink", "orders-taskmanager-1-2", "uid-p3", native_labels("orders", "taskmanager"), 7, false),
      pod("flink", "analytics-7c6b5d4f8-abcde", "uid-p4", native_labels("analytics", "jobmanager"), 0),
      pod("adhoc", "adhoc-6f5e4d3c2-qwert", "uid-p5", native_labels("adhoc", "jobmanager"), 1),
  });
  // metrics-server's figures for two pods; the others have none (yet).
  s->pod_usage = std::make_shared<const model::PodUsageMap>(model::PodUsageMap{
      {"flink/orders-taskmanager-1-1", {0.734, 1288490188.8}}, {"flink/orders-5d8f7c9b4-x2x7q", {0.12, 943718400}}});
  s->services = objects<kube::Service>({service("flink", "orders-rest", "orders"), service("flink", "analytics-rest", "analytics"),
                                        service("adhoc", "adhoc-rest", "adhoc")});
  s->events = objects<kube::Event>({
      event("ev1", "uid-orders", "Normal", "SavepointTriggered", "Savepoint triggered manually", "2026-11-21T11:00:00Z"),
      event("ev2", "uid-orders", "Warning", "ClusterDeploymentException", "TaskManager lost: pod OOMKilled", "2026-11-21T11:55:00Z"),
      event("ev3", "uid-other", "Normal", "Unrelated", "about another object", "2026-11-21T11:59:00Z"),
  });
  return s;
}

// 40 polls, 2 s apart, ending at `last` (whose counters they lead up to): throughput in a slow
// wave, backpressure rising at the end, a checkpoint every third poll.
inline model::JobHistory job_history(const flink::JobDetails& last) {
  model::JobHistory history;
  constexpr int kPolls = 40;
  std::vector<double> in(kPolls);
  double total = 0;
  for (int i = 0; i < kPolls; ++i) total += in[static_cast<std::size_t>(i)] = 2'000 + 1'200 * std::sin(i / 4.0);
  // Backpressure: 2% of the time, rising by 5 points a poll over the last ten.
  std::vector<double> bp(kPolls);
  double bp_total = 0;
  for (int i = 0; i < kPolls; ++i) bp_total += bp[static_cast<std::size_t>(i)] = 4'000 * (i < 30 ? 0.02 : 0.02 + 0.05 * (i - 30));
  double done = 0, bp_done = 0;
  for (int i = 0; i < kPolls; ++i) {
    done += in[static_cast<std::size_t>(i)];
    bp_done += bp[static_cast<std::size_t>(i)];
    const double left = (total - done) * 2;  // records still to come after this poll (2 s per poll)
    const int ago = kPolls - 1 - i;
    flink::JobDetails d = last;
    d.now = last.now - ago * 2'000;
    for (flink::Vertex& v : d.vertices) {
      v.metrics.write_records = std::max<std::int64_t>(0, v.metrics.write_records - static_cast<std::int64_t>(left));
      v.metrics.read_records = std::max<std::int64_t>(0, v.metrics.read_records - static_cast<std::int64_t>(left));
      v.metrics.accumulated_backpressured_time += 1'000'000 - static_cast<std::int64_t>(bp_total - bp_done);
      v.metrics.accumulated_busy_time -= ago * 2'000 * 2 * 0.3;
      v.metrics.accumulated_idle_time = i;
    }
    flink::CheckpointStats stats;
    flink::Checkpoint c;
    c.id = i / 3;
    c.status = "COMPLETED";
    c.end_to_end_duration = 900 + static_cast<std::int64_t>(400 * std::sin(i / 2.0));
    stats.history.push_back(c);
    history.record(d, &stats, kWallNow - std::chrono::seconds(ago * 2));
  }
  return history;
}

inline std::shared_ptr<const model::FlinkClusterSnapshot> orders_flink(bool with_job_detail) {
  auto f = std::make_shared<model::FlinkClusterSnapshot>();
  f->cluster_id = std::string(kContext) + "/flink/orders";
  f->flink_version = "1.20.1";
  f->updated = kWallNow;
  const long long start = 1795255200000LL;  // 10:00
  json tasks{{"total", 4}, {"running", 4}};
  f->jobs = flink::decode_jobs_overview(json{{"jobs", {
      {{"jid", kJobId}, {"name", "orders-enrichment"}, {"state", "RUNNING"}, {"start-time", start}, {"end-time", -1},
       {"duration", 7'200'000}, {"tasks", tasks}},
      {{"jid", "ffeeddccbbaa99887766554433221100"}, {"name", "orders-backfill-2026-11"}, {"state", "FAILED"},
       {"start-time", start - 86'400'000}, {"end-time", start - 80'000'000}, {"duration", 6'400'000},
       {"tasks", {{"total", 2}, {"failed", 2}}}}}}});
  f->taskmanagers = flink::decode_taskmanagers(json{{"taskmanagers", {
      {{"id", "orders-taskmanager-1-1"}, {"path", "pekko.tcp://flink@10.244.1.18:6122/user/rpc/taskmanager_0"},
       {"slotsNumber", 2}, {"freeSlots", 0}, {"hardware", {{"cpuCores", 2}, {"physicalMemory", 8589934592LL}}},
       {"memoryConfiguration", {{"frameworkHeap", 134217728}, {"taskHeap", 402653184}, {"managedMemory", 536870912},
                                {"totalProcessMemory", 1728053248}}}},
      {{"id", "orders-taskmanager-1-2"}, {"path", "pekko.tcp://flink@10.244.1.19:6122/user/rpc/taskmanager_0"},
       {"slotsNumber", 2}, {"freeSlots", 0}, {"hardware", {{"cpuCores", 2}, {"physicalMemory", 8589934592LL}}},
       {"memoryConfiguration", {{"frameworkHeap", 134217728}, {"taskHeap", 402653184}, {"managedMemory", 536870912},
                                {"totalProcessMemory", 1728053248}}}}}}});
  // The first TaskManager answered its metrics query; the second did not (yet): configured sizes.
  model::TaskManagerLoad load;
  load.cpu_load = 0.375;
  load.heap_used = 201326592;  // 192 MiB
  load.heap_max = 536870912;
  load.managed_used = 268435456;
  load.managed_total = 536870912;
  load.gc_count = 42;
  load.gc_time_ms = 1830;
  f->taskmanager_load["orders-taskmanager-1-1"] = load;
  if (with_job_detail) {
    model::FlinkJobDetail detail;
    detail.job_id = kJobId;
    json source{{"id", "v-source"}, {"name", "Source: Kafka orders"}, {"parallelism", 2}, {"status", "RUNNING"},
                {"start-time", start}, {"duration", 7'200'000}, {"tasks", {{"RUNNING", 2}}},
                {"metrics", {{"write-records", 12'345'678}, {"read-records", 0}, {"write-bytes", 987'654'321},
                             {"accumulated-busy-time", 3'600'000}, {"accumulated-backpressured-time", 720'000}}}};
    json sink{{"id", "v-sink"}, {"name", "Sink: Enriched orders"}, {"parallelism", 2}, {"status", "RUNNING"},
              {"start-time", start}, {"duration", 7'200'000}, {"tasks", {{"RUNNING", 2}}},
              {"metrics", {{"read-records", 12'345'000}, {"read-bytes", 1'234'567'890}, {"accumulated-busy-time", 1'440'000}}}};
    json plan{{"type", "STREAMING"},
              {"nodes", {{{"id", "v-sink"}, {"parallelism", 2}, {"description", "Sink: Enriched orders"},
                          {"inputs", {{{"num", 0}, {"id", "v-source"}, {"ship_strategy", "HASH"}}}}},
                         {{"id", "v-source"}, {"parallelism", 2}, {"description", "Source: Kafka orders"}}}}};
    detail.details = flink::decode_job_details(json{{"jid", kJobId}, {"name", "orders-enrichment"}, {"state", "RUNNING"},
                                                    {"start-time", start}, {"duration", 7'200'000}, {"now", 1795262400000LL},
                                                    {"vertices", {source, sink}}, {"plan", plan}});
    json checkpoint{{"className", "completed"}, {"id", 42}, {"status", "COMPLETED"}, {"is_savepoint", false},
                    {"trigger_timestamp", 1795262340000LL}, {"latest_ack_timestamp", 1795262341200LL},
                    {"state_size", 73'400'320}, {"end_to_end_duration", 1200}, {"external_path", "s3://checkpoints/orders/chk-42"}};
    json failed{{"className", "failed"}, {"id", 41}, {"status", "FAILED"}, {"is_savepoint", false},
                {"trigger_timestamp", 1795262280000LL}, {"end_to_end_duration", 60000},
                {"failure_message", "Checkpoint expired before completing."}};
    detail.checkpoints = flink::decode_checkpoint_stats(json{{"counts", {{"completed", 41}, {"failed", 1}, {"total", 42}}},
                                                             {"latest", {{"completed", checkpoint}}},
                                                             {"history", {checkpoint, failed}}});
    detail.exceptions = flink::decode_job_exceptions(json{{"exceptionHistory", {{"entries", {
        {{"exceptionName", "java.io.IOException: Connection reset by peer"}, {"timestamp", 1795259000000LL},
         {"taskName", "Source: Kafka orders (1/2)"}, {"endpoint", "10.244.1.18:6122"},
         {"stacktrace", "java.io.IOException: Connection reset by peer\n\tat sun.nio.ch.SocketDispatcher.read0(Native Method)\n\tat org.apache.kafka.common.network.NetworkReceive.readFrom(NetworkReceive.java:97)"}}}},
        {"truncated", false}}}});
    detail.history = job_history(*detail.details);
    f->open_job = std::move(detail);
  }
  return f;
}

inline ViewData view_data(bool job_detail = false) {
  ViewData data;
  auto snapshot = context_snapshot();
  data.clusters = model::ClusterDiscovery().run(*snapshot);
  data.flink = orders_flink(job_detail);
  data.now = kWallNow;
  data.contexts = {snapshot};
  return data;
}

// view_data(true) plus savepoints of orders' job from every source: the one in the
// FlinkDeployment's status (11:00) is also in Flink's history and the journal, so it is listed
// once; FlinkStateSnapshots (one completed, one failed); a failed stop in Flink's history; and
// journal records of another cluster and another job, which the view must leave out.
inline ViewData savepoint_view_data() {
  ViewData data = view_data(true);
  auto snapshot = std::make_shared<model::ContextSnapshot>(*data.contexts.front());
  auto state_snapshot = [](const std::string& name, const std::string& state, const std::string& path,
                           const std::string& error, const std::string& when) {
    return json{{"metadata", meta("flink", name, "uid-" + name)},
                {"spec", {{"jobReference", {{"kind", "FlinkDeployment"}, {"name", "orders"}}},
                          {"savepoint", {{"path", "s3://savepoints/orders"}, {"formatType", "NATIVE"}}}}},
                {"status", {{"state", state}, {"path", path}, {"error", error}, {"triggerTimestamp", when},
                            {"resultTimestamp", when}}}};
  };
  snapshot->state_snapshots = objects<kube::FlinkStateSnapshot>({
      state_snapshot("orders-sp-nightly", "COMPLETED", "s3://savepoints/orders/savepoint-a1b2c3-77aa", "",
                     "2026-11-21T11:30:00Z"),
      state_snapshot("orders-sp-retry", "FAILED", "", "java.util.concurrent.TimeoutException: savepoint timed out\n\tat x",
                     "2026-11-21T11:40:00Z"),
  });
  data.contexts = {snapshot};

  auto flink = std::make_shared<model::FlinkClusterSnapshot>(*data.flink);
  flink::CheckpointStats& stats = *flink->open_job->checkpoints;
  flink::Checkpoint manual;
  manual.id = 30;
  manual.status = "COMPLETED";
  manual.is_savepoint = true;
  manual.checkpoint_type = "SAVEPOINT";
  manual.savepoint_format = "CANONICAL";
  manual.trigger_timestamp = 1795258795000LL;  // 10:59:55
  manual.latest_ack_timestamp = 1795258800000LL;
  manual.external_path = "s3://savepoints/orders/savepoint-a1b2c3-5f1e";
  flink::Checkpoint stop;
  stop.id = 40;
  stop.status = "FAILED";
  stop.is_savepoint = true;
  stop.checkpoint_type = "SYNC_SAVEPOINT";
  stop.savepoint_format = "CANONICAL";
  stop.trigger_timestamp = 1795261500000LL;  // 11:45
  stop.failure_message = "Checkpoint Coordinator is suspending.";
  stats.history.push_back(stop);
  stats.history.push_back(manual);
  data.flink = flink;

  auto entry = [](const std::string& cluster, const std::string& job, const std::string& path, long long epoch_s) {
    actions::JournalEntry e;
    e.time = std::chrono::system_clock::time_point(std::chrono::seconds(epoch_s));
    e.context = kContext;
    e.namespace_ = "flink";
    e.cluster = cluster;
    e.job = job;
    e.action = "savepoint";
    e.result = "succeeded";
    e.savepoint = path;
    return e;
  };
  data.journal_savepoints = std::make_shared<const std::vector<model::SavepointRecord>>(actions::journal_savepoints({
      entry("orders", kJobId, "s3://savepoints/orders/savepoint-a1b2c3-5f1e", 1795258800),
      entry("orders", kJobId, "s3://savepoints/orders/savepoint-a1b2c3-9c3d", 1795262100),  // 11:55
      entry("analytics", kJobId, "s3://savepoints/analytics/savepoint-other-cluster", 1795262200),
      entry("orders", "ffeeddccbbaa99887766554433221100", "s3://savepoints/orders/savepoint-other-job", 1795262300),
  }));
  return data;
}

inline UiSettings settings(bool readonly = false) {
  UiSettings s;
  s.readonly = readonly;
  s.context = kContext;
  s.kube_namespace = "all";
  s.home_context = kContext;
  s.home_namespace = "default";
  s.flinktop_version = "0.1.0";
  return s;
}

}  // namespace flinktop::tui::testing
