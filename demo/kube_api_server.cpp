// KubeApiServer: the object store, its history of watch events and the behaviour switches. Request
// handling is in kube_api_routes.cpp, watches and logs in kube_api_streams.cpp.
#include "demo/kube_api_server.hpp"

#include <httplib.h>

#include <chrono>
#include <ctime>

#include "demo/kube_api_paths.hpp"

namespace flinktop::demo {

using nlohmann::json;
using kube_api::key_of;

namespace {

std::string now_rfc3339() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

KubeApiServer::KubeApiServer(KubeApiServerOptions options)
    : http_(options.port), history_(std::max(options.history, 1)) {
  namespace r = kube::resources;
  for (const auto* type : {&r::kNamespaces, &r::kPods, &r::kServices, &r::kEvents, &r::kDeployments,
                           &r::kFlinkDeployments, &r::kFlinkSessionJobs, &r::kFlinkStateSnapshots}) {
    types_[type->plural] = *type;
  }
  // Watches hold a thread each for their whole life: leave room for many at once.
  // (httplib's API hands over a raw pointer that it owns.)
  const auto threads = static_cast<std::size_t>(std::max(options.threads, 4));
  http_.routes().new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  install_routes();
  http_.start();
}

KubeApiServer::~KubeApiServer() { stop(); }

void KubeApiServer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  http_.stop();
}

std::string KubeApiServer::url() const { return http_.url(); }

json KubeApiServer::store_locked(const kube::ResourceType& type, json object, bool create) {
  json& meta = object["metadata"];
  if (!type.namespaced) meta.erase("namespace");
  const std::string key = key_of(object);
  auto& objects = objects_[type.plural];
  auto existing = objects.find(key);
  if (create) {
    if (!meta.contains("uid")) meta["uid"] = "uid-" + std::to_string(++uid_counter_);
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = now_rfc3339();
  } else if (existing != objects.end()) {
    meta["uid"] = existing->second["metadata"]["uid"];
    if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = existing->second["metadata"]["creationTimestamp"];
  }
  meta["resourceVersion"] = std::to_string(++resource_version_);
  object["kind"] = type.kind;
  object["apiVersion"] = type.group_version();
  objects[key] = object;
  record_event_locked({0, resource_version_, type.plural, create ? "ADDED" : "MODIFIED", object});
  return object;
}

json KubeApiServer::add(const kube::ResourceType& type, json object) {
  std::lock_guard lock(mutex_);
  return store_locked(type, std::move(object), true);
}

json KubeApiServer::modify(const kube::ResourceType& type, json object) {
  std::lock_guard lock(mutex_);
  return store_locked(type, std::move(object), false);
}

void KubeApiServer::remove(const kube::ResourceType& type, const std::string& ns, const std::string& name) {
  std::lock_guard lock(mutex_);
  auto& objects = objects_[type.plural];
  auto it = objects.find((type.namespaced ? ns : "") + "/" + name);
  if (it == objects.end()) return;
  json object = it->second;
  objects.erase(it);
  object["metadata"]["resourceVersion"] = std::to_string(++resource_version_);
  record_event_locked({0, resource_version_, type.plural, "DELETED", std::move(object)});
}

std::vector<json> KubeApiServer::objects(const kube::ResourceType& type) const {
  std::lock_guard lock(mutex_);
  std::vector<json> out;
  auto it = objects_.find(type.plural);
  if (it == objects_.end()) return out;
  for (const auto& [key, object] : it->second) out.push_back(object);
  return out;
}

void KubeApiServer::set_operator_installed(bool installed) {
  std::lock_guard lock(mutex_);
  operator_installed_ = installed;
}

void KubeApiServer::set_pod_metrics_served(bool served) {
  std::lock_guard lock(mutex_);
  pod_metrics_served_ = served;
}

void KubeApiServer::set_resource_served(const std::string& plural, bool served) {
  std::lock_guard lock(mutex_);
  if (served) {
    unserved_.erase(plural);
  } else {
    unserved_.insert(plural);
  }
}

void KubeApiServer::proxy_service(const std::string& ns, const std::string& service, const std::string& port,
                                  const std::string& loopback_url) {
  constexpr std::string_view kLoopback = "http://127.0.0.1:";
  if (loopback_url.rfind(kLoopback, 0) != 0) throw std::invalid_argument("proxy only to 127.0.0.1");
  const auto slash = loopback_url.find('/', kLoopback.size());
  Proxy proxy{loopback_url.substr(0, slash), slash == std::string::npos ? "" : loopback_url.substr(slash)};
  while (!proxy.prefix.empty() && proxy.prefix.back() == '/') proxy.prefix.pop_back();
  std::lock_guard lock(mutex_);
  proxies_[ns + "/" + service + ":" + port] = std::move(proxy);
}

void KubeApiServer::set_pod_logs(PodLogSource source) {
  std::lock_guard lock(mutex_);
  logs_ = std::make_shared<const PodLogSource>(std::move(source));
  changed_.notify_all();
}

void KubeApiServer::on_client_write(ClientWriteObserver observer) {
  std::lock_guard lock(mutex_);
  observer_ = std::make_shared<const ClientWriteObserver>(std::move(observer));
}

void KubeApiServer::notify_client_write(const kube::ResourceType& type, const std::string& verb, const json& object) {
  std::shared_ptr<const ClientWriteObserver> observer;
  {
    std::lock_guard lock(mutex_);
    observer = observer_;
  }
  if (observer && *observer) (*observer)(type, verb, object);
}

bool KubeApiServer::edit(const kube::ResourceType& type, const std::string& ns, const std::string& name,
                         const std::function<bool(json& object)>& change) {
  std::lock_guard lock(mutex_);
  auto& objects = objects_[type.plural];
  auto it = objects.find((type.namespaced ? ns : "") + "/" + name);
  if (it == objects.end()) return false;
  json object = it->second;
  if (!change(object)) return false;
  store_locked(type, std::move(object), false);
  return true;
}

void KubeApiServer::record_event_locked(Event event) {
  event.seq = ++event_seq_;
  events_.push_back(std::move(event));
  // As etcd compacts: a watch that would need what is dropped gets 410 and lists again.
  while (events_.size() > static_cast<std::size_t>(history_)) {
    compacted_below_ = std::max(compacted_below_, events_.front().resource_version + 1);
    events_.pop_front();
  }
  changed_.notify_all();
}

void KubeApiServer::require_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  required_token_ = token;
}

void KubeApiServer::forbid(const std::string& plural, const std::string& ns) {
  std::lock_guard lock(mutex_);
  forbidden_.insert({plural, ns});
}

void KubeApiServer::compact() {
  std::lock_guard lock(mutex_);
  compacted_below_ = resource_version_ + 1;
  events_.clear();
}

void KubeApiServer::cut_watches() {
  std::lock_guard lock(mutex_);
  ++cut_generation_;
  changed_.notify_all();
}

void KubeApiServer::cut_log_streams() {
  {
    std::lock_guard lock(mutex_);
    ++log_cut_generation_;
  }
  changed_.notify_all();
}

void KubeApiServer::stall_watches(bool stall) {
  std::lock_guard lock(mutex_);
  stall_ = stall;
  changed_.notify_all();
}

void KubeApiServer::bookmark() {
  std::lock_guard lock(mutex_);
  for (const auto& [plural, type] : types_) {
    record_event_locked({0, resource_version_, plural, "BOOKMARK",
                         json{{"kind", type.kind},
                              {"apiVersion", type.group_version()},
                              {"metadata", {{"resourceVersion", std::to_string(resource_version_)}}}}});
  }
}

int KubeApiServer::list_requests(const std::string& plural) const {
  std::lock_guard lock(mutex_);
  auto it = list_requests_.find(plural);
  return it == list_requests_.end() ? 0 : it->second;
}

int KubeApiServer::watch_requests(const std::string& plural) const {
  std::lock_guard lock(mutex_);
  auto it = watch_requests_.find(plural);
  return it == watch_requests_.end() ? 0 : it->second;
}

std::vector<std::string> KubeApiServer::request_log() const {
  std::lock_guard lock(mutex_);
  return {request_log_.begin(), request_log_.end()};
}

}  // namespace flinktop::demo
