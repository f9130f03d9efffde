// Simulation::jars_rest: the jar routes of Flink's REST API — upload, list, run, delete — so that
// `flinktop submit` and the TUI work against the demo as against a session cluster. A run starts
// a job of the demo's usual shape (named after the jar), CREATED → RUNNING like any other.
#include <algorithm>

#include "demo/scenario.hpp"
#include "demo/simulation.hpp"

namespace flinktop::demo {

using nlohmann::json;

namespace {

RestReply ok(const json& body, int status = 200) { return {status, body.dump()}; }
RestReply error(int status, const std::string& message) { return {status, json{{"errors", {message}}}.dump()}; }

std::string uuid(std::mt19937_64& rng) {
  const std::string hex = random_hex(rng, 32);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

// "TopSpeedWindowing.jar" → "TopSpeedWindowing"; a job is named after what it runs.
std::string job_name_for(const DemoJar& jar, const std::string& entry_class) {
  if (!entry_class.empty()) return entry_class.substr(entry_class.find_last_of('.') + 1);
  std::string name = jar.name;
  if (name.size() > 4 && name.ends_with(".jar")) name.resize(name.size() - 4);
  return name;
}

}  // namespace

RestReply Simulation::jars_rest(DemoCluster& c, const RestRequest& r, const std::vector<std::string>& parts,
                                long long now_ms) {
  const std::size_t n = parts.size();
  if (n == 1 && r.method == "GET") {
    json files = json::array();
    for (const auto& [id, jar] : world_.jars) {
      if (jar.cluster != c.key) continue;
      files.push_back({{"id", id}, {"name", jar.name}, {"uploaded", jar.uploaded_ms}, {"entry", json::array()}});
    }
    return ok({{"address", "http://" + c.rest_service + ":8081"}, {"files", std::move(files)}});
  }
  if (n == 2 && parts[1] == "upload" && r.method == "POST") {
    if (r.upload_name.empty()) return error(400, "Exactly 1 file must be sent, received 0.");
    if (!r.upload_name.ends_with(".jar")) return error(400, "Only Jar files are allowed.");
    DemoJar jar{uuid(rng_) + "_" + r.upload_name, r.upload_name, c.key, now_ms, r.upload_bytes};
    const std::string id = jar.id;
    world_.jars[id] = std::move(jar);
    return ok({{"filename", "/tmp/flink-web-upload/" + id}, {"status", "success"}});
  }
  if (n < 2) return error(404, "Not found: " + r.path);
  auto jar = world_.jars.find(parts[1]);
  if (jar == world_.jars.end() || jar->second.cluster != c.key) {
    return error(400, "Jar file /tmp/flink-web-upload/" + parts[1] + " does not exist");
  }
  if (n == 2 && r.method == "DELETE") {
    world_.jars.erase(jar);
    return ok(json::object());
  }
  if (n == 3 && parts[2] == "run" && r.method == "POST") {
    if (c.kind == DemoClusterKind::OperatorApplication) {
      return error(400, "Jar submission is not supported on an application cluster.");
    }
    const json body = r.body.empty() ? json::object() : json::parse(r.body, nullptr, false);
    if (!body.is_object()) return error(400, "Request did not match expected format.");
    const int parallelism = body.value("parallelism", 0);
    if (parallelism < 0) return error(400, "The parallelism must be positive.");
    DemoJob job = make_job(c, job_name_for(jar->second, body.value("entryClass", "")), rng_, now_ms);
    if (parallelism > 0) {
      for (DemoVertex& v : job.vertices) v.parallelism = parallelism;
    }
    job.restored_from = body.value("savepointPath", "");
    const std::string id = job.id;
    c.jobs.push_back(id);
    world_.jobs[id] = std::move(job);
    return ok({{"jobid", id}});
  }
  return error(405, "Request method not allowed: " + r.method);
}

}  // namespace flinktop::demo
