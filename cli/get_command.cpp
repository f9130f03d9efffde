#include "cli/get_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "cli/cluster_json.hpp"
#include "cli/cluster_targets.hpp"
#include "cli/context_results.hpp"
#include "cli/kube_targets.hpp"
#include "cli/table_printer.hpp"
#include "core/error.hpp"
#include "core/kube/api_client.hpp"
#include "core/text/age.hpp"

namespace flinktop::cli {

namespace {

enum class Resource { Clusters, Pods, FromFlink };

Resource parse_resource(const std::string& name) {
  if (name == "clusters" || name == "cluster" || name == "cl") return Resource::Clusters;
  if (name == "pods" || name == "pod" || name == "po") return Resource::Pods;
  for (const char* flink : {"jobs", "job", "j", "taskmanagers", "taskmanager", "tm", "savepoints", "savepoint", "sp"}) {
    if (name == flink) return Resource::FromFlink;
  }
  throw Error(ErrorKind::Usage,
              fmt::format("unknown resource \"{}\": use clusters, pods, jobs, taskmanagers or savepoints", name));
}

std::string ratio(int ready, int total) { return fmt::format("{}/{}", ready, total); }

std::string rest_cell(const model::Cluster& cluster) {
  if (!cluster.rest) return "";
  return fmt::format("{}:{}", cluster.rest->name, cluster.rest->port);
}

void print_clusters(const std::vector<ContextResult>& results, const GetOptions& options, bool show_context,
                    bool show_namespace, std::ostream& out) {
  const bool wide = options.output == "wide";
  std::vector<std::string> headers;
  if (show_context) headers.push_back("CONTEXT");
  if (show_namespace) headers.push_back("NAMESPACE");
  for (const char* h : {"NAME", "KIND", "VERSION", "STATE", "JOBMANAGERS", "TASKMANAGERS", "REST", "AGE"}) {
    headers.push_back(h);
  }
  if (wide) {
    for (const char* h : {"JOB", "JOB-STATE", "RECONCILED", "LAST-SAVEPOINT", "ERROR"}) headers.push_back(h);
  }
  TablePrinter table(headers);
  const auto now = std::chrono::system_clock::now();
  for (const ContextResult& result : results) {
    for (const model::Cluster& cluster : result.clusters) {
      std::vector<std::string> row;
      if (show_context) row.push_back(cluster.context);
      if (show_namespace) row.push_back(cluster.namespace_);
      row.insert(row.end(), {cluster.name, std::string(model::to_string(cluster.kind)), cluster.flink_version,
                             cluster.state, ratio(cluster.jobmanagers_ready, cluster.jobmanagers_total),
                             ratio(cluster.taskmanagers_ready, cluster.taskmanagers_total), rest_cell(cluster),
                             text::age(cluster.created, now)});
      if (wide) {
        const auto& op = cluster.operator_status;
        row.push_back(op ? op->job_name : "");
        row.push_back(op ? op->job_state : "");
        row.push_back(op ? op->reconciliation_state : "");
        row.push_back(op ? op->last_savepoint_path : "");
        row.push_back(op ? op->error : "");
      }
      table.add_row(std::move(row));
    }
  }
  table.print(out, !options.no_headers);
}

void print_pods(const std::vector<ContextResult>& results, const GetOptions& options, bool show_context,
                bool show_namespace, std::ostream& out) {
  const bool wide = options.output == "wide";
  std::vector<std::string> headers;
  if (show_context) headers.push_back("CONTEXT");
  if (show_namespace) headers.push_back("NAMESPACE");
  for (const char* h : {"CLUSTER", "NAME", "ROLE", "READY", "STATUS", "RESTARTS", "AGE"}) headers.push_back(h);
  if (wide) headers.push_back("NODE");
  TablePrinter table(headers);
  const auto now = std::chrono::system_clock::now();
  for (const ContextResult& result : results) {
    for (const model::Cluster& cluster : result.clusters) {
      if (!cluster_matches(cluster, options.cluster)) continue;
      for (const model::ClusterPod& pod : cluster.pods) {
        std::vector<std::string> row;
        if (show_context) row.push_back(cluster.context);
        if (show_namespace) row.push_back(pod.namespace_);
        row.insert(row.end(), {cluster.name, pod.name, std::string(model::to_string(pod.role)),
                               ratio(pod.ready_containers, pod.total_containers), pod.status,
                               std::to_string(pod.restarts), text::age(pod.created, now)});
        if (wide) row.push_back(pod.node);
        table.add_row(std::move(row));
      }
    }
  }
  table.print(out, !options.no_headers);
}

void print_json(const std::vector<ContextResult>& results, Resource resource, const GetOptions& options,
                std::ostream& out) {
  nlohmann::ordered_json doc;
  doc["apiVersion"] = "flinktop/v1";
  doc["kind"] = resource == Resource::Clusters ? "ClusterList" : "PodList";
  doc["contexts"] = nlohmann::ordered_json::array();
  doc["items"] = nlohmann::ordered_json::array();
  for (const ContextResult& result : results) {
    nlohmann::ordered_json context;
    context["name"] = result.context;
    context["namespace"] = result.namespace_.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(result.namespace_);
    context["reachable"] = !result.failure.has_value();
    context["operatorInstalled"] = result.operator_installed;
    context["errors"] = nlohmann::ordered_json::array();
    if (result.failure) context["errors"].push_back(result.failure->what());
    for (const Error& warning : result.warnings) context["errors"].push_back(warning.what());
    doc["contexts"].push_back(std::move(context));
    for (const model::Cluster& cluster : result.clusters) {
      if (resource == Resource::Clusters) {
        doc["items"].push_back(cluster_to_json(cluster));
      } else if (cluster_matches(cluster, options.cluster)) {
        for (const model::ClusterPod& pod : cluster.pods) doc["items"].push_back(pod_to_json(cluster, pod));
      }
    }
  }
  out << doc.dump(2) << '\n';
}

}  // namespace

int run_get(const GlobalOptions& global, const GetOptions& options, std::ostream& out, std::ostream& err) {
  const Resource resource = parse_resource(options.resource);
  if (options.output != "table" && options.output != "wide" && options.output != "json") {
    throw Error(ErrorKind::Usage, fmt::format("unknown output format \"{}\": use table, wide or json", options.output));
  }
  if (resource == Resource::FromFlink) return run_get_flink(global, options, out, err);
  if (!global.flink.url.empty()) {
    if (resource == Resource::Clusters) return get_flink_url_cluster(global, options, out, err);
    throw Error(ErrorKind::Usage, fmt::format("get {} reads Kubernetes; with --flink-url use get clusters, jobs, "
                                              "taskmanagers or savepoints", options.resource));
  }
  const std::vector<KubeTarget> targets = resolve_targets(global);

  const std::vector<ContextResult> results = load_contexts(targets);
  const int exit_code = report_context_problems(results, err);

  if (options.output == "json") {
    print_json(results, resource, options, out);
  } else {
    const bool show_context = targets.size() > 1;
    const bool show_namespace = std::any_of(targets.begin(), targets.end(),
                                            [](const KubeTarget& t) { return t.namespace_.empty(); });
    bool any = false;
    for (const ContextResult& result : results) any = any || !result.clusters.empty();
    if (!any) {
      // After an error the error is the answer; an empty table would only add noise.
      if (exit_code != 0) return exit_code;
      err << (resource == Resource::Clusters ? "No Flink clusters found" : "No Flink pods found");
      err << (show_namespace ? "." : fmt::format(" in namespace \"{}\".", targets.front().namespace_)) << '\n';
      return 0;
    }
    if (resource == Resource::Clusters) {
      print_clusters(results, options, show_context, show_namespace, out);
    } else {
      print_pods(results, options, show_context, show_namespace, out);
    }
  }
  return exit_code;
}

}  // namespace flinktop::cli
