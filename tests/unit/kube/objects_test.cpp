// Typed object views: decode realistic API server / operator JSON, tolerate missing and
// wrong-typed fields, refuse non-objects, and compute kubectl's STATUS column.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "core/kube/objects/all.hpp"

namespace flinktop::kube {
namespace {

using namespace std::chrono_literals;
namespace jf = json_fields;

nlohmann::json fixture(const std::string& name) {
  std::ifstream in(std::string(FLINKTOP_SOURCE_DIR) + "/tests/fixtures/kube/" + name);
  EXPECT_TRUE(in) << name;
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

const nlohmann::json& item(const nlohmann::json& list, const std::string& kind, const std::string& name) {
  for (const auto& i : list.at("items")) {
    if (i.value("kind", "") == kind && i.at("metadata").value("name", "") == name) return i;
  }
  throw std::runtime_error("no " + kind + " " + name);
}

Timestamp utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

Pod pod_from(const std::string& text) { return Pod::from_json(nlohmann::json::parse(text)); }

TEST(ObjectsTime, ParsesRfc3339Variants) {
  EXPECT_EQ(jf::parse_rfc3339("2026-11-20T08:00:00Z"), utc(2026, 11, 20, 8, 0, 0));
  EXPECT_EQ(jf::parse_rfc3339("2026-11-20T08:00:00.5Z"), utc(2026, 11, 20, 8, 0, 0) + 500ms);
  EXPECT_EQ(jf::parse_rfc3339("2026-11-20T08:00:00.123456Z"), utc(2026, 11, 20, 8, 0, 0) + 123456us);
  EXPECT_EQ(jf::parse_rfc3339("2026-11-20T10:00:00+02:00"), utc(2026, 11, 20, 8, 0, 0));
  EXPECT_EQ(jf::parse_rfc3339("2026-11-20T05:30:00-02:30"), utc(2026, 11, 20, 8, 0, 0));
  EXPECT_FALSE(jf::parse_rfc3339(""));
  EXPECT_FALSE(jf::parse_rfc3339("2026-11-20"));
  EXPECT_FALSE(jf::parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(jf::parse_rfc3339("2026-11-20T08:00:00"));
  EXPECT_FALSE(jf::parse_rfc3339("2026-11-20T08:00:00Zjunk"));
  EXPECT_FALSE(jf::parse_rfc3339("0001-01-01T00:00:00Z"));  // Go's zero time: unknown, no overflow
}

TEST(ObjectsTime, ParsesEpochMillis) {
  EXPECT_EQ(jf::parse_epoch_millis("1795000000123"), Timestamp{} + 1795000000123ms);
  EXPECT_FALSE(jf::parse_epoch_millis("17950x"));
  EXPECT_FALSE(jf::parse_epoch_millis(""));
  EXPECT_FALSE(jf::parse_epoch_millis("-5"));
}

TEST(ObjectsMeta, DecodesIdentityLabelsAndOwners) {
  const auto j = fixture("native_session_pods.json").at("items").at(0);
  const auto meta = ObjectMeta::from_object(j);
  EXPECT_EQ(meta.name, "my-session-6d8f7b9c5-x2k4p");
  EXPECT_EQ(meta.namespace_, "flink");
  EXPECT_EQ(meta.uid, "0b6f3c1e-5d1a-4a55-9a07-1f1c2e3d4a01");
  EXPECT_EQ(meta.resource_version, "918001");
  EXPECT_EQ(meta.creation_timestamp, utc(2026, 11, 20, 8, 0, 0));
  EXPECT_FALSE(meta.deletion_timestamp);
  EXPECT_EQ(meta.label("type"), "flink-native-kubernetes");
  EXPECT_EQ(meta.label("absent"), "");
  ASSERT_EQ(meta.owner_references.size(), 1u);
  EXPECT_EQ(meta.owner_references[0].kind, "ReplicaSet");
  EXPECT_EQ(meta.owner_references[0].name, "my-session-6d8f7b9c5");
  EXPECT_TRUE(meta.owner_references[0].controller);
}

TEST(ObjectsMeta, KeepsTheRawObjectDeflatedWithoutManagedFields) {
  using nlohmann::json;
  json pod = {{"apiVersion", "v1"}, {"kind", "Pod"},
              {"metadata", {{"name", "orders-taskmanager-1-1"}, {"namespace", "flink"}, {"uid", "u1"},
                            {"managedFields", {{{"manager", "kubelet"}}}}}},
              {"spec", {{"containers", {{{"name", "flink-main-container"}, {"image", std::string(2000, 'x')}}}}}}};
  const Pod decoded = Pod::from_json(pod);
  ASSERT_TRUE(decoded.meta.raw);
  EXPECT_LT(decoded.meta.raw->bytes.size(), 500u) << "kept deflated";
  pod["metadata"].erase("managedFields");
  EXPECT_EQ(json::parse(raw_json(decoded.meta)), pod);

  ObjectMeta broken = decoded.meta;
  broken.raw = std::make_shared<const ObjectMeta::Packed>(
      ObjectMeta::Packed{decoded.meta.raw->bytes.substr(0, 20), decoded.meta.raw->dictionary});
  EXPECT_EQ(raw_json(broken), "") << "a damaged copy gives nothing, never garbage";
  EXPECT_EQ(raw_json(ObjectMeta{}), "");
}

// Pods of a cluster are nearly the same text: each is kept as little more than what differs from
// the dictionary its kind shares, and comes back whole.
TEST(ObjectsMeta, SimilarObjectsShareADictionaryAndComeBackWhole) {
  using nlohmann::json;
  std::size_t text_bytes = 0, kept_bytes = 0;
  for (int i = 0; i < 40; ++i) {
    const std::string name = "orders-taskmanager-1-" + std::to_string(i);
    json pod = {{"apiVersion", "v1"}, {"kind", "Pod"},
                {"metadata", {{"name", name}, {"namespace", "flink"}, {"uid", "uid-" + std::to_string(i)},
                              {"labels", {{"app", "orders"}, {"component", "taskmanager"}, {"type", "flink-native-kubernetes"}}}}},
                {"spec", {{"nodeName", "node-" + std::to_string(i % 3)},
                          {"containers", {{{"name", "flink-main-container"}, {"image", "flink:1.20.1-java17"},
                                           {"args", {"taskmanager"}},
                                           {"resources", {{"limits", {{"memory", "2Gi"}}}, {"requests", {{"cpu", "1"}}}}}}}}}},
                {"status", {{"phase", "Running"}, {"podIP", "10.0.0." + std::to_string(i)},
                            {"conditions", {{{"type", "Ready"}, {"status", "True"}}}}}}};
    // A kind of this test's own: the first of these pods is its kind's dictionary.
    const ObjectMeta meta = ObjectMeta::from_object_keeping_raw(pod, "SimilarObjectsTestPod");
    ASSERT_TRUE(meta.raw);
    EXPECT_EQ(json::parse(raw_json(meta)), pod) << name;
    text_bytes += pod.dump().size();
    kept_bytes += meta.raw->bytes.size();
  }
  EXPECT_LT(kept_bytes * 4, text_bytes) << kept_bytes << " of " << text_bytes;
}

TEST(ObjectsPod, DecodesNativeClusterPods) {
  const auto list = fixture("native_session_pods.json");
  const auto jm = Pod::from_json(list.at("items").at(0));
  EXPECT_EQ(jm.phase, "Running");
  EXPECT_EQ(jm.node_name, "worker-1");
  EXPECT_EQ(jm.pod_ip, "10.244.1.17");
  EXPECT_EQ(jm.start_time, utc(2026, 11, 20, 8, 0, 0));
  ASSERT_EQ(jm.containers.size(), 1u);
  EXPECT_EQ(jm.containers[0].name, "flink-main-container");
  EXPECT_EQ(jm.containers[0].image, "flink:1.20.0-scala_2.12-java11");
  ASSERT_EQ(jm.container_statuses.size(), 1u);
  EXPECT_TRUE(jm.container_statuses[0].ready);
  EXPECT_EQ(jm.container_statuses[0].state.kind, ContainerState::Kind::Running);
  EXPECT_EQ(jm.container_statuses[0].state.started_at, utc(2026, 11, 20, 8, 0, 12));
  EXPECT_TRUE(jm.ready());
  auto cols = pod_status_columns(jm);
  EXPECT_EQ(cols.status, "Running");
  EXPECT_EQ(cols.ready_text(), "1/1");
  EXPECT_EQ(cols.restarts, 0);

  const auto crashing = Pod::from_json(list.at("items").at(1));
  EXPECT_FALSE(crashing.ready());
  const auto& cs = crashing.container_statuses.at(0);
  EXPECT_EQ(cs.restart_count, 4);
  EXPECT_EQ(cs.state.kind, ContainerState::Kind::Waiting);
  EXPECT_EQ(cs.state.reason, "CrashLoopBackOff");
  EXPECT_EQ(cs.last_state.kind, ContainerState::Kind::Terminated);
  EXPECT_EQ(cs.last_state.reason, "OOMKilled");
  EXPECT_EQ(cs.last_state.exit_code, 137);
  EXPECT_EQ(cs.last_state.finished_at, utc(2026, 11, 20, 8, 10, 30));
  cols = pod_status_columns(crashing);
  EXPECT_EQ(cols.status, "CrashLoopBackOff");
  EXPECT_EQ(cols.ready_text(), "0/1");
  EXPECT_EQ(cols.restarts, 4);

  EXPECT_EQ(pod_status_columns(Pod::from_json(list.at("items").at(2))).status, "ContainerCreating");
}

TEST(ObjectsPod, KeepsTheTcpPortsContainersDeclare) {
  using nlohmann::json;
  const json j = {{"metadata", {{"name", "jm"}, {"uid", "u1"}}},
                  {"spec",
                   {{"containers",
                     json::array({{{"name", "flink-main-container"},
                                   {"ports", json::array({{{"name", "rest"}, {"containerPort", 8081}, {"protocol", "TCP"}},
                                                          {{"containerPort", 6123}},  // no name, TCP by default
                                                          {{"name", "dns"}, {"containerPort", 53}, {"protocol", "UDP"}},
                                                          {{"name", "bad"}, {"containerPort", 70000}},
                                                          {{"name", "text"}, {"containerPort", "8080"}},
                                                          "not an object"})}}})}}}};
  const Pod pod = Pod::from_json(j);
  ASSERT_EQ(pod.containers.size(), 1u);
  const auto& ports = pod.containers[0].ports;
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0].name, "rest");
  EXPECT_EQ(ports[0].number, 8081);
  EXPECT_EQ(ports[1].name, "");
  EXPECT_EQ(ports[1].number, 6123);
}

TEST(ObjectsPod, StatusColumnLikeKubectl) {
  // Init container still running: Init:0/1.
  auto pod = pod_from(R"({"spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"main"}]},
    "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"running":{}}}],
              "containerStatuses":[{"name":"main","state":{"waiting":{"reason":"PodInitializing"}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Init:0/1");
  // Init container failing.
  pod = pod_from(R"({"spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"main"}]},
    "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","restartCount":2,
              "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Init:CrashLoopBackOff");
  EXPECT_EQ(pod_status_columns(pod).restarts, 2);
  // Completed and Error.
  pod = pod_from(R"({"spec":{"containers":[{"name":"main"}]},"status":{"phase":"Succeeded",
    "containerStatuses":[{"name":"main","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Completed");
  pod = pod_from(R"({"spec":{"containers":[{"name":"main"}]},"status":{"phase":"Failed",
    "containerStatuses":[{"name":"main","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Error");
  pod = pod_from(R"({"spec":{"containers":[{"name":"main"}]},"status":{"phase":"Failed",
    "containerStatuses":[{"name":"main","state":{"terminated":{"exitCode":3}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "ExitCode:3");
  // Evicted: the pod's own reason.
  pod = pod_from(R"({"status":{"phase":"Failed","reason":"Evicted"}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Evicted");
  // Being deleted.
  pod = pod_from(R"({"metadata":{"deletionTimestamp":"2026-11-20T09:00:00Z"},"spec":{"containers":[{"name":"m"}]},
    "status":{"phase":"Running","containerStatuses":[{"name":"m","ready":true,"state":{"running":{}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Terminating");
  EXPECT_TRUE(pod.meta.terminating());
  // Two containers, one ready: 1/2; a completed sidecar-style container with another running.
  pod = pod_from(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running",
    "conditions":[{"type":"Ready","status":"False"}],
    "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}},
                         {"name":"b","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "NotReady");
  EXPECT_EQ(pod_status_columns(pod).ready_text(), "1/2");
  // A restartable init container (sidecar) counts in READY.
  pod = pod_from(R"({"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"m"}]},
    "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
    "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"state":{"running":{}}}],
    "containerStatuses":[{"name":"m","ready":true,"state":{"running":{}}}]}})");
  EXPECT_EQ(pod_status_columns(pod).status, "Running");
  EXPECT_EQ(pod_status_columns(pod).ready_text(), "2/2");
}

TEST(ObjectsDeployment, DecodesSeedDeployment) {
  const auto d = Deployment::from_json(item(fixture("standalone_seed.json"), "Deployment", "flink-taskmanager"));
  EXPECT_EQ(d.meta.name, "flink-taskmanager");
  EXPECT_EQ(d.meta.namespace_, "lyz");
  EXPECT_TRUE(d.meta.labels.empty());
  EXPECT_EQ(d.replicas, 2);
  EXPECT_EQ(d.ready_replicas, 2);
  EXPECT_EQ(d.available_replicas, 2);
  EXPECT_EQ(d.updated_replicas, 2);
  EXPECT_EQ(d.selector, (std::map<std::string, std::string>{{"app", "flink"}, {"component", "taskmanager"}}));
  EXPECT_EQ(d.template_labels, d.selector);
  ASSERT_EQ(d.template_containers.size(), 1u);
  EXPECT_EQ(d.template_containers[0].image, "flink:1.14.0");
}

TEST(ObjectsService, DecodesNodePortAndNamedTargetPort) {
  const auto s = Service::from_json(item(fixture("standalone_seed.json"), "Service", "flink-jobmanager-rest"));
  EXPECT_EQ(s.type, "NodePort");
  EXPECT_EQ(s.cluster_ip, "10.96.56.78");
  EXPECT_EQ(s.selector.at("component"), "jobmanager");
  ASSERT_EQ(s.ports.size(), 1u);
  EXPECT_EQ(s.ports[0].name, "rest");
  EXPECT_EQ(s.ports[0].port, 8081);
  EXPECT_EQ(s.ports[0].target_port, "8081");
  EXPECT_EQ(s.ports[0].node_port, 30081);
  EXPECT_EQ(s.ports[0].protocol, "TCP");

  const auto named = Service::from_json(nlohmann::json::parse(
      R"({"metadata":{"name":"x-rest"},"spec":{"ports":[{"name":"rest","port":8081,"targetPort":"rest"}]}})"));
  EXPECT_EQ(named.type, "ClusterIP");
  EXPECT_EQ(named.ports.at(0).target_port, "rest");
}

TEST(ObjectsEvent, DecodesBothTimestampStyles) {
  const auto legacy = Event::from_json(nlohmann::json::parse(R"({
    "metadata":{"name":"my-session-taskmanager-1-1.17f9","namespace":"flink","uid":"e1"},
    "involvedObject":{"kind":"Pod","name":"my-session-taskmanager-1-1","namespace":"flink","uid":"p1"},
    "type":"Warning","reason":"BackOff","message":"Back-off restarting failed container","count":12,
    "firstTimestamp":"2026-11-20T08:06:00Z","lastTimestamp":"2026-11-20T08:11:00Z","source":{"component":"kubelet"}})"));
  EXPECT_EQ(legacy.involved_object.kind, "Pod");
  EXPECT_EQ(legacy.involved_object.uid, "p1");
  EXPECT_EQ(legacy.count, 12);
  EXPECT_EQ(legacy.reporting_component, "kubelet");
  EXPECT_EQ(legacy.last_seen(), utc(2026, 11, 20, 8, 11, 0));

  const auto modern = Event::from_json(nlohmann::json::parse(R"({
    "metadata":{"name":"e2","namespace":"flink"},"involvedObject":{"kind":"FlinkDeployment","name":"basic-example"},
    "type":"Normal","reason":"Submit","message":"Starting deployment","eventTime":"2026-11-20T08:00:00.123456Z",
    "firstTimestamp":null,"lastTimestamp":null,"reportingComponent":"JobManagerDeployment"})"));
  EXPECT_EQ(modern.count, 1);
  EXPECT_FALSE(modern.last_timestamp);
  EXPECT_EQ(modern.last_seen(), utc(2026, 11, 20, 8, 0, 0) + 123456us);
  EXPECT_EQ(modern.reporting_component, "JobManagerDeployment");
}

TEST(ObjectsNamespace, DecodesPhase) {
  const auto ns = Namespace::from_json(nlohmann::json::parse(
      R"({"metadata":{"name":"flink","uid":"n1"},"status":{"phase":"Active"}})"));
  EXPECT_EQ(ns.meta.name, "flink");
  EXPECT_EQ(ns.phase, "Active");
}

TEST(ObjectsFlinkDeployment, DecodesOperatorStatus) {
  const auto fd = FlinkDeployment::from_json(fixture("flinkdeployment_application.json"));
  EXPECT_EQ(fd.meta.name, "basic-example");
  EXPECT_EQ(fd.meta.generation, 3);
  EXPECT_EQ(fd.spec.flink_version, "v1_20");
  EXPECT_EQ(fd.spec.image, "flink:1.20");
  EXPECT_EQ(fd.spec.mode, "native");
  EXPECT_EQ(fd.spec.service_account, "flink");
  EXPECT_EQ(fd.spec.restart_nonce, 2);
  EXPECT_EQ(fd.spec.jobmanager_replicas, 1);
  EXPECT_FALSE(fd.spec.taskmanager_replicas);
  ASSERT_TRUE(fd.spec.job);
  EXPECT_TRUE(fd.application());
  EXPECT_EQ(fd.spec.job->jar_uri, "local:///opt/flink/examples/streaming/StateMachineExample.jar");
  EXPECT_EQ(fd.spec.job->entry_class, "org.apache.flink.streaming.examples.statemachine.StateMachineExample");
  EXPECT_EQ(fd.spec.job->args, (std::vector<std::string>{"--error-rate", "0.0"}));
  EXPECT_EQ(fd.spec.job->parallelism, 2);
  EXPECT_EQ(fd.spec.job->state, "running");
  EXPECT_EQ(fd.spec.job->upgrade_mode, "savepoint");
  EXPECT_EQ(fd.spec.job->savepoint_trigger_nonce, 5);
  EXPECT_EQ(fd.spec.job->initial_savepoint_path, "s3://flink/savepoints/savepoint-000000-0123456789ab");
  EXPECT_EQ(fd.spec.job->allow_non_restored_state, true);

  const auto& st = fd.status;
  EXPECT_EQ(st.lifecycle_state, "STABLE");
  EXPECT_EQ(st.job_manager_deployment_status, "READY");
  EXPECT_EQ(st.cluster_info.at("flink-version"), "1.20.0");
  EXPECT_EQ(st.cluster_info.at("total-cpu"), "2.0");
  EXPECT_EQ(st.job_status.state, "RUNNING");
  EXPECT_EQ(st.job_status.job_id, "8e5c0a7f1a3f4d8a9b2c3d4e5f6a7b8c");
  EXPECT_EQ(st.job_status.job_name, "State machine job");
  EXPECT_EQ(st.job_status.start_time, Timestamp{} + 1795000000123ms);  // epoch millis in a string
  EXPECT_EQ(st.job_status.update_time, Timestamp{} + 1795000050456ms);
  ASSERT_TRUE(st.job_status.savepoint_info.last_savepoint);
  const auto& sp = *st.job_status.savepoint_info.last_savepoint;
  EXPECT_EQ(sp.location, "s3://flink/savepoints/savepoint-8e5c0a-4f2a1b3c9d8e");
  EXPECT_EQ(sp.time_stamp, Timestamp{} + 1795002000000ms);  // epoch millis as a number
  EXPECT_EQ(sp.trigger_type, "MANUAL");
  EXPECT_EQ(sp.format_type, "CANONICAL");
  EXPECT_FALSE(st.job_status.savepoint_info.trigger_timestamp);
  EXPECT_EQ(st.job_status.upgrade_savepoint_path, "s3://flink/savepoints/savepoint-000000-0123456789ab");
  EXPECT_EQ(st.reconciliation_state, "DEPLOYED");
  EXPECT_EQ(st.task_manager_replicas, 1);
  EXPECT_EQ(st.task_manager_label_selector, "component=taskmanager,app=basic-example");
  EXPECT_EQ(st.observed_generation, 3);
}

TEST(ObjectsFlinkDeployment, SessionClusterHasNoJob) {
  const auto fd = FlinkDeployment::from_json(nlohmann::json::parse(
      R"({"metadata":{"name":"basic-session-deployment-example"},"spec":{"image":"flink:2.2","flinkVersion":"v2_2",
          "taskManager":{"replicas":3}}})"));
  EXPECT_FALSE(fd.spec.job);
  EXPECT_FALSE(fd.application());
  EXPECT_EQ(fd.spec.taskmanager_replicas, 3);
  EXPECT_EQ(fd.status.lifecycle_state, "");
}

TEST(ObjectsFlinkSessionJob, DecodesAndUnwrapsJsonError) {
  const auto sj = FlinkSessionJob::from_json(fixture("flinksessionjob.json"));
  EXPECT_EQ(sj.spec.deployment_name, "basic-session-deployment-example");
  ASSERT_TRUE(sj.spec.job);
  EXPECT_EQ(sj.spec.job->parallelism, 4);
  EXPECT_EQ(sj.spec.job->upgrade_mode, "stateless");
  EXPECT_EQ(sj.status.lifecycle_state, "STABLE");
  EXPECT_EQ(sj.status.job_status.job_name, "CarTopSpeedWindowingExample");
  EXPECT_EQ(sj.status.job_status.start_time, Timestamp{} + 1795003600000ms);
  EXPECT_EQ(sj.status.reconciliation_state, "DEPLOYED");
  EXPECT_EQ(readable_operator_error(sj.status.error),
            "org.apache.flink.util.FlinkRuntimeException: java.util.concurrent.TimeoutException");
  EXPECT_EQ(readable_operator_error("plain text"), "plain text");
  EXPECT_EQ(readable_operator_error("{not json"), "{not json");
  EXPECT_EQ(readable_operator_error(""), "");
}

TEST(ObjectsFlinkStateSnapshot, DecodesSavepointAndCheckpoint) {
  const auto s = FlinkStateSnapshot::from_json(fixture("flinkstatesnapshot.json"));
  EXPECT_EQ(s.spec.job_reference.kind, "FlinkDeployment");
  EXPECT_EQ(s.spec.job_reference.name, "basic-example");
  ASSERT_TRUE(s.spec.savepoint);
  EXPECT_TRUE(s.is_savepoint());
  EXPECT_EQ(s.spec.savepoint->path, "s3://flink/savepoints");
  EXPECT_EQ(s.spec.savepoint->format_type, "CANONICAL");
  EXPECT_TRUE(s.spec.savepoint->dispose_on_delete);
  EXPECT_FALSE(s.spec.savepoint->already_exists);
  EXPECT_FALSE(s.spec.checkpoint);
  EXPECT_EQ(s.spec.backoff_limit, 1);
  EXPECT_EQ(s.status.state, "COMPLETED");
  EXPECT_EQ(s.status.path, "s3://flink/savepoints/savepoint-8e5c0a-4f2a1b3c9d8e");
  EXPECT_EQ(s.status.trigger_id, "3f1c9e0a7b5d4c2e8a6f1b3d5c7e9a0b");
  EXPECT_EQ(s.status.trigger_timestamp, utc(2026, 11, 19, 11, 0, 1));
  EXPECT_EQ(s.status.result_timestamp, utc(2026, 11, 19, 11, 0, 12) + 345ms);
  EXPECT_EQ(s.status.failures, 0);

  const auto cp = FlinkStateSnapshot::from_json(nlohmann::json::parse(
      R"({"metadata":{"name":"example-checkpoint"},"spec":{"backoffLimit":0,
          "jobReference":{"kind":"FlinkDeployment","name":"example-deployment"},"checkpoint":{}},
          "status":{"state":"FAILED","failures":2,"error":"Checkpoint failed","triggerTimestamp":"1795000000000"}})"));
  EXPECT_TRUE(cp.spec.checkpoint);
  EXPECT_FALSE(cp.is_savepoint());
  EXPECT_EQ(cp.status.failures, 2);
  EXPECT_EQ(cp.status.error, "Checkpoint failed");
  EXPECT_EQ(cp.status.trigger_timestamp, Timestamp{} + 1795000000000ms);
}

TEST(ObjectsTolerance, EmptyObjectsDecodeToDefaults) {
  const auto empty = nlohmann::json::object();
  EXPECT_NO_THROW({
    Namespace::from_json(empty);
    Pod::from_json(empty);
    Deployment::from_json(empty);
    Service::from_json(empty);
    Event::from_json(empty);
    FlinkDeployment::from_json(empty);
    FlinkSessionJob::from_json(empty);
    FlinkStateSnapshot::from_json(empty);
  });
  const auto pod = Pod::from_json(empty);
  EXPECT_EQ(pod.meta.creation_timestamp, Timestamp{});
  EXPECT_TRUE(pod.containers.empty());
  EXPECT_EQ(pod_status_columns(pod).status, "Unknown");
  EXPECT_EQ(Deployment::from_json(empty).replicas, 1);
  EXPECT_FALSE(FlinkDeployment::from_json(empty).spec.job);
}

TEST(ObjectsTolerance, WrongTypesYieldDefaults) {
  const auto pod = Pod::from_json(nlohmann::json::parse(R"({
    "metadata":{"name":42,"namespace":["x"],"uid":"u1","labels":{"app":"a","n":5,"b":null},
                "creationTimestamp":12345,"ownerReferences":{"kind":"x"}},
    "spec":{"containers":[{"name":"ok","image":7},"junk",null],"nodeName":false},
    "status":{"phase":1,"conditions":"Ready","containerStatuses":[{"name":"ok","ready":"yes","restartCount":"3",
              "state":{"waiting":"CrashLoopBackOff"}}],"startTime":"yesterday"}})"));
  EXPECT_EQ(pod.meta.name, "");
  EXPECT_EQ(pod.meta.namespace_, "");
  EXPECT_EQ(pod.meta.uid, "u1");
  EXPECT_EQ(pod.meta.labels, (std::map<std::string, std::string>{{"app", "a"}}));
  EXPECT_EQ(pod.meta.creation_timestamp, Timestamp{});
  EXPECT_TRUE(pod.meta.owner_references.empty());
  ASSERT_EQ(pod.containers.size(), 1u);
  EXPECT_EQ(pod.containers[0].image, "");
  EXPECT_EQ(pod.node_name, "");
  EXPECT_EQ(pod.phase, "");
  EXPECT_TRUE(pod.conditions.empty());
  ASSERT_EQ(pod.container_statuses.size(), 1u);
  EXPECT_FALSE(pod.container_statuses[0].ready);
  EXPECT_EQ(pod.container_statuses[0].restart_count, 0);
  EXPECT_EQ(pod.container_statuses[0].state.kind, ContainerState::Kind::Unknown);
  EXPECT_FALSE(pod.start_time);

  const auto fd = FlinkDeployment::from_json(nlohmann::json::parse(R"({
    "spec":{"job":"yes","jobManager":{"replicas":"two"},"taskManager":{"replicas":-1},"restartNonce":"x"},
    "status":{"clusterInfo":["flink-version"],"jobStatus":{"startTime":{"ms":1},"savepointInfo":{"lastSavepoint":"x"}},
              "error":{"message":"object, not string"},"taskManager":{"replicas":1e30}}})"));
  EXPECT_FALSE(fd.spec.job);
  EXPECT_EQ(fd.spec.jobmanager_replicas, 1);
  EXPECT_FALSE(fd.spec.taskmanager_replicas);
  EXPECT_FALSE(fd.spec.restart_nonce);
  EXPECT_TRUE(fd.status.cluster_info.empty());
  EXPECT_FALSE(fd.status.job_status.start_time);
  EXPECT_FALSE(fd.status.job_status.savepoint_info.last_savepoint);
  EXPECT_EQ(fd.status.error, "");
  EXPECT_EQ(fd.status.task_manager_replicas, 0);

  const auto svc = Service::from_json(nlohmann::json::parse(
      R"({"spec":{"ports":[{"port":"8081","targetPort":true,"nodePort":30081.0}],"selector":"app=flink"}})"));
  ASSERT_EQ(svc.ports.size(), 1u);
  EXPECT_EQ(svc.ports[0].port, 0);
  EXPECT_EQ(svc.ports[0].target_port, "");
  EXPECT_EQ(svc.ports[0].node_port, 30081);
  EXPECT_TRUE(svc.selector.empty());
}

TEST(ObjectsTolerance, NonObjectInputThrowsDecodeError) {
  for (const char* text : {"null", "[]", "\"pod\"", "42", "true"}) {
    const auto j = nlohmann::json::parse(text);
    try {
      Pod::from_json(j);
      ADD_FAILURE() << "no exception for " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Decode) << text;
      EXPECT_NE(std::string(e.what()).find("Pod"), std::string::npos) << e.what();
    }
  }
  const auto array = nlohmann::json::array();
  EXPECT_THROW(Namespace::from_json(array), Error);
  EXPECT_THROW(Deployment::from_json(array), Error);
  EXPECT_THROW(Service::from_json(array), Error);
  EXPECT_THROW(Event::from_json(array), Error);
  EXPECT_THROW(FlinkDeployment::from_json(array), Error);
  EXPECT_THROW(FlinkSessionJob::from_json(array), Error);
  EXPECT_THROW(FlinkStateSnapshot::from_json(array), Error);
}

}  // namespace
}  // namespace flinktop::kube
