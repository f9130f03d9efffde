// `flinktop --flink-url URL get clusters`: the one cluster behind the URL as its JobManager
// describes itself (GET /overview): version, TaskManagers, slots and jobs by state. There are no
// pods or operator resources to show without Kubernetes.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/cluster_json.hpp"
#include "cli/cluster_targets.hpp"
#include "cli/get_command.hpp"
#include "cli/table_printer.hpp"

namespace flinktop::cli {

int get_flink_url_cluster(const GlobalOptions& global, const GetOptions& options, std::ostream& out,
                          std::ostream& err) {
  const ClusterTargets targets = select_clusters(global, options.cluster, err);
  const ClusterTarget& target = targets.clusters.front();  // --flink-url: exactly one
  const flink::ClusterOverview overview = target.flink->overview();
  model::Cluster cluster = target.cluster;
  cluster.flink_version = overview.flink_version;
  cluster.state = "Ready";  // it answered
  cluster.taskmanagers_ready = cluster.taskmanagers_total = static_cast<int>(overview.taskmanagers);

  if (options.output == "json") {
    nlohmann::ordered_json doc;
    doc["apiVersion"] = "flinktop/v1";
    doc["kind"] = "ClusterList";
    nlohmann::ordered_json item = cluster_to_json(cluster);
    item["url"] = global.flink.url;
    item["jobManagers"] = nullptr;  // one answered, but how many there are REST does not say
    item["slots"] = {{"total", overview.slots_total}, {"available", overview.slots_available}};
    item["jobs"] = {{"running", overview.jobs_running},
                    {"finished", overview.jobs_finished},
                    {"cancelled", overview.jobs_cancelled},
                    {"failed", overview.jobs_failed}};
    doc["items"] = nlohmann::ordered_json::array({item});
    out << doc.dump(2) << '\n';
    return 0;
  }
  const bool wide = options.output == "wide";
  std::vector<std::string> headers{"NAME", "VERSION", "STATE", "TASKMANAGERS", "SLOTS-FREE", "RUNNING-JOBS"};
  if (wide) headers.insert(headers.end(), {"FINISHED", "CANCELED", "FAILED"});
  headers.push_back("URL");
  TablePrinter table(headers);
  std::vector<std::string> row{cluster.name,
                               cluster.flink_version,
                               cluster.state,
                               std::to_string(overview.taskmanagers),
                               fmt::format("{}/{}", overview.slots_available, overview.slots_total),
                               std::to_string(overview.jobs_running)};
  if (wide) {
    row.insert(row.end(), {std::to_string(overview.jobs_finished), std::to_string(overview.jobs_cancelled),
                           std::to_string(overview.jobs_failed)});
  }
  row.push_back(global.flink.url);
  table.add_row(std::move(row));
  table.print(out, !options.no_headers);
  return 0;
}

}  // namespace flinktop::cli
