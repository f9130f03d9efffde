// KubeApiServer's request handling: authentication, discovery, and get/list/create/patch/delete of
// the stored objects, answered with the statuses and messages a real API server uses.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "demo/kube_api_paths.hpp"
#include "demo/kube_objects.hpp"
#include "demo/kube_api_server.hpp"

namespace flinktop::demo {

using nlohmann::json;
using namespace kube_api;

void KubeApiServer::install_routes() {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  http_.routes().Get(".*", handler);
  http_.routes().Post(".*", handler);
  http_.routes().Put(".*", handler);
  http_.routes().Patch(".*", handler);
  http_.routes().Delete(".*", handler);
}

void KubeApiServer::handle(const httplib::Request& req, httplib::Response& res) {
  std::unique_lock lock(mutex_);
  std::string query;
  for (const auto& [key, value] : req.params) query += (query.empty() ? "?" : "&") + key + "=" + value;
  request_log_.push_back(req.method + " " + req.path + query);
  if (request_log_.size() > 1000) request_log_.pop_front();

  if (!required_token_.empty() && req.get_header_value("Authorization") != "Bearer " + required_token_) {
    reply_status(res, 401, "Unauthorized", "Unauthorized");
    return;
  }
  const auto parts = split_path(req.path);
  if (parts.size() >= 2 && parts[0] == "apis" && parts[1] == "metrics.k8s.io") {
    handle_pod_metrics(req, res, parts);
    return;
  }
  if (parts.size() >= 7 && parts[0] == "api" && parts[2] == "namespaces" && parts[4] == "services" &&
      parts[6] == "proxy") {
    handle_proxy(req, res, lock, parts);
    return;
  }
  if (req.path == "/version") {
    res.set_content(json{{"major", "1"}, {"minor", "31"}, {"gitVersion", "v1.31.0-flinktop-demo"}}.dump(),
                    "application/json");
    return;
  }
  if (req.path == "/api") {
    res.set_content(json{{"kind", "APIVersions"}, {"versions", {"v1"}}}.dump(), "application/json");
    return;
  }
  if (req.path == "/apis") {
    json groups = json::array();
    groups.push_back({{"name", "apps"},
                      {"versions", {{{"groupVersion", "apps/v1"}, {"version", "v1"}}}},
                      {"preferredVersion", {{"groupVersion", "apps/v1"}, {"version", "v1"}}}});
    if (pod_metrics_served_) {
      groups.push_back({{"name", "metrics.k8s.io"},
                        {"versions", {{{"groupVersion", "metrics.k8s.io/v1beta1"}, {"version", "v1beta1"}}}},
                        {"preferredVersion", {{"groupVersion", "metrics.k8s.io/v1beta1"}, {"version", "v1beta1"}}}});
    }
    if (operator_installed_) {
      groups.push_back({{"name", "flink.apache.org"},
                        {"versions", {{{"groupVersion", "flink.apache.org/v1beta1"}, {"version", "v1beta1"}}}},
                        {"preferredVersion", {{"groupVersion", "flink.apache.org/v1beta1"}, {"version", "v1beta1"}}}});
    }
    res.set_content(json{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}}.dump(),
                    "application/json");
    return;
  }
  const bool group_path = parts.size() == 3 && parts[0] == "apis";
  if (group_path || (parts.size() == 2 && parts[0] == "api")) {
    const std::string group = group_path ? parts[1] : "";
    const std::string version = parts.back();
    if (group == "flink.apache.org" && !operator_installed_) {
      reply_status(res, 404, "NotFound", "the server could not find the requested resource");
      return;
    }
    json resources = json::array();
    for (const auto& [plural, type] : types_) {
      if (type.group != group || type.version != version || unserved_.count(plural)) continue;
      json verbs = {"get", "list", "watch", "create", "patch", "update", "delete"};
      resources.push_back({{"name", plural}, {"singularName", ""}, {"kind", type.kind},
                           {"namespaced", type.namespaced}, {"verbs", verbs}});
      if (plural == "pods") {
        resources.push_back({{"name", "pods/log"}, {"singularName", ""}, {"kind", "Pod"}, {"namespaced", true},
                             {"verbs", {"get"}}});
      }
      if (type.group == "flink.apache.org") {
        resources.push_back({{"name", plural + "/status"}, {"singularName", ""}, {"kind", type.kind},
                             {"namespaced", true}, {"verbs", {"get", "patch", "update"}}});
      }
    }
    res.set_content(json{{"kind", "APIResourceList"}, {"apiVersion", "v1"},
                         {"groupVersion", group.empty() ? version : group + "/" + version},
                         {"resources", resources}}
                        .dump(),
                    "application/json");
    return;
  }
  handle_resource(req, res, lock);
}

// metrics-server's answer: what each pod's first container uses, made up from the pod's name (so
// pods differ) and the time (so it drifts), under mutex_.
void KubeApiServer::handle_pod_metrics(const httplib::Request& req, httplib::Response& res,
                                       const std::vector<std::string>& parts) {
  if (!pod_metrics_served_ || req.method != "GET" || parts.size() < 3 || parts[2] != "v1beta1") {
    reply_status(res, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  if (parts.size() == 3) {
    res.set_content(json{{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", "metrics.k8s.io/v1beta1"},
                         {"resources", {{{"name", "pods"}, {"singularName", ""}, {"kind", "PodMetrics"},
                                         {"namespaced", true}, {"verbs", {"get", "list"}}}}}}
                        .dump(),
                    "application/json");
    return;
  }
  std::string ns;
  if (parts.size() == 6 && parts[3] == "namespaces" && parts[5] == "pods") {
    ns = parts[4];
  } else if (!(parts.size() == 4 && parts[3] == "pods")) {
    reply_status(res, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  const auto now = std::chrono::system_clock::now();
  const double seconds = std::chrono::duration<double>(now.time_since_epoch()).count();
  json items = json::array();
  for (const auto& [key, pod] : objects_["pods"]) {
    const json& meta = pod["metadata"];
    if (!ns.empty() && meta.value("namespace", "") != ns) continue;
    const std::size_t h = std::hash<std::string>{}(key);
    const double cpu_milli = 50 + static_cast<double>(h % 700) * (1.0 + 0.3 * std::sin(seconds / 20 + static_cast<double>(h % 17)));
    const long long memory_ki = (700 + static_cast<long long>(h % 500)) * 1024;
    const json containers = pod["spec"].value("containers", json::array());
    const std::string container = containers.empty() ? "main" : containers[0].value("name", "main");
    items.push_back({{"metadata", {{"name", meta.value("name", "")}, {"namespace", meta.value("namespace", "")}}},
                     {"timestamp", rfc3339(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count())},
                     {"window", "15s"},
                     {"containers", {{{"name", container},
                                      {"usage", {{"cpu", std::to_string(static_cast<long long>(cpu_milli)) + "m"},
                                                 {"memory", std::to_string(memory_ki) + "Ki"}}}}}}});
  }
  res.set_content(json{{"kind", "PodMetricsList"}, {"apiVersion", "metrics.k8s.io/v1beta1"},
                       {"metadata", json::object()}, {"items", items}}
                      .dump(),
                  "application/json");
}

void KubeApiServer::handle_resource(const httplib::Request& req, httplib::Response& res,
                                    std::unique_lock<std::mutex>& lock) {
  auto target = parse_target(req.path);
  auto type_it = target ? types_.find(target->plural) : types_.end();
  if (!target || type_it == types_.end() || type_it->second.group != target->group ||
      (target->group == "flink.apache.org" && !operator_installed_) || unserved_.count(target->plural) ||
      (!target->subresource.empty() && target->subresource != "status" &&
       !(target->subresource == "log" && target->plural == "pods"))) {
    reply_status(res, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  const kube::ResourceType type = type_it->second;
  const bool watch = req.get_param_value("watch") == "1" || req.get_param_value("watch") == "true";
  const std::string verb = req.method == "GET"     ? (!target->name.empty() ? "get" : watch ? "watch" : "list")
                           : req.method == "POST"  ? "create"
                           : req.method == "PATCH" ? "patch"
                           : req.method == "PUT"   ? "update"
                                                   : "delete";
  if (verb == "list") ++list_requests_[type.plural];
  if (verb == "watch") ++watch_requests_[type.plural];
  const std::string sub_resource = target->subresource.empty() ? "" : type.plural + "/" + target->subresource;
  const bool sub_forbidden = !sub_resource.empty() && (forbidden_.count({sub_resource, ""}) ||
                                                       forbidden_.count({sub_resource, target->ns}));
  if (forbidden_.count({type.plural, ""}) || forbidden_.count({type.plural, target->ns}) || sub_forbidden) {
    const std::string resource = sub_forbidden ? sub_resource : type.plural;
    reply_status(res, 403, "Forbidden",
                 (sub_forbidden ? type.plural + " \"" + target->name + "\"" : type.plural) +
                     " is forbidden: User \"test\" cannot " + verb + " resource \"" + resource +
                     "\" in API group \"" + type.group + "\"" +
                     (target->ns.empty() ? " at the cluster scope" : " in the namespace \"" + target->ns + "\""));
    return;
  }
  auto& objects = objects_[type.plural];
  const bool dry_run = req.get_param_value("dryRun") == "All";

  if (req.method == "POST" && target->name.empty()) {
    json object = json::parse(req.body, nullptr, false);
    if (!object.is_object() || !object.contains("metadata") || !object["metadata"].contains("name")) {
      reply_status(res, 422, "Invalid", type.kind + " is invalid: metadata.name: Required value: name is required");
      return;
    }
    if (type.namespaced) object["metadata"]["namespace"] = target->ns;
    if (objects.count(key_of(object))) {
      reply_status(res, 409, "AlreadyExists",
                   type.qualified_name() + " \"" + object["metadata"].value("name", "") + "\" already exists");
      return;
    }
    res.status = 201;
    if (dry_run) {
      res.set_content(object.dump(), "application/json");
      return;
    }
    json stored = store_locked(type, object, true);
    res.set_content(stored.dump(), "application/json");
    lock.unlock();
    notify_client_write(type, "ADDED", stored);
    return;
  }
  if (target->name.empty() && req.method != "GET") {
    reply_status(res, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    return;
  }

  const std::string key = (type.namespaced ? target->ns : "") + "/" + target->name;
  if (!target->name.empty()) {
    auto it = objects.find(key);
    if (it == objects.end()) {
      reply_status(res, 404, "NotFound", type.qualified_name() + " \"" + target->name + "\" not found");
      return;
    }
    if (target->subresource == "log") {
      if (req.method != "GET") {
        reply_status(res, 405, "MethodNotAllowed", "the server does not allow this method on pods/log");
        return;
      }
      lock.unlock();
      stream_logs(req, res, target->ns, target->name);
      return;
    }
    if (req.method == "GET") {
      res.set_content(it->second.dump(), "application/json");
    } else if (req.method == "PATCH" || req.method == "PUT") {
      json patched = it->second;
      json body = json::parse(req.body, nullptr, false);
      try {
        if (body.is_discarded()) throw std::invalid_argument("the body is not JSON");
        if (req.method == "PUT") {
          // As the API server does: a replace that names a resourceVersion applies to that one only.
          const std::string expected = body.is_object() && body.contains("metadata") && body["metadata"].is_object()
                                           ? body["metadata"].value("resourceVersion", "")
                                           : "";
          if (!expected.empty() && expected != it->second["metadata"].value("resourceVersion", "")) {
            reply_status(res, 409, "Conflict",
                         "Operation cannot be fulfilled on " + type.qualified_name() + " \"" + target->name +
                             "\": the object has been modified; please apply your changes to the latest version and "
                             "try again");
            return;
          }
          patched = body;
        } else if (req.get_header_value("Content-Type") == "application/json-patch+json") {
          patched = patched.patch(body);
        } else {
          patched.merge_patch(body);  // merge and strategic merge alike: flinktop sends maps only
        }
      } catch (const std::exception& e) {
        reply_status(res, 422, "Invalid",
                     std::string("the server rejected our request due to an error in our request: ") + e.what());
        return;
      }
      // The status subresource changes only the status; the main resource never changes it.
      if (target->subresource == "status") {
        json whole = it->second;
        whole["status"] = patched.value("status", json::object());
        patched = std::move(whole);
      } else if (it->second.contains("status")) {
        patched["status"] = it->second["status"];
      }
      if (patched.contains("metadata")) patched["metadata"]["name"] = target->name;
      if (dry_run) {
        res.set_content(patched.dump(), "application/json");
        return;
      }
      json stored = store_locked(type, patched, false);
      res.set_content(stored.dump(), "application/json");
      lock.unlock();
      notify_client_write(type, "MODIFIED", stored);
    } else if (req.method == "DELETE") {
      json object = it->second;
      res.set_content(object.dump(), "application/json");
      if (!dry_run) {
        lock.unlock();
        remove(type, target->ns, target->name);
        notify_client_write(type, "DELETED", object);
      }
    }
    return;
  }

  if (watch) {
    lock.unlock();
    stream_watch(req, res, type, target->ns);
    return;
  }
  const std::string selector = req.get_param_value("labelSelector");
  std::vector<const json*> items;
  for (const auto& [k, object] : objects) {
    if ((target->ns.empty() || object["metadata"].value("namespace", "") == target->ns) &&
        labels_match(object, selector)) {
      items.push_back(&object);
    }
  }
  std::size_t start = 0;
  std::string list_rv = std::to_string(resource_version_);
  const std::string token = req.get_param_value("continue");
  if (!token.empty()) {
    const auto colon = token.find(':');
    try {
      start = std::stoul(token.substr(0, colon));
    } catch (const std::exception&) {
      reply_status(res, 400, "BadRequest", "invalid continue token");
      return;
    }
    if (colon != std::string::npos) list_rv = token.substr(colon + 1);
  }
  std::size_t limit = items.size();
  if (req.has_param("limit")) {
    try {
      limit = std::stoul(req.get_param_value("limit"));
    } catch (const std::exception&) {
      limit = items.size();
    }
  }
  if (limit == 0) limit = items.size();
  json page = json::array();
  for (std::size_t i = start; i < items.size() && i < start + limit; ++i) page.push_back(*items[i]);
  json metadata{{"resourceVersion", list_rv}};
  if (start + limit < items.size()) metadata["continue"] = std::to_string(start + limit) + ":" + list_rv;
  res.set_content(json{{"kind", type.kind + "List"}, {"apiVersion", type.group_version()}, {"metadata", metadata},
                       {"items", std::move(page)}}
                      .dump(),
                  "application/json");
}

}  // namespace flinktop::demo
