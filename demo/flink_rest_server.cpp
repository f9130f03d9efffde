#include "demo/flink_rest_server.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "demo/simulation.hpp"

namespace flinktop::demo {

FlinkRestServer::FlinkRestServer(Simulation& simulation, std::vector<std::string> cluster_keys, int threads)
    : simulation_(simulation), keys_(std::move(cluster_keys)), shared_(keys_.size() != 1) {
  const auto pool = static_cast<std::size_t>(std::max(threads, 1));
  // httplib's API hands over a raw pointer that it owns.
  http_.routes().new_task_queue = [pool] { return new httplib::ThreadPool(pool); };
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    RestRequest request;
    request.method = req.method;
    request.body = req.body;
    if (!req.files.empty()) {  // cpp-httplib parses a multipart body into `files`
      request.upload_name = req.files.begin()->second.filename;
      request.upload_bytes = req.files.begin()->second.content.size();
    }
    for (const auto& [key, value] : req.params) request.params[key] = value;
    std::string cluster;
    if (shared_) {
      // /clusters/<namespace>/<name>/<path>
      constexpr std::string_view kPrefix = "/clusters/";
      const std::string& path = req.path;
      const auto ns_end = path.rfind(kPrefix, 0) == 0 ? path.find('/', kPrefix.size()) : std::string::npos;
      const auto name_end = ns_end == std::string::npos ? std::string::npos : path.find('/', ns_end + 1);
      cluster = ns_end == std::string::npos ? "" : path.substr(kPrefix.size(), name_end - kPrefix.size());
      request.path = name_end == std::string::npos ? "/" : path.substr(name_end);
    } else {
      cluster = keys_.front();
      request.path = req.path;
    }
    RestReply reply;
    try {
      reply = simulation_.flink_rest(cluster, request);
    } catch (const std::exception& e) {
      // A body of an unexpected shape (e.g. a number where Flink wants a string), as Flink says it.
      reply = {400, nlohmann::json{{"errors", {std::string("Request did not match expected format: ") + e.what()}}}.dump()};
    }
    res.status = reply.status;
    res.set_content(reply.body, reply.content_type);
  };
  http_.routes().Get(".*", handler);
  http_.routes().Post(".*", handler);
  http_.routes().Patch(".*", handler);
  http_.routes().Delete(".*", handler);
  http_.start();
}

FlinkRestServer::~FlinkRestServer() { http_.stop(); }

std::string FlinkRestServer::url_of(const std::string& cluster_key) const {
  return shared_ ? http_.url() + "/clusters/" + cluster_key : http_.url();
}

}  // namespace flinktop::demo
