// JSON decode of the two biggest answers flinktop reads: a 1,000-job /jobs/overview (every Flink
// poll of a busy session cluster) and a 5,000-pod list (the first LIST of a big namespace). Each
// iteration parses the body and builds the typed values, as the client does. Reported: time per
// body and MB/s (bytes_per_second).
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/flink/types/job.hpp"
#include "core/kube/objects/pod.hpp"

namespace {

using nlohmann::json;

std::string jobs_overview(int jobs) {
  json list = json::array();
  for (int i = 0; i < jobs; ++i) {
    char id[33];
    std::snprintf(id, sizeof id, "%08x%08x%08x%08x", i * 2654435761u, i, 0xabcdef01u, i ^ 0x5a5a5a5au);
    list.push_back({{"jid", id},
                    {"name", "orders-enrichment-pipeline-" + std::to_string(i)},
                    {"start-time", 1763719200000LL + i},
                    {"end-time", -1},
                    {"duration", 86400000 + i},
                    {"state", i % 10 == 0 ? "RESTARTING" : "RUNNING"},
                    {"last-modification", 1763719200000LL + i},
                    {"tasks",
                     {{"running", 12}, {"canceling", 0}, {"canceled", 0}, {"total", 12}, {"created", 0},
                      {"scheduled", 0}, {"deploying", 0}, {"reconciling", 0}, {"finished", 0},
                      {"initializing", 0}, {"failed", 0}}}});
  }
  return json{{"jobs", list}}.dump();
}

std::string pod_list(int pods) {
  json items = json::array();
  for (int i = 0; i < pods; ++i) {
    const std::string cluster = "cluster-" + std::to_string(i / 50);
    const std::string name = cluster + "-taskmanager-1-" + std::to_string(i % 50);
    items.push_back(
        {{"metadata",
          {{"name", name},
           {"namespace", "team-" + std::to_string(i % 20)},
           {"uid", "0b3c9a7e-1b2c-4d3e-8f90-" + std::to_string(100000000000 + i)},
           {"resourceVersion", std::to_string(100000 + i)},
           {"creationTimestamp", "2026-11-20T08:00:00Z"},
           {"labels", {{"app", cluster}, {"component", "taskmanager"}, {"type", "flink-native-kubernetes"}}},
           {"ownerReferences",
            {{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", cluster}, {"uid", "owner"}, {"controller", true}}}}}},
         {"spec",
          {{"nodeName", "node-" + std::to_string(i % 40)},
           {"containers",
            {{{"name", "flink-main-container"},
              {"image", "flink:1.20.1-scala_2.12-java17"},
              {"args", {"bash", "-c", "kubernetes-taskmanager.sh -Dtaskmanager.resource-id=" + name}},
              {"ports", {{{"containerPort", 6122}, {"name", "rpc"}, {"protocol", "TCP"}}}},
              {"resources", {{"limits", {{"cpu", "2"}, {"memory", "4Gi"}}}, {"requests", {{"cpu", "2"}, {"memory", "4Gi"}}}}}}}}}},
         {"status",
          {{"phase", "Running"},
           {"podIP", "10.0." + std::to_string(i / 250 % 256) + "." + std::to_string(i % 250)},
           {"startTime", "2026-11-20T08:00:01Z"},
           {"conditions",
            {{{"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", "2026-11-20T08:00:09Z"}},
             {{"type", "ContainersReady"}, {"status", "True"}, {"lastTransitionTime", "2026-11-20T08:00:09Z"}}}},
           {"containerStatuses",
            {{{"name", "flink-main-container"},
              {"ready", true},
              {"restartCount", i % 3},
              {"image", "flink:1.20.1-scala_2.12-java17"},
              {"state", {{"running", {{"startedAt", "2026-11-20T08:00:05Z"}}}}}}}}}}});
  }
  return json{{"apiVersion", "v1"}, {"kind", "PodList"}, {"metadata", {{"resourceVersion", "200000"}}}, {"items", items}}
      .dump();
}

void BM_DecodeJobsOverview(benchmark::State& state) {
  const std::string body = jobs_overview(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto jobs = flinktop::flink::decode_jobs_overview(json::parse(body));
    benchmark::DoNotOptimize(jobs.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.size()));
  state.counters["body_kB"] = static_cast<double>(body.size()) / 1000.0;
}
BENCHMARK(BM_DecodeJobsOverview)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_DecodePodList(benchmark::State& state) {
  const std::string body = pod_list(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const json doc = json::parse(body);
    std::vector<flinktop::kube::Pod> pods;
    pods.reserve(doc["items"].size());
    for (const json& item : doc["items"]) pods.push_back(flinktop::kube::Pod::from_json(item));
    benchmark::DoNotOptimize(pods.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.size()));
  state.counters["body_kB"] = static_cast<double>(body.size()) / 1000.0;
}
BENCHMARK(BM_DecodePodList)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
