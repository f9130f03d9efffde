#include "demo/pod_logs.hpp"

#include <fmt/format.h>

#include <array>
#include <ctime>
#include <functional>

#include "demo/java_traces.hpp"

namespace flinktop::demo {

namespace {

constexpr long long kBlock = 16;  // lines per block; a block may hold one ERROR with its trace

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

std::string stamp(long long epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  return fmt::format("{},{:03}", text, epoch_ms % 1000);
}

std::string entry(long long at_ms, const char* level, const char* logger, const std::string& message) {
  return fmt::format("{} {:<5} {:<60} [] - {}", stamp(at_ms), level, logger, message);
}

std::vector<std::string> banner(const PodLogProfile& p) {
  const std::string role = p.jobmanager ? "StandaloneSessionClusterEntrypoint" : "TaskManagerRunner";
  return {
      "--------------------------------------------------------------------------------",
      fmt::format(" Starting {} (Version: {}, Scala: 2.12, Rev:demo, Date:2026-11-01T10:00:00+01:00)", role,
                  p.flink_version),
      " OS current user: flink",
      " Current Hadoop/Kerberos user: <no hadoop dependency found>",
      " JVM: OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.13+11",
      " Arch: amd64",
      " Maximum heap size: 512 MiBytes",
      " JAVA_HOME: /opt/java/openjdk",
      " No Hadoop Dependency available",
      " JVM Options:",
      "    -XX:+UseG1GC",
      "    -Xmx536870902",
      "    -Dlog4j.configurationFile=file:/opt/flink/conf/log4j-console.properties",
      " Program Arguments:",
      "    --configDir",
      "    /opt/flink/conf",
      " Classpath: /opt/flink/lib/flink-dist-" + p.flink_version + ".jar:/opt/flink/lib/log4j-core-2.24.1.jar",
      "--------------------------------------------------------------------------------",
  };
}

// 32 hex characters from a hash, like an execution attempt id.
std::string random_like_id(std::uint64_t h) {
  return fmt::format("{:016x}{:016x}", mix(h), mix(h + 1));
}

std::string steady_line(const PodLogProfile& p, long long at_ms, std::uint64_t h, long long index) {
  const std::string job = p.jobs.empty() ? "no job" : p.jobs[h % p.jobs.size()];
  const long long checkpoint = index / 6 + 1;
  if (p.jobmanager) {
    // A checkpoint's lines in their order: triggered, acknowledged, completed (or, now and then, failed).
    const long long round = index / 6 + 1;
    switch (index % 6) {
      case 0:
        return entry(at_ms, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator",
                     fmt::format("Triggering checkpoint {} (type=CheckpointType{{name='Checkpoint', "
                                 "sharingFilesStrategy=FORWARD_BACKWARD}}) @ {} for job {}.",
                                 round, at_ms, job));
      case 2:
        if (h % 16 == 0) {
          return entry(at_ms, "WARN", "org.apache.flink.runtime.checkpoint.CheckpointFailureManager",
                       fmt::format("Failed to trigger or complete checkpoint {} for job {}. (1 consecutive failed "
                                   "attempts so far)", round, job));
        }
        return entry(at_ms, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator",
                     fmt::format("Completed checkpoint {} for job {} ({} bytes, checkpointDuration={} ms, "
                                 "finalizationTime=2 ms).",
                                 round, job, 40000 + h % 900000, 80 + h % 2400));
      case 3:
        return entry(at_ms, "INFO", "org.apache.flink.runtime.resourcemanager.slotmanager.FineGrainedSlotManager",
                     "Matching resource requirements against available resources.");
      default:
        return entry(at_ms, "INFO", "org.apache.flink.runtime.checkpoint.CheckpointCoordinator",
                     fmt::format("Received acknowledge message for checkpoint {} from task {} of job {}.", round,
                                 random_like_id(h), job));
    }
  }
  switch (h % 9) {
    case 0:
      return entry(at_ms, "INFO", "org.apache.flink.runtime.taskexecutor.TaskExecutor",
                   fmt::format("Received task Source: Kafka ({}/2)#0 for job {}.", 1 + h % 2, job));
    case 1:
      return entry(at_ms, "INFO", "org.apache.flink.runtime.state.heap.HeapKeyedStateBackend",
                   fmt::format("Finished asynchronous snapshot of checkpoint {} in {} ms.", checkpoint, 20 + h % 900));
    case 2:
      return entry(at_ms, "WARN", "org.apache.kafka.clients.NetworkClient",
                   fmt::format("[Consumer clientId=flink-{}, groupId=flink] Connection to node {} "
                               "(kafka-{}.kafka:9092) could not be established. Node may not be available.",
                               h % 4, h % 3, h % 3));
    case 3:
      return entry(at_ms, "INFO", "org.apache.flink.runtime.io.network.buffer.LocalBufferPool",
                   fmt::format("Requested {} buffers, {} available.", 8 + h % 56, 2048 - h % 512));
    case 4:
      return entry(at_ms, "INFO", "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator",
                   fmt::format("[Consumer clientId=flink-{}, groupId=flink] Committed offset {} for partition "
                               "events-{}", h % 4, 18000000 + index * 37, h % 8));
    case 5:
      return entry(at_ms, "INFO", "org.apache.flink.runtime.taskmanager.Task",
                   fmt::format("Window aggregate -> Sink (1/2)#0 ({}) switched from INITIALIZING to RUNNING.", job));
    default:
      return entry(at_ms, "INFO", "org.apache.flink.streaming.runtime.tasks.SubtaskCheckpointCoordinatorImpl",
                   fmt::format("Checkpoint {} of job {} acknowledged.", checkpoint, job));
  }
}

}  // namespace

long long log_line_count(const PodLogProfile& p, long long now_ms) {
  const long long cadence = p.cadence_ms > 0 ? p.cadence_ms : 1000;
  const long long steady = now_ms > p.since_ms ? (now_ms - p.since_ms) / cadence : 0;
  return static_cast<long long>(banner(p).size()) + steady;
}

long long log_line_time(const PodLogProfile& p, long long index) {
  const long long steady = index - static_cast<long long>(banner(p).size());
  const long long cadence = p.cadence_ms > 0 ? p.cadence_ms : 1000;
  return steady < 0 ? p.since_ms : p.since_ms + steady * cadence;
}

std::string log_line(const PodLogProfile& p, long long index) {
  const auto head = banner(p);
  if (index < static_cast<long long>(head.size())) {
    if (index == 0) return entry(p.since_ms, "INFO", "org.apache.flink.runtime.util.EnvironmentInformation", head[0]);
    return entry(p.since_ms, "INFO", "org.apache.flink.runtime.util.EnvironmentInformation", head[index]);
  }
  const long long steady = index - static_cast<long long>(head.size());
  const long long at_ms = p.since_ms + steady * p.cadence_ms;
  const std::uint64_t pod_hash = std::hash<std::string>{}(p.pod);
  const long long block = steady / kBlock;
  const long long in_block = steady % kBlock;
  const std::uint64_t block_hash = mix(pod_hash ^ static_cast<std::uint64_t>(block) * 0x9e3779b97f4a7c15ULL);
  // About one block in fifteen carries an ERROR and its stack trace, starting at its 4th line.
  if (block_hash % 15 == 0 && in_block >= 3) {
    const JavaTrace trace = job_failure(block_hash / 15, p.jobs.empty() ? "Source: Kafka (1/2)" : p.jobs.front());
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < trace.trace.size()) {
      const auto end = trace.trace.find('\n', start);
      lines.push_back(trace.trace.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    const long long at = in_block - 3;
    if (at == 0) {
      return entry(at_ms, "ERROR", p.jobmanager ? "org.apache.flink.runtime.executiongraph.ExecutionGraph"
                                                : "org.apache.flink.runtime.taskmanager.Task",
                   "Source: Kafka (1/2)#0 switched from RUNNING to FAILED with failure cause:");
    }
    if (at <= static_cast<long long>(lines.size())) return lines[static_cast<std::size_t>(at - 1)];
  }
  return steady_line(p, at_ms, mix(pod_hash + static_cast<std::uint64_t>(steady)), steady);
}

}  // namespace flinktop::demo
