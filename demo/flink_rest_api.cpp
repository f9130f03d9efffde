// Simulation::flink_rest: the routes of Flink's REST API that flinktop uses (see
// core/flink/client*.cpp), answered from the World — reads render it, actions change it. Unknown
// routes and ids get Flink's own error shape: {"errors": ["..."]}.
#include <sstream>

#include "demo/flink_rest_json.hpp"
#include "demo/kube_api_paths.hpp"
#include "demo/scenario.hpp"
#include "demo/simulation.hpp"
#include "core/flink/types/operation.hpp"

namespace flinktop::demo {

using nlohmann::json;

namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RestReply ok(const json& body, int status = 200) { return {status, body.dump()}; }

RestReply error(int status, const std::string& message) {
  return {status, json{{"errors", {message}}}.dump()};
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string param(const RestRequest& r, const std::string& name) {
  auto it = r.params.find(name);
  return it == r.params.end() ? "" : it->second;
}

}  // namespace

RestReply Simulation::flink_rest(const std::string& cluster_key, const RestRequest& r) {
  if (auto log_files = flink_rest_logs(cluster_key, r)) return *log_files;
  const long long now = now_ms();
  const auto parts = kube_api::split_path(r.path);
  Effects effects;
  RestReply reply;
  {
    std::lock_guard lock(mutex_);
    auto cluster_it = world_.clusters.find(cluster_key);
    // A suspended operator cluster has no JobManager: nothing answers.
    if (cluster_it == world_.clusters.end() || !cluster_it->second.running) {
      return error(503, "no endpoints available for the JobManager of " + cluster_key);
    }
    DemoCluster& c = cluster_it->second;
    const bool get = r.method == "GET";
    auto find_job = [&](const std::string& id) -> DemoJob* {
      auto it = world_.jobs.find(id);
      return it == world_.jobs.end() || it->second.cluster != c.key ? nullptr : &it->second;
    };
    const std::size_t n = parts.size();
    if (get && n == 1 && parts[0] == "config") return ok(rest_json::config(c));
    if (get && n == 2 && parts[0] == "jobmanager" && parts[1] == "config") {
      // Flink 2 reads only the new name of the savepoint directory's key.
      const bool v2 = c.flink_version.rfind("1.", 0) != 0;
      return ok(json::array({{{"key", "jobmanager.rpc.address"}, {"value", c.jobmanager_ip}},
                             {{"key", "rest.port"}, {"value", "8081"}},
                             {{"key", "parallelism.default"}, {"value", "2"}},
                             {{"key", "state.backend.type"}, {"value", "rocksdb"}},
                             {{"key", v2 ? "execution.checkpointing.savepoint-dir" : "state.savepoints.dir"},
                              {"value", c.savepoint_dir}}}));
    }
    if (get && n == 1 && parts[0] == "overview") return ok(rest_json::overview(world_, c));
    if (get && n == 1 && parts[0] == "jobs") return ok(rest_json::job_ids(world_, c));
    if (get && n == 2 && parts[0] == "jobs" && parts[1] == "overview") {
      return ok(rest_json::jobs_overview(world_, c, now));
    }
    if (get && n == 1 && parts[0] == "taskmanagers") return ok(rest_json::taskmanagers(c, now));
    if (n >= 1 && parts[0] == "jars") return jars_rest(c, r, parts, now);
    if (n >= 2 && parts[0] == "taskmanagers") {
      const DemoTaskManager* tm = nullptr;
      for (const auto& t : c.taskmanagers) {
        if (t.id == parts[1] && t.up) tm = &t;
      }
      if (tm == nullptr) return error(404, "TaskManager " + parts[1] + " does not exist.");
      if (get && n == 2) return ok(rest_json::taskmanager(c, *tm, now));
      if (get && n == 3 && parts[2] == "metrics") {
        return ok(rest_json::taskmanager_metrics(*tm, split_list(param(r, "get"))));
      }
    }
    if (n >= 2 && parts[0] == "jobs") {
      DemoJob* job = find_job(parts[1]);
      if (job == nullptr) {
        return error(404, "org.apache.flink.runtime.rest.NotFoundException: Job " + parts[1] + " not found");
      }
      if (n == 2 && get) return ok(rest_json::job(c, *job, now));
      if (n == 2 && r.method == "PATCH") {
        const std::string mode = param(r, "mode");
        if (!mode.empty() && mode != "cancel") return error(400, "Invalid mode " + mode);
        if (!cancel_job(*job, now, effects)) {
          reply = error(409, "Job " + job->id + " has already reached the terminal state " + job->state + ".");
        } else {
          reply = ok(json::object(), 202);
        }
      } else if (n == 3 && get && parts[2] == "checkpoints") {
        return ok(rest_json::checkpoints(*job));
      } else if (n == 3 && get && parts[2] == "exceptions") {
        int max = 0;
        try {
          max = param(r, "maxExceptions").empty() ? 0 : std::stoi(param(r, "maxExceptions"));
        } catch (const std::exception&) {
          return error(400, "maxExceptions must be a number");
        }
        return ok(rest_json::exceptions(c, *job, max));
      } else if (n == 3 && get && parts[2] == "metrics") {
        return ok(rest_json::job_metrics(*job, split_list(param(r, "get")), now));
      } else if (n >= 4 && parts[2] == "vertices") {
        const DemoVertex* vertex = nullptr;
        for (const auto& v : job->vertices) {
          if (v.id == parts[3]) vertex = &v;
        }
        if (vertex == nullptr) return error(404, "JobVertex " + parts[3] + " not found");
        if (get && n == 5 && parts[4] == "backpressure") return ok(rest_json::backpressure(c, *vertex, now));
        if (get && n == 5 && parts[4] == "taskmanagers") {
          return ok(rest_json::vertex_taskmanagers(c, *job, *vertex, now));
        }
        if (get && n == 5 && parts[4] == "metrics") {
          return ok(rest_json::vertex_metrics(*vertex, split_list(param(r, "get")), {}, false));
        }
        if (get && n == 6 && parts[4] == "subtasks" && parts[5] == "metrics") {
          return ok(rest_json::vertex_metrics(*vertex, split_list(param(r, "get")), split_list(param(r, "agg")), true));
        }
        return error(404, "Not found: " + r.path);
      } else if ((n == 3 || n == 4) && (parts[2] == "savepoints" || parts[2] == "stop" || parts[2] == "checkpoints")) {
        const std::string kind = parts[2] == "savepoints" ? "savepoint" : parts[2] == "stop" ? "stop" : "checkpoint";
        if (n == 4 && get && kind != "stop") {
          auto op = world_.operations.find(job->id + "/" + parts[3]);
          if (op == world_.operations.end()) return error(404, "Operation not found under key: " + parts[3]);
          return ok(rest_json::operation_status(op->second));
        }
        if (n != 3 || r.method != "POST") return error(405, "Request method not allowed: " + r.method);
        if (kind == "checkpoint" && c.flink_version.rfind("1.1", 0) == 0) return error(404, "Not found: " + r.path);
        const json body = r.body.empty() ? json::object() : json::parse(r.body, nullptr, false);
        if (!body.is_object()) return error(400, "Request did not match expected format.");
        std::string trigger_id = body.value("triggerId", "");
        if (trigger_id.empty()) trigger_id = random_hex(rng_);
        if (!flink::is_valid_trigger_id(trigger_id)) return error(400, "Invalid triggerId " + trigger_id);
        const std::string dir = body.value(kind == "stop" ? "targetDirectory" : "target-directory", "");
        const std::string as = kind == "savepoint" && body.value("cancel-job", false) ? "stop" : kind;
        trigger_operation(world_, *job, as, trigger_id, dir, "", rng_, now);
        reply = ok({{"request-id", trigger_id}}, 202);
      } else {
        return error(404, "Not found: " + r.path);
      }
    } else if (reply.body.empty()) {
      return error(404, "Not found: " + r.path);
    }
  }
  apply(effects);
  return reply;
}

}  // namespace flinktop::demo
