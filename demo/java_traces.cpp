#include "demo/java_traces.hpp"

#include <array>

namespace flinktop::demo {

namespace {

constexpr const char* kTaskFrames =
    "\tat org.apache.flink.streaming.runtime.tasks.StreamTask.processInput(StreamTask.java:638)\n"
    "\tat org.apache.flink.streaming.runtime.tasks.mailbox.MailboxProcessor.runMailboxLoop(MailboxProcessor.java:231)\n"
    "\tat org.apache.flink.streaming.runtime.tasks.StreamTask.runMailboxLoop(StreamTask.java:973)\n"
    "\tat org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:917)\n"
    "\tat org.apache.flink.runtime.taskmanager.Task.runWithSystemExitMonitoring(Task.java:970)\n"
    "\tat org.apache.flink.runtime.taskmanager.Task.doRun(Task.java:949)\n"
    "\tat org.apache.flink.runtime.taskmanager.Task.run(Task.java:763)\n"
    "\tat java.base/java.lang.Thread.run(Thread.java:840)\n";

}  // namespace

JavaTrace job_failure(std::size_t pick, const std::string& task) {
  switch (pick % 4) {
    case 0:
      return {"java.lang.RuntimeException",
              "java.lang.RuntimeException: Failed to deserialize record from topic 'orders' partition 3 at offset "
              "18231234 (task " + task + ")\n"
              "\tat com.example.streaming.serde.OrderDeserializer.deserialize(OrderDeserializer.java:57)\n"
              "\tat org.apache.flink.connector.kafka.source.reader.KafkaRecordEmitter.emitRecord(KafkaRecordEmitter.java:54)\n" +
                  std::string(kTaskFrames) +
                  "Caused by: com.fasterxml.jackson.core.JsonParseException: Unexpected character ('}' (code 125)): "
                  "was expecting double-quote to start field name\n"
                  "\tat com.fasterxml.jackson.core.JsonParser._constructError(JsonParser.java:2477)\n"
                  "\t... 12 more\n"};
    case 1:
      return {"java.util.concurrent.TimeoutException",
              "java.util.concurrent.TimeoutException: Timeout of 60000ms expired before the position for partition "
              "clicks-5 could be determined\n" + std::string(kTaskFrames)};
    case 2:
      return {"java.lang.OutOfMemoryError",
              "java.lang.OutOfMemoryError: Java heap space\n"
              "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n"
              "\tat org.apache.flink.runtime.state.heap.CopyOnWriteStateMap.put(CopyOnWriteStateMap.java:321)\n" +
                  std::string(kTaskFrames)};
    default:
      return {"org.apache.flink.util.FlinkRuntimeException",
              "org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint tolerable failure threshold. The "
              "latest checkpoint failed due to Checkpoint expired before completing.\n"
              "\tat org.apache.flink.runtime.checkpoint.CheckpointFailureManager.checkFailureAgainstCounter"
              "(CheckpointFailureManager.java:212)\n"
              "\tat org.apache.flink.runtime.checkpoint.CheckpointCoordinator.onTriggerFailure"
              "(CheckpointCoordinator.java:1025)\n"
              "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"};
  }
}

JavaTrace taskmanager_lost(const std::string& taskmanager_id) {
  return {"org.apache.flink.runtime.jobmaster.JobMasterException",
          "org.apache.flink.runtime.jobmaster.JobMasterException: TaskManager with id " + taskmanager_id +
              " is no longer reachable.\n"
              "\tat org.apache.flink.runtime.jobmaster.JobMaster$TaskManagerHeartbeatListener.notifyTargetUnreachable"
              "(JobMaster.java:1520)\n"
              "\tat org.apache.flink.runtime.heartbeat.DefaultHeartbeatMonitor.reportHeartbeatRpcFailure"
              "(DefaultHeartbeatMonitor.java:126)\n"
              "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)\n"
              "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"};
}

}  // namespace flinktop::demo
