#include "demo/scenario.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>

namespace flinktop::demo {

namespace {

struct Pipeline {
  const char* name;
  std::array<const char*, 4> vertices;  // empty names end it
  // "from>to:STRATEGY ..." by vertex index: a shape other than a chain (fan-in, fan-out, diamond).
  const char* edges = "";
};

// Jobs as teams name them, with the operator chains Flink shows for them.
constexpr std::array<Pipeline, 12> kPipelines{{
    {"orders-enrichment",
     {"Source: Kafka orders -> Timestamps/Watermarks", "Source: JDBC customers", "Join customers (KeyedCoProcess)",
      "Sink: Kafka orders-enriched"},
     "0>2:HASH 1>2:HASH 2>3:FORWARD"},
    {"clickstream-sessionizer",
     {"Source: Kafka clicks", "Session window (30 min gap)", "Sink: Iceberg sessions", "Sink: Kafka late clicks"},
     "0>1:HASH 1>2:FORWARD 1>3:REBALANCE"},
    {"fraud-scoring", {"Source: Kafka payments", "Feature lookup (async I/O)", "Rules engine (broadcast state)",
                       "Score model -> Sink: Kafka alerts"},
     "0>1:REBALANCE 0>2:HASH 1>3:HASH 2>3:HASH"},
    {"top-speed-windowing", {"Source: Car data generator -> Timestamps/Watermarks",
                             "GlobalWindows -> Sink: Print to Std. Out", "", ""}},
    {"adhoc-backfill-2026-11", {"Source: Parquet files", "Reshuffle", "Sink: JDBC warehouse", ""}},
    {"payments-fraud-detection", {"Source: Kafka transactions", "KeyBy account -> Fraud detector",
                                  "Sink: Kafka fraud-alerts", ""}},
    {"inventory-sync", {"Source: Postgres CDC inventory", "Dedup (keyed state)", "Sink: Elasticsearch inventory", ""}},
    {"click-count", {"Source: ClickEvent Source", "ClickEvent Counter", "Sink: ClickEventStatistics Sink", ""}},
    {"nightly-report", {"Source: S3 events (bounded)", "Aggregate per day", "Sink: S3 reports", ""}},
    {"metrics-rollup", {"Source: Kafka metrics", "Tumbling window 1 min", "Sink: Prometheus remote write", ""}},
    {"user-profile-builder", {"Source: Kafka profile-events", "Merge profile (keyed state)", "Sink: Redis profiles",
                              ""}},
    {"ad-impressions-dedup", {"Source: Kafka impressions", "Dedup by impression id", "Sink: Kafka impressions-clean",
                              ""}},
}};

const Pipeline& pipeline_named(const std::string& name) {
  for (const auto& p : kPipelines) {
    if (name.rfind(p.name, 0) == 0) return p;
  }
  return kPipelines[std::hash<std::string>{}(name) % kPipelines.size()];
}

std::string ip_from(std::mt19937_64& rng) {
  return "10.244." + std::to_string(rng() % 4 + 1) + "." + std::to_string(rng() % 250 + 2);
}

std::string pod_suffix(std::mt19937_64& rng, int length) {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  for (int i = 0; i < length; ++i) out += kAlphabet[rng() % (sizeof kAlphabet - 1)];
  return out;
}

DemoCluster make_cluster(const std::string& ns, const std::string& name, DemoClusterKind kind,
                         const std::string& version, int taskmanagers, std::mt19937_64& rng, long long created_ms) {
  DemoCluster c;
  c.ns = ns;
  c.name = name;
  c.key = ns + "/" + name;
  c.kind = kind;
  c.flink_version = version;
  c.created_ms = created_ms;
  c.savepoint_dir = "s3://flink-demo/savepoints/" + ns + "/" + name;
  c.jobmanager_ip = ip_from(rng);
  const bool native = kind != DemoClusterKind::Standalone;
  c.rest_service = native ? name + "-rest" : name + "-jobmanager";
  c.jobmanager_pod = (native ? name : name + "-jobmanager") + "-" + pod_suffix(rng, 10) + "-" + pod_suffix(rng, 5);
  const std::string tm_prefix = name + "-taskmanager-" + (native ? "1-" : pod_suffix(rng, 10) + "-");
  for (int i = 1; i <= taskmanagers; ++i) {
    DemoTaskManager tm;
    tm.pod = tm_prefix + (native ? std::to_string(i) : pod_suffix(rng, 5));
    tm.ip = ip_from(rng);
    // Native TaskManagers are known to Flink by their pod name; standalone ones by address.
    tm.id = native ? tm.pod : tm.ip + ":6122-" + random_hex(rng, 6);
    tm.slots = 2;
    tm.heap_max = 536870912;
    tm.heap_used = static_cast<long long>(tm.heap_max * (0.3 + (rng() % 30) / 100.0));
    tm.started_ms = created_ms + 4000 + i * 700;
    c.taskmanagers.push_back(tm);
  }
  return c;
}

// Adds a job to the world and its cluster; starts it RUNNING (or finished) some time ago.
DemoJob& add_job(World& world, DemoCluster& c, const std::string& name, const std::string& state,
                 std::mt19937_64& rng, long long now_ms, long long age_ms) {
  DemoJob job = make_job(c, name, rng, now_ms - age_ms);
  // As if it had run at today's shares since it started.
  for (DemoVertex& v : job.vertices) {
    const double subtask_ms = static_cast<double>(age_ms) * v.parallelism;
    v.busy_ms = v.busy * subtask_ms;
    v.backpressured_ms = v.backpressure * subtask_ms;
    v.idle_ms = std::max(0.0, 1 - v.busy - v.backpressure) * subtask_ms;
  }
  job.state = state;
  job.timestamps["RUNNING"] = job.start_ms + 900;
  job.state_since_ms = job.start_ms + 900;
  job.next_checkpoint_ms = now_ms + static_cast<long long>(rng() % 4000);
  if (state != "RUNNING") {
    job.end_ms = now_ms - age_ms / 3;
    job.state_since_ms = job.end_ms;
    job.timestamps[state] = job.end_ms;
  }
  const auto id = job.id;
  c.jobs.push_back(id);
  return world.jobs[id] = std::move(job);
}

}  // namespace

std::string random_hex(std::mt19937_64& rng, int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < length; ++i) out += kHex[rng() % 16];
  return out;
}

DemoJob make_job(const DemoCluster& cluster, const std::string& name, std::mt19937_64& rng, long long now_ms) {
  DemoJob job;
  job.id = random_hex(rng);
  job.name = name;
  job.cluster = cluster.key;
  job.state = "CREATED";
  job.start_ms = now_ms;
  job.state_since_ms = now_ms;
  job.timestamps["INITIALIZING"] = now_ms;
  job.timestamps["CREATED"] = now_ms + 50;
  job.checkpoint_interval_ms = 4000 + static_cast<int>(rng() % 5) * 1000;
  job.next_checkpoint_ms = now_ms + job.checkpoint_interval_ms;
  const Pipeline& p = pipeline_named(name);
  const double rate = 500.0 + static_cast<double>(rng() % 20000);
  for (std::size_t i = 0; i < p.vertices.size() && p.vertices[i][0] != '\0'; ++i) {
    DemoVertex v;
    v.id = random_hex(rng);
    v.name = p.vertices[i];
    v.parallelism = i == 0 ? 2 : 2 + static_cast<int>(rng() % 3);
    v.source = i == 0;
    v.sink = i + 1 == p.vertices.size() || p.vertices[i + 1][0] == '\0';
    v.records_per_second = rate * (v.sink ? 0.8 : 1.0);
    v.busy = 0.1 + (rng() % 40) / 100.0;
    job.vertices.push_back(v);
  }
  // A shape other than a chain: sources are the vertices without inputs, sinks those without outputs.
  std::istringstream edges(p.edges);
  std::string edge;
  std::vector<bool> feeds(job.vertices.size(), false);
  while (edges >> edge) {
    int from = -1, to = -1;
    char strategy[16] = {};
    if (std::sscanf(edge.c_str(), "%d>%d:%15s", &from, &to, strategy) != 3) continue;
    if (from < 0 || to < 0 || static_cast<std::size_t>(std::max(from, to)) >= job.vertices.size()) continue;
    job.vertices[static_cast<std::size_t>(to)].inputs.emplace_back(from, strategy);
    feeds[static_cast<std::size_t>(from)] = true;
  }
  if (p.edges[0] != '\0') {
    for (std::size_t i = 0; i < job.vertices.size(); ++i) {
      DemoVertex& v = job.vertices[i];
      v.source = v.inputs.empty();
      v.sink = !feeds[i];
      v.records_per_second = rate * (v.sink ? 0.8 : 1.0);
    }
  }
  return job;
}

World make_world(int scale, std::mt19937_64& rng, long long now_ms) {
  World world;
  constexpr long long kHour = 3'600'000;
  if (scale <= 0) {
    auto app = make_cluster("flink-demo", "orders-app", DemoClusterKind::OperatorApplication, "1.20.1", 2, rng,
                            now_ms - 26 * kHour);
    auto& orders = add_job(world, app, "orders-enrichment", "RUNNING", rng, now_ms, 25 * kHour);
    orders.operator_kind = "FlinkDeployment";
    orders.operator_name = app.name;
    world.clusters[app.key] = app;

    auto session = make_cluster("flink-demo", "analytics-session", DemoClusterKind::OperatorSession, "2.0.0", 3,
                                rng, now_ms - 72 * kHour);
    for (const char* name : {"clickstream-sessionizer", "fraud-scoring"}) {
      auto& job = add_job(world, session, name, "RUNNING", rng, now_ms, 20 * kHour + (rng() % 10) * kHour);
      job.operator_kind = "FlinkSessionJob";
      job.operator_name = name;
    }
    add_job(world, session, "top-speed-windowing", "RUNNING", rng, now_ms, 3 * kHour);
    add_job(world, session, "adhoc-backfill-2026-11", "FINISHED", rng, now_ms, 9 * kHour);
    world.clusters[session.key] = session;

    auto standalone = make_cluster("flink-demo", "flink", DemoClusterKind::Standalone, "1.20.1", 3, rng,
                                   now_ms - 240 * kHour);
    for (const char* name : {"payments-fraud-detection", "inventory-sync", "click-count"}) {
      add_job(world, standalone, name, "RUNNING", rng, now_ms, 30 * kHour + (rng() % 100) * kHour);
    }
    add_job(world, standalone, "nightly-report", "FINISHED", rng, now_ms, 14 * kHour);
    add_job(world, standalone, "metrics-rollup", "CANCELED", rng, now_ms, 50 * kHour);
    world.clusters[standalone.key] = standalone;
    return world;
  }

  const int pods = std::clamp(scale, 5, 10'000);
  const int clusters = (pods + 4) / 5;
  for (int i = 0; i < clusters; ++i) {
    const int tms = std::min(4, pods - i * 5 - 1);
    const auto kind = static_cast<DemoClusterKind>(i % 3);
    const std::string ns = "team-" + std::string(i / 50 < 10 ? "0" : "") + std::to_string(i / 50);
    const Pipeline& p = kPipelines[static_cast<std::size_t>(i) % kPipelines.size()];
    const std::string name = std::string(p.name) + "-" + std::to_string(i);
    auto c = make_cluster(ns, name, kind, i % 2 ? "2.0.0" : "1.20.1", std::max(tms, 0), rng,
                          now_ms - (1 + i % 200) * kHour);
    auto& job = add_job(world, c, p.name, "RUNNING", rng, now_ms, (1 + i % 100) * kHour / 2);
    if (kind == DemoClusterKind::OperatorApplication) {
      job.operator_kind = "FlinkDeployment";
      job.operator_name = c.name;
    } else if (kind == DemoClusterKind::OperatorSession) {
      job.operator_kind = "FlinkSessionJob";
      job.operator_name = name + "-job";
    }
    world.clusters[c.key] = std::move(c);
  }
  return world;
}

}  // namespace flinktop::demo
