#include "cli/get_command.hpp"

#include <fmt/format.h>

#include <chrono>
#include <future>
#include <optional>

#include "cli/cluster_json.hpp"
#include "cli/kube_targets.hpp"
#include "cli/table_printer.hpp"
#include "core/error.hpp"
#include "core/kube/api_client.hpp"
#include "core/model/cluster_discovery.hpp"
#include "core/sync/context_loader.hpp"
#include "core/text/age.hpp"

namespace flinktop::cli {

namespace {

enum class Resource { Clusters, Pods };

Resource parse_resource(const std::string& name) {
  if (name == "clusters" || name == "cluster" || name == "cl") return Resource::Clusters;
  if (name == "pods" || name == "pod" || name == "po") return Resource::Pods;
  throw Error(ErrorKind::Usage, fmt::format("unknown resource \"{}\": use clusters or pods", name));
}

// What one context contributed: its clusters, or the error that made it unusable, plus warnings
// about the parts it could not see.
struct ContextResult {
  std::string context;
  std::string namespace_;
  std::vector<model::Cluster> clusters;
  std::vector<Error> warnings;  // parts of the context it could not see
  bool operator_installed = false;
  std::optional<Error> failure;
};

ContextResult load(const KubeTarget& target) {
  ContextResult result{target.config.context, target.namespace_, {}, {}, false, std::nullopt};
  try {
    kube::ApiClient client(target.config);
    const model::ContextSnapshot snapshot = sync::load_context(client, target.namespace_);
    for (const auto& [kind, status] : snapshot.status) {
      if (status.error.empty() || status.not_served) continue;
      result.warnings.emplace_back(status.forbidden ? ErrorKind::Forbidden : ErrorKind::Server, status.error);
    }
    const auto& operator_status = snapshot.status.find(kube::resources::kFlinkDeployments.qualified_name());
    result.operator_installed = operator_status != snapshot.status.end() && !operator_status->second.not_served;
    result.clusters = model::discover_clusters(snapshot);
  } catch (const Error& error) {
    result.failure = error;
  }
  return result;
}

bool matches_cluster(const model::Cluster& cluster, const std::string& wanted) {
  return wanted.empty() || cluster.name == wanted || cluster.namespace_ + "/" + cluster.name == wanted;
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
      if (!matches_cluster(cluster, options.cluster)) continue;
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
      } else if (matches_cluster(cluster, options.cluster)) {
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
  const std::vector<KubeTarget> targets = resolve_targets(global);

  // Contexts are independent clusters: ask them all at once.
  std::vector<std::future<ContextResult>> pending;
  for (const KubeTarget& target : targets) pending.push_back(std::async(std::launch::async, load, std::cref(target)));
  std::vector<ContextResult> results;
  for (auto& future : pending) results.push_back(future.get());

  int exit_code = 0;
  for (const ContextResult& result : results) {
    if (result.failure) {
      err << "flinktop: " << result.failure->what() << '\n';
      if (exit_code == 0) exit_code = exit_code_for(result.failure->kind());
    }
    for (const Error& warning : result.warnings) {
      err << "flinktop: " << warning.what() << '\n';
      if (exit_code == 0) exit_code = exit_code_for(warning.kind());
    }
  }

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
