// The simulated Flink world behind the demo: clusters, their TaskManagers, jobs with vertices,
// checkpoints, exceptions, and the asynchronous operations (savepoint, stop, checkpoint) a client
// triggered. Plain data; the Simulation owns one World behind its mutex and changes it on each tick
// and on each action. Times are epoch milliseconds (what Flink's REST API reports).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace flinktop::demo {

enum class DemoClusterKind { OperatorApplication, OperatorSession, Standalone };

struct DemoVertex {
  std::string id;  // 32 hex
  std::string name;
  int parallelism = 1;
  bool source = false;
  bool sink = false;
  // Upstream vertices (indices into the job's vertices) with their ship strategy; empty: the
  // vertex before it, by HASH (a plain chain).
  std::vector<std::pair<int, std::string>> inputs;
  double records_per_second = 0;  // drifts each tick
  double backpressure = 0;        // 0..1, drifts each tick
  double busy = 0;                // 0..1
  // Time spent so far, summed over subtasks, as Flink counts it (accumulated-*-time): grows by
  // the current shares each tick, so that two polls give the share in between.
  double busy_ms = 0;
  double backpressured_ms = 0;
  double idle_ms = 0;
  long long read_records = 0;
  long long write_records = 0;
  long long read_bytes = 0;
  long long write_bytes = 0;
};

struct DemoCheckpoint {
  long long id = 0;
  std::string status;  // IN_PROGRESS, COMPLETED, FAILED
  bool savepoint = false;
  long long trigger_ms = 0;
  long long ack_ms = 0;
  long long duration_ms = 0;  // planned end-to-end duration
  long long size_bytes = 0;
  std::string path;
  std::string failure;
};

struct DemoException {
  long long timestamp_ms = 0;
  std::string name;   // java class
  std::string trace;  // "java.lang.X: message\n\tat ..."
  std::string task;
  std::string endpoint;
  std::string taskmanager_id;
};

struct DemoJob {
  std::string id;  // 32 hex
  std::string name;
  std::string cluster;  // DemoCluster::key
  std::string state;    // INITIALIZING, CREATED, RUNNING, RESTARTING, CANCELLING, CANCELED, FINISHED, FAILED
  long long start_ms = 0;
  long long end_ms = -1;
  long long state_since_ms = 0;
  std::map<std::string, long long> timestamps;  // state → first entered (Flink's "timestamps")
  std::vector<DemoVertex> vertices;
  std::deque<DemoCheckpoint> checkpoints;  // newest first, bounded
  int checkpoints_total = 0;
  int checkpoints_completed = 0;
  int checkpoints_failed = 0;
  long long next_checkpoint_id = 1;
  long long next_checkpoint_ms = 0;
  int checkpoint_interval_ms = 5000;
  std::deque<DemoException> exceptions;  // newest first, bounded
  std::string restored_from;             // savepoint path the job started from
  // The operator resource that runs this job: FlinkDeployment (application) or FlinkSessionJob.
  std::string operator_kind;  // "", "FlinkDeployment", "FlinkSessionJob"
  std::string operator_name;
  std::string stopping_trigger;  // the stop-with-savepoint operation that will finish this job
};

struct DemoTaskManager {
  std::string id;   // Flink's TaskManager id: the pod name (native) or "<ip>:<port>-<hex>" (standalone)
  std::string pod;  // pod name
  std::string ip;   // made up; nothing ever connects to it
  int slots = 2;
  long long heap_max = 0;
  long long heap_used = 0;
  double cpu_load = 0;
  int gc_count = 0;
  long long gc_time_ms = 0;
  bool up = true;
  long long up_again_ms = 0;  // while down: when the restarted container is ready again
  int restarts = 0;
  long long started_ms = 0;
  // The container before the last restart (its log is what `kubectl logs --previous` shows).
  long long previous_started_ms = 0;
  long long previous_ended_ms = 0;
};

struct DemoCluster {
  std::string key;  // "<namespace>/<name>"
  std::string ns;
  std::string name;
  DemoClusterKind kind = DemoClusterKind::Standalone;
  std::string flink_version;  // "1.20.1", "2.0.0"
  std::string rest_service;   // Service name in front of the JobManager's REST port
  std::string jobmanager_pod;
  std::string jobmanager_ip;
  std::vector<DemoTaskManager> taskmanagers;
  std::vector<std::string> jobs;  // job ids, oldest first
  long long created_ms = 0;
  bool running = true;  // false while an operator-suspended application cluster has no pods
  std::string savepoint_dir;
  std::string upgrade_mode = "savepoint";  // operator application clusters
};

struct DemoOperation {
  std::string kind;  // "savepoint", "stop", "checkpoint"
  std::string job_id;
  std::string trigger_id;
  long long done_ms = 0;
  bool completed = false;
  std::string location;
  std::string failure;
  long long checkpoint_id = 0;
  // Who waits for it: "" (a REST client), or "FlinkDeployment/NAME", "FlinkSessionJob/NAME",
  // "FlinkStateSnapshot/NAME" for the simulated operator.
  std::string owner;
  long long finished_ms = 0;
};

// A jar uploaded through the REST API (only its name and size: nothing runs it).
struct DemoJar {
  std::string id;  // "<uuid>_<file name>", as Flink names uploads
  std::string name;
  std::string cluster;  // DemoCluster::key
  long long uploaded_ms = 0;
  std::size_t bytes = 0;
};

struct World {
  std::map<std::string, DemoCluster> clusters;      // by key
  std::map<std::string, DemoJob> jobs;              // by id
  std::map<std::string, DemoOperation> operations;  // by "<job id>/<trigger id>"
  std::map<std::string, DemoJar> jars;              // by id
};

}  // namespace flinktop::demo
