// TaskManagers (GET /taskmanagers) and one in detail with its JVM memory and GC figures
// (GET /taskmanagers/:id). Sizes are bytes unless the name says MB.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace flinktop::flink {

// A slot-sharing resource profile; Flink reports these memory sizes in MiB.
struct ResourceProfile {
  double cpu_cores = 0;
  std::int64_t task_heap_mb = 0;
  std::int64_t task_off_heap_mb = 0;
  std::int64_t managed_mb = 0;
  std::int64_t network_mb = 0;
};

struct Hardware {
  std::int64_t cpu_cores = 0;
  std::int64_t physical_memory = 0;
  std::int64_t free_memory = 0;  // the JVM's free heap at start, as Flink measures it
  std::int64_t managed_memory = 0;
};

struct MemoryConfiguration {
  std::int64_t framework_heap = 0;
  std::int64_t task_heap = 0;
  std::int64_t framework_off_heap = 0;
  std::int64_t task_off_heap = 0;
  std::int64_t network_memory = 0;
  std::int64_t managed_memory = 0;
  std::int64_t jvm_metaspace = 0;
  std::int64_t jvm_overhead = 0;
  std::int64_t total_flink_memory = 0;
  std::int64_t total_process_memory = 0;
};

struct TaskManager {
  std::string id;    // a pod name on native Kubernetes, "<ip>:<port>-<6hex>" standalone
  std::string path;  // "pekko.tcp://flink@10.0.0.7:6122/user/rpc/taskmanager_0"
  // host:port: Flink's `endpoint` (2.x) or `host` (1.x) when sent, else the address in `path`.
  std::string endpoint;
  std::int64_t data_port = 0;
  std::int64_t jmx_port = -1;
  std::int64_t slots_number = 0;
  std::int64_t free_slots = 0;
  // As Flink sends it: 0 in the list, the last heartbeat's epoch millis in the details (sic).
  std::int64_t time_since_last_heartbeat = 0;
  bool blocked = false;
  ResourceProfile total_resource;
  ResourceProfile free_resource;
  Hardware hardware;
  MemoryConfiguration memory_configuration;
};

struct GarbageCollector {
  std::string name;  // "G1_Young_Generation", "G1_Old_Generation", "All" (2.x adds an aggregate)
  std::int64_t count = 0;
  std::int64_t time_ms = 0;
};

struct TaskManagerMetrics {
  std::int64_t heap_used = 0;
  std::int64_t heap_committed = 0;
  std::int64_t heap_max = 0;
  std::int64_t non_heap_used = 0;
  std::int64_t non_heap_committed = 0;
  std::int64_t non_heap_max = 0;
  std::int64_t direct_count = 0;
  std::int64_t direct_used = 0;
  std::int64_t direct_max = 0;
  std::int64_t mapped_count = 0;
  std::int64_t mapped_used = 0;
  std::int64_t mapped_max = 0;
  // Network (shuffle) memory; 1.x also sends the older memorySegments* names, read as a fallback.
  std::int64_t network_memory_used = 0;
  std::int64_t network_memory_available = 0;
  std::int64_t network_memory_total = 0;
  std::int64_t network_segments_used = 0;
  std::int64_t network_segments_available = 0;
  std::int64_t network_segments_total = 0;
  std::vector<GarbageCollector> garbage_collectors;
};

struct TaskManagerDetails {
  TaskManager info;
  TaskManagerMetrics metrics;
  std::vector<std::string> allocated_slot_jobs;  // job id per allocated slot
};

std::vector<TaskManager> decode_taskmanagers(const nlohmann::json& j);
TaskManager decode_taskmanager(const nlohmann::json& j);
TaskManagerDetails decode_taskmanager_details(const nlohmann::json& j);

// "pekko.tcp://flink@10.0.0.7:6122/user/rpc/taskmanager_0" → "10.0.0.7:6122"; "" if none.
std::string address_of_rpc_path(const std::string& path);

}  // namespace flinktop::flink
