#include "cli/job_listing.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/parallel.hpp"

namespace flinktop::cli {

namespace {

struct ClusterJobs {
  std::vector<flink::JobOverview> jobs;
  std::optional<Error> failure;
};

ClusterJobs fetch(const ClusterTarget& target) {
  ClusterJobs result;
  if (!target.flink) return result;
  try {
    result.jobs = target.flink->jobs();
  } catch (const Error& error) {
    result.failure = error;
  }
  return result;
}

// The operator's idea of the jobs it manages on `cluster`: the application's job, or each
// FlinkSessionJob.
struct OperatorJob {
  std::string id, name, state, resource;
};

std::vector<OperatorJob> operator_jobs(const model::Cluster& cluster) {
  std::vector<OperatorJob> jobs;
  if (cluster.kind == model::ClusterKind::OperatorApplication && cluster.operator_status) {
    const model::OperatorStatus& op = *cluster.operator_status;
    std::string state = op.job_state;
    if (op.lifecycle_state == "SUSPENDED" || op.desired_job_state == "suspended") state = "SUSPENDED";
    jobs.push_back({op.job_id, op.job_name.empty() ? cluster.name : op.job_name, state, cluster.name});
  }
  for (const model::SessionJobSummary& job : cluster.session_jobs) {
    std::string state = job.lifecycle_state == "SUSPENDED" ? "SUSPENDED" : job.job_state;
    jobs.push_back({job.job_id, job.job_name.empty() ? job.name : job.job_name, state, job.name});
  }
  return jobs;
}

bool is_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

// Still running, or able to run again (an operator job that is suspended can be resumed).
bool live(const JobRow& row) { return !flink::is_terminal_job_state(row.state) || (!row.from_rest && !row.resource.empty()); }

std::string describe(const JobRow& row, const ClusterTargets& targets) {
  return fmt::format("{} ({}, {}) on {}", row.name, row.id.empty() ? "no job id" : row.id.substr(0, 8),
                     row.state.empty() ? "unknown" : row.state, cluster_label(targets.clusters[row.cluster].cluster));
}

}  // namespace

JobListing list_jobs(const ClusterTargets& targets) {
  std::vector<ClusterJobs> fetched_all(targets.clusters.size());
  for_each_parallel(targets.clusters.size(), kParallelCalls,
                    [&](std::size_t i) { fetched_all[i] = fetch(targets.clusters[i]); });
  JobListing listing;
  for (std::size_t i = 0; i < fetched_all.size(); ++i) {
    ClusterJobs& fetched = fetched_all[i];
    if (fetched.failure) listing.unreachable.push_back({i, *fetched.failure});
    std::vector<JobRow> rows;
    for (flink::JobOverview& job : fetched.jobs) {
      JobRow row;
      row.cluster = i;
      row.id = job.id;
      row.name = job.name;
      row.state = job.state;
      row.start_time = job.start_time;
      row.duration = job.duration;
      row.tasks = std::move(job.tasks);
      row.from_rest = true;
      rows.push_back(std::move(row));
    }
    for (const OperatorJob& op : operator_jobs(targets.clusters[i].cluster)) {
      auto same = std::find_if(rows.begin(), rows.end(), [&](const JobRow& r) { return !op.id.empty() && r.id == op.id; });
      if (same != rows.end()) {
        same->resource = op.resource;
      } else {
        JobRow row;
        row.cluster = i;
        row.id = op.id;
        row.name = op.name;
        row.state = op.state;
        row.resource = op.resource;
        rows.push_back(std::move(row));
      }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const JobRow& a, const JobRow& b) { return a.start_time > b.start_time; });
    listing.jobs.insert(listing.jobs.end(), rows.begin(), rows.end());
  }
  return listing;
}

const JobRow& find_job(const JobListing& listing, const ClusterTargets& targets, const std::string& query) {
  if (query.empty()) throw Error(ErrorKind::Usage, "name the job: its id, an id prefix or its name");
  std::vector<const JobRow*> matches;
  const std::string wanted_id = lower(query);
  for (const JobRow& row : listing.jobs) {
    if (!row.id.empty() && row.id == wanted_id) return row;  // a full id is never ambiguous
  }
  for (const JobRow& row : listing.jobs) {
    const bool by_id = is_hex(query) && !row.id.empty() && row.id.rfind(wanted_id, 0) == 0;
    if (by_id || row.name == query || row.resource == query) matches.push_back(&row);
  }
  if (matches.size() > 1) {
    std::vector<const JobRow*> running;
    std::copy_if(matches.begin(), matches.end(), std::back_inserter(running), [](const JobRow* r) { return live(*r); });
    if (running.size() == 1) return *running.front();
    if (!running.empty()) matches = running;
  }
  if (matches.size() == 1) return *matches.front();
  if (matches.empty()) {
    std::string message = fmt::format("no job \"{}\" (by id, id prefix or name)", query);
    if (!listing.unreachable.empty()) {
      const ClusterProblem& first = listing.unreachable.front();
      message += fmt::format("; {} cluster(s) could not be asked, e.g. {}: {}", listing.unreachable.size(),
                             cluster_label(targets.clusters[first.cluster].cluster), first.error.what());
    } else {
      message += "; see flinktop get jobs";
    }
    throw Error(ErrorKind::NotFound, message);
  }
  std::string list;
  for (std::size_t i = 0; i < matches.size() && i < 5; ++i) list += (i ? "; " : "") + describe(*matches[i], targets);
  if (matches.size() > 5) list += fmt::format("; and {} more", matches.size() - 5);
  throw Error(ErrorKind::Usage, fmt::format("\"{}\" matches {} jobs: {}. Give the job id, or --cluster", query,
                                            matches.size(), list));
}

const ClusterTarget& single_cluster(const ClusterTargets& targets, const char* command) {
  if (targets.clusters.size() == 1) return targets.clusters.front();
  if (targets.clusters.empty()) throw Error(ErrorKind::NotFound, "no Flink cluster found; see flinktop get clusters");
  std::string names;
  for (std::size_t i = 0; i < targets.clusters.size() && i < 5; ++i) {
    names += (i ? ", " : "") + cluster_label(targets.clusters[i].cluster);
  }
  if (targets.clusters.size() > 5) names += ", ...";
  throw Error(ErrorKind::Usage, fmt::format("{} needs one cluster and {} are found ({}): choose with --cluster", command,
                                            targets.clusters.size(), names));
}

}  // namespace flinktop::cli
