#include "support/fake_apiserver.hpp"

#include <httplib.h>

#include <chrono>
#include <sstream>

namespace flinktop::test {

namespace {

using nlohmann::json;

std::string status_body(int code, const std::string& reason, const std::string& message) {
  return json{{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"status", "Failure"},
              {"message", message}, {"reason", reason}, {"code", code}}
      .dump();
}

void reply_status(httplib::Response& res, int code, const std::string& reason, const std::string& message) {
  res.status = code;
  res.set_content(status_body(code, reason, message), "application/json");
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

struct Target {
  std::string group;
  std::string version;
  std::string ns;
  std::string plural;
  std::string name;
};

std::optional<Target> parse_target(const std::string& path) {
  auto parts = split_path(path);
  Target t;
  std::size_t i = 0;
  if (parts.size() >= 2 && parts[0] == "api") {
    t.version = parts[1];
    i = 2;
  } else if (parts.size() >= 3 && parts[0] == "apis") {
    t.group = parts[1];
    t.version = parts[2];
    i = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> rest(parts.begin() + static_cast<long>(i), parts.end());
  if (rest.size() >= 3 && rest[0] == "namespaces") {
    t.ns = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.empty() || rest.size() > 2) return std::nullopt;
  t.plural = rest[0];
  if (rest.size() == 2) t.name = rest[1];
  return t;
}

std::string key_of(const json& object) {
  const json& meta = object["metadata"];
  return meta.value("namespace", "") + "/" + meta.value("name", "");
}

}  // namespace

FakeApiServer::FakeApiServer() {
  namespace r = kube::resources;
  for (const auto* type : {&r::kNamespaces, &r::kPods, &r::kServices, &r::kEvents, &r::kDeployments,
                           &r::kFlinkDeployments, &r::kFlinkSessionJobs, &r::kFlinkStateSnapshots}) {
    types_[type->plural] = *type;
  }
  // Watches hold a thread each for their whole life: leave room for many at once.
  // (httplib's API hands over a raw pointer that it owns.)
  http_.routes().new_task_queue = [] { return new httplib::ThreadPool(32); };
  install_routes();
  http_.start();
}

FakeApiServer::~FakeApiServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  http_.stop();
}

std::string FakeApiServer::url() const { return http_.url(); }

json FakeApiServer::store_locked(const kube::ResourceType& type, json object, bool create) {
  json& meta = object["metadata"];
  if (!type.namespaced) meta.erase("namespace");
  const std::string key = key_of(object);
  auto& objects = objects_[type.plural];
  auto existing = objects.find(key);
  if (create) {
    if (!meta.contains("uid")) meta["uid"] = "uid-" + std::to_string(++uid_counter_);
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = "2026-11-21T10:00:00Z";
  } else if (existing != objects.end()) {
    meta["uid"] = existing->second["metadata"]["uid"];
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = existing->second["metadata"]["creationTimestamp"];
  }
  meta["resourceVersion"] = std::to_string(++resource_version_);
  object["kind"] = type.kind;
  object["apiVersion"] = type.group_version();
  objects[key] = object;
  events_.push_back({++event_seq_, resource_version_, type.plural, create ? "ADDED" : "MODIFIED", object});
  changed_.notify_all();
  return object;
}

json FakeApiServer::add(const kube::ResourceType& type, json object) {
  std::lock_guard lock(mutex_);
  return store_locked(type, std::move(object), true);
}

json FakeApiServer::modify(const kube::ResourceType& type, json object) {
  std::lock_guard lock(mutex_);
  return store_locked(type, std::move(object), false);
}

void FakeApiServer::remove(const kube::ResourceType& type, const std::string& ns, const std::string& name) {
  std::lock_guard lock(mutex_);
  auto& objects = objects_[type.plural];
  auto it = objects.find((type.namespaced ? ns : "") + "/" + name);
  if (it == objects.end()) return;
  json object = it->second;
  objects.erase(it);
  object["metadata"]["resourceVersion"] = std::to_string(++resource_version_);
  events_.push_back({++event_seq_, resource_version_, type.plural, "DELETED", object});
  changed_.notify_all();
}

std::vector<json> FakeApiServer::objects(const kube::ResourceType& type) const {
  std::lock_guard lock(mutex_);
  std::vector<json> out;
  auto it = objects_.find(type.plural);
  if (it == objects_.end()) return out;
  for (const auto& [key, object] : it->second) out.push_back(object);
  return out;
}

void FakeApiServer::set_operator_installed(bool installed) {
  std::lock_guard lock(mutex_);
  operator_installed_ = installed;
}

void FakeApiServer::set_resource_served(const std::string& plural, bool served) {
  std::lock_guard lock(mutex_);
  if (served) {
    unserved_.erase(plural);
  } else {
    unserved_.insert(plural);
  }
}

void FakeApiServer::proxy_service(const std::string& ns, const std::string& service, const std::string& port,
                                  const std::string& loopback_url) {
  if (loopback_url.rfind("http://127.0.0.1:", 0) != 0) throw std::invalid_argument("proxy only to 127.0.0.1");
  std::lock_guard lock(mutex_);
  proxies_[ns + "/" + service + ":" + port] = loopback_url;
}

void FakeApiServer::require_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  required_token_ = token;
}

void FakeApiServer::forbid(const std::string& plural, const std::string& ns) {
  std::lock_guard lock(mutex_);
  forbidden_.insert({plural, ns});
}

void FakeApiServer::compact() {
  std::lock_guard lock(mutex_);
  compacted_below_ = resource_version_ + 1;
  events_.clear();
}

void FakeApiServer::cut_watches() {
  std::lock_guard lock(mutex_);
  ++cut_generation_;
  changed_.notify_all();
}

void FakeApiServer::stall_watches(bool stall) {
  std::lock_guard lock(mutex_);
  stall_ = stall;
  changed_.notify_all();
}

void FakeApiServer::bookmark() {
  std::lock_guard lock(mutex_);
  for (const auto& [plural, type] : types_) {
    events_.push_back({++event_seq_, resource_version_, plural, "BOOKMARK",
                       json{{"kind", type.kind},
                            {"apiVersion", type.group_version()},
                            {"metadata", {{"resourceVersion", std::to_string(resource_version_)}}}}});
  }
  changed_.notify_all();
}

int FakeApiServer::list_requests(const std::string& plural) const {
  std::lock_guard lock(mutex_);
  auto it = list_requests_.find(plural);
  return it == list_requests_.end() ? 0 : it->second;
}

int FakeApiServer::watch_requests(const std::string& plural) const {
  std::lock_guard lock(mutex_);
  auto it = watch_requests_.find(plural);
  return it == watch_requests_.end() ? 0 : it->second;
}

std::vector<std::string> FakeApiServer::request_log() const {
  std::lock_guard lock(mutex_);
  return request_log_;
}

void FakeApiServer::install_routes() {
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock lock(mutex_);
    std::string query;
    for (const auto& [key, value] : req.params) query += (query.empty() ? "?" : "&") + key + "=" + value;
    request_log_.push_back(req.method + " " + req.path + query);

    if (!required_token_.empty() && req.get_header_value("Authorization") != "Bearer " + required_token_) {
      reply_status(res, 401, "Unauthorized", "Unauthorized");
      return;
    }
    if (auto parts = split_path(req.path);
        parts.size() >= 7 && parts[0] == "api" && parts[2] == "namespaces" && parts[4] == "services" && parts[6] == "proxy") {
      auto proxy = proxies_.find(parts[3] + "/" + parts[5]);
      if (proxy == proxies_.end()) {
        reply_status(res, 503, "ServiceUnavailable", "no endpoints available for service \"" + parts[5] + "\"");
        return;
      }
      const std::string base = proxy->second;
      lock.unlock();  // the backend may be slow: never hold the fake's lock across it
      std::string rest;
      for (std::size_t i = 7; i < parts.size(); ++i) rest += "/" + parts[i];
      if (!query.empty()) rest += query;
      httplib::Client backend(base);
      backend.set_read_timeout(30, 0);
      httplib::Headers headers;
      if (req.has_header("Content-Type")) headers.emplace("Content-Type", req.get_header_value("Content-Type"));
      httplib::Result answer = req.method == "GET"    ? backend.Get(rest.empty() ? "/" : rest, headers)
                               : req.method == "POST" ? backend.Post(rest, headers, req.body, req.get_header_value("Content-Type"))
                               : req.method == "PATCH"
                                   ? backend.Patch(rest, headers, req.body, req.get_header_value("Content-Type"))
                                   : backend.Delete(rest, headers);
      if (!answer) {
        reply_status(res, 503, "ServiceUnavailable", "error trying to reach service: connection refused");
        return;
      }
      res.status = answer->status;
      res.set_content(answer->body, answer->get_header_value("Content-Type"));
      return;
    }
    if (req.path == "/version") {
      res.set_content(json{{"major", "1"}, {"minor", "31"}, {"gitVersion", "v1.31.0-fake"}}.dump(), "application/json");
      return;
    }
    if (req.path == "/apis") {
      json groups = json::array();
      groups.push_back({{"name", "apps"},
                        {"versions", {{{"groupVersion", "apps/v1"}, {"version", "v1"}}}},
                        {"preferredVersion", {{"groupVersion", "apps/v1"}, {"version", "v1"}}}});
      if (operator_installed_) {
        groups.push_back({{"name", "flink.apache.org"},
                          {"versions", {{{"groupVersion", "flink.apache.org/v1beta1"}, {"version", "v1beta1"}}}},
                          {"preferredVersion", {{"groupVersion", "flink.apache.org/v1beta1"}, {"version", "v1beta1"}}}});
      }
      res.set_content(json{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}}.dump(),
                      "application/json");
      return;
    }
    auto group_served = [&](const std::string& group) { return group != "flink.apache.org" || operator_installed_; };
    if (auto parts = split_path(req.path); (parts.size() == 3 && parts[0] == "apis") ||
                                           (parts.size() == 2 && parts[0] == "api")) {
      const std::string group = parts[0] == "api" ? "" : parts[1];
      const std::string version = parts.back();
      if (!group_served(group)) {
        reply_status(res, 404, "NotFound", "the server could not find the requested resource");
        return;
      }
      json resources = json::array();
      for (const auto& [plural, type] : types_) {
        if (type.group == group && type.version == version && !unserved_.count(plural)) {
          resources.push_back({{"name", plural}, {"kind", type.kind}, {"namespaced", type.namespaced}});
        }
      }
      res.set_content(json{{"kind", "APIResourceList"}, {"groupVersion", group.empty() ? version : group + "/" + version},
                           {"resources", resources}}
                          .dump(),
                      "application/json");
      return;
    }
    auto target = parse_target(req.path);
    auto type_it = target ? types_.find(target->plural) : types_.end();
    if (!target || type_it == types_.end() || type_it->second.group != target->group ||
        !group_served(target->group) || unserved_.count(target->plural)) {
      reply_status(res, 404, "NotFound", "the server could not find the requested resource");
      return;
    }
    const kube::ResourceType& type = type_it->second;
    const bool watch = req.get_param_value("watch") == "1" || req.get_param_value("watch") == "true";
    const std::string verb = req.method == "GET" ? (!target->name.empty() ? "get" : watch ? "watch" : "list")
                                                 : req.method == "POST" ? "create"
                                                 : req.method == "PATCH" ? "patch"
                                                                         : "delete";
    if (verb == "list") ++list_requests_[type.plural];
    if (verb == "watch") ++watch_requests_[type.plural];
    if (forbidden_.count({type.plural, ""}) || forbidden_.count({type.plural, target->ns})) {
      reply_status(res, 403, "Forbidden",
                   type.plural + " is forbidden: User \"test\" cannot " + verb + " resource \"" + type.plural +
                       "\" in API group \"" + type.group + "\"" +
                       (target->ns.empty() ? " at the cluster scope" : " in the namespace \"" + target->ns + "\""));
      return;
    }
    auto& objects = objects_[type.plural];
    const bool dry_run = req.get_param_value("dryRun") == "All";

    if (req.method == "POST") {
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
      res.set_content((dry_run ? object : store_locked(type, object, true)).dump(), "application/json");
      return;
    }

    const std::string key = (type.namespaced ? target->ns : "") + "/" + target->name;
    if (!target->name.empty()) {
      auto it = objects.find(key);
      if (it == objects.end()) {
        reply_status(res, 404, "NotFound", type.qualified_name() + " \"" + target->name + "\" not found");
        return;
      }
      if (req.method == "GET") {
        res.set_content(it->second.dump(), "application/json");
      } else if (req.method == "PATCH") {
        json patched = it->second;
        json patch = json::parse(req.body, nullptr, false);
        try {
          if (req.get_header_value("Content-Type") == "application/json-patch+json") {
            patched = patched.patch(patch);
          } else {
            patched.merge_patch(patch);
          }
        } catch (const json::exception& e) {
          reply_status(res, 422, "Invalid", std::string("the server rejected our request due to an error in our request: ") + e.what());
          return;
        }
        res.set_content((dry_run ? patched : store_locked(type, patched, false)).dump(), "application/json");
      } else if (req.method == "DELETE") {
        json object = it->second;
        if (!dry_run) {
          lock.unlock();
          remove(type, target->ns, target->name);
        }
        res.set_content(object.dump(), "application/json");
      }
      return;
    }

    auto in_scope = [ns = target->ns](const json& object) {
      return ns.empty() || object["metadata"].value("namespace", "") == ns;
    };
    if (!watch) {
      std::vector<json> items;
      for (const auto& [k, object] : objects) {
        if (in_scope(object)) items.push_back(object);
      }
      std::size_t start = 0;
      std::string list_rv = std::to_string(resource_version_);
      const std::string token = req.get_param_value("continue");
      if (!token.empty()) {
        const auto colon = token.find(':');
        start = std::stoul(token.substr(0, colon));
        list_rv = token.substr(colon + 1);
      }
      std::size_t limit = req.has_param("limit") ? std::stoul(req.get_param_value("limit")) : items.size();
      if (limit == 0) limit = items.size();
      json page = json::array();
      for (std::size_t i = start; i < items.size() && i < start + limit; ++i) page.push_back(items[i]);
      json metadata{{"resourceVersion", list_rv}};
      if (start + limit < items.size()) metadata["continue"] = std::to_string(start + limit) + ":" + list_rv;
      res.set_content(json{{"kind", type.kind + "List"}, {"apiVersion", type.group_version()},
                           {"metadata", metadata}, {"items", page}}
                          .dump(),
                      "application/json");
      return;
    }

    const std::string rv_param = req.get_param_value("resourceVersion");
    const long long from = rv_param.empty() ? resource_version_ : std::stoll(rv_param);
    const int timeout_seconds = req.has_param("timeoutSeconds") ? std::stoi(req.get_param_value("timeoutSeconds")) : 0;
    const int cut_generation = cut_generation_;
    const std::string plural = type.plural;
    res.set_chunked_content_provider(
        "application/json",
        [this, from, timeout_seconds, cut_generation, plural, in_scope](std::size_t, httplib::DataSink& sink) {
          const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
          std::unique_lock lock(mutex_);
          long long sent = from;
          long long seen = 0;  // events_ are ordered by seq; compaction only drops old ones
          while (!stopping_ && sink.is_writable()) {
            if (cut_generation_ != cut_generation) {
              const std::string half = R"({"type":"MODIFIED","object":{"metadata":{"na)";
              sink.write(half.data(), half.size());
              return false;  // drop the connection mid-event
            }
            if (!stall_ && sent < compacted_below_ - 1) {
              // The history this watch would continue from is gone, as after an etcd compaction.
              const std::string line =
                  json{{"type", "ERROR"},
                       {"object", json::parse(status_body(410, "Expired",
                                                          "too old resource version: " + std::to_string(sent)))}}
                      .dump() +
                  "\n";
              sink.write(line.data(), line.size());
              break;
            }
            if (!stall_) {
              for (const Event& event : events_) {
                if (event.seq <= seen) continue;
                seen = event.seq;
                if (event.plural != plural || !in_scope(event.object)) continue;
                const bool bookmark = event.type == "BOOKMARK";
                if (bookmark ? event.resource_version < sent : event.resource_version <= sent) continue;
                const std::string line = json{{"type", event.type}, {"object", event.object}}.dump() + "\n";
                sink.write(line.data(), line.size());
                sent = std::max(sent, event.resource_version);
              }
            }
            if (timeout_seconds > 0 && std::chrono::steady_clock::now() >= deadline) break;
            changed_.wait_for(lock, std::chrono::milliseconds(50));
          }
          sink.done();
          return true;
        });
  };
  http_.routes().Get(".*", handle);
  http_.routes().Post(".*", handle);
  http_.routes().Patch(".*", handle);
  http_.routes().Delete(".*", handle);
}

}  // namespace flinktop::test
