#include "core/flink/types/taskmanager.hpp"

#include "core/flink/json_read.hpp"

namespace flinktop::flink {

using namespace json_read;

namespace {

ResourceProfile decode_resource(const json& r) {
  ResourceProfile out;
  out.cpu_cores = number(r, "cpuCores");
  out.task_heap_mb = integer(r, "taskHeapMemory");
  out.task_off_heap_mb = integer(r, "taskOffHeapMemory");
  out.managed_mb = integer(r, "managedMemory");
  out.network_mb = integer(r, "networkMemory");
  return out;
}

std::int64_t first_integer(const json& j, std::string_view a, std::string_view b) {
  if (auto v = optional_integer(j, a)) return *v;
  return integer(j, b);
}

}  // namespace

std::string address_of_rpc_path(const std::string& path) {
  auto at = path.find('@');
  if (at == std::string::npos) return {};
  auto end = path.find('/', at + 1);
  return path.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

TaskManager decode_taskmanager(const json& t) {
  TaskManager out;
  out.id = string(t, "id");
  out.path = string(t, "path");
  out.endpoint = string_any(t, {"endpoint", "host"});
  if (out.endpoint.empty()) out.endpoint = address_of_rpc_path(out.path);
  out.data_port = integer(t, "dataPort");
  out.jmx_port = integer(t, "jmxPort", -1);
  out.slots_number = integer(t, "slotsNumber");
  out.free_slots = integer(t, "freeSlots");
  out.time_since_last_heartbeat = integer(t, "timeSinceLastHeartbeat");
  out.blocked = boolean(t, "blocked");
  out.total_resource = decode_resource(object(t, "totalResource"));
  out.free_resource = decode_resource(object(t, "freeResource"));
  const json& hw = object(t, "hardware");
  out.hardware = {integer(hw, "cpuCores"), integer(hw, "physicalMemory"), integer(hw, "freeMemory"),
                  integer(hw, "managedMemory")};
  const json& m = object(t, "memoryConfiguration");
  out.memory_configuration = {integer(m, "frameworkHeap"),    integer(m, "taskHeap"),
                              integer(m, "frameworkOffHeap"), integer(m, "taskOffHeap"),
                              integer(m, "networkMemory"),    integer(m, "managedMemory"),
                              integer(m, "jvmMetaspace"),     integer(m, "jvmOverhead"),
                              integer(m, "totalFlinkMemory"), integer(m, "totalProcessMemory")};
  return out;
}

std::vector<TaskManager> decode_taskmanagers(const json& j) {
  std::vector<TaskManager> out;
  for (const auto& t : array(j, "taskmanagers")) {
    if (t.is_object()) out.push_back(decode_taskmanager(t));
  }
  return out;
}

TaskManagerDetails decode_taskmanager_details(const json& j) {
  TaskManagerDetails out;
  out.info = decode_taskmanager(j);
  const json& m = object(j, "metrics");
  TaskManagerMetrics& x = out.metrics;
  x.heap_used = integer(m, "heapUsed");
  x.heap_committed = integer(m, "heapCommitted");
  x.heap_max = integer(m, "heapMax");
  x.non_heap_used = integer(m, "nonHeapUsed");
  x.non_heap_committed = integer(m, "nonHeapCommitted");
  x.non_heap_max = integer(m, "nonHeapMax");
  x.direct_count = integer(m, "directCount");
  x.direct_used = integer(m, "directUsed");
  x.direct_max = integer(m, "directMax");
  x.mapped_count = integer(m, "mappedCount");
  x.mapped_used = integer(m, "mappedUsed");
  x.mapped_max = integer(m, "mappedMax");
  x.network_memory_used = integer(m, "nettyShuffleMemoryUsed");
  x.network_memory_available = integer(m, "nettyShuffleMemoryAvailable");
  x.network_memory_total = integer(m, "nettyShuffleMemoryTotal");
  x.network_segments_used = integer(m, "nettyShuffleMemorySegmentsUsed");
  x.network_segments_available =
      first_integer(m, "nettyShuffleMemorySegmentsAvailable", "memorySegmentsAvailable");
  x.network_segments_total = first_integer(m, "nettyShuffleMemorySegmentsTotal", "memorySegmentsTotal");
  for (const auto& gc : array(m, "garbageCollectors")) {
    if (!gc.is_object()) continue;
    x.garbage_collectors.push_back({string(gc, "name"), integer(gc, "count"), integer(gc, "time")});
  }
  for (const auto& slot : array(j, "allocatedSlots")) {
    if (slot.is_object()) out.allocated_slot_jobs.push_back(string(slot, "jobId"));
  }
  return out;
}

}  // namespace flinktop::flink
