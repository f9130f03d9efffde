#include "core/kube/api_client.hpp"

#include <fmt/format.h>

#include <exception>

#include "core/error.hpp"
#include "core/http/line_splitter.hpp"
#include "core/kube/api_error.hpp"
#include "core/text/one_line.hpp"

namespace flinktop::kube {

namespace {

using nlohmann::json;

// Short calls (get, create, patch, delete, discovery) get a total limit; lists, watches and log
// streams only an idle limit, because a big LIST or a quiet stream is not a failure.
constexpr std::chrono::milliseconds kShortCallTimeout{30'000};

void add_query(std::string& url, std::string_view key, std::string_view value) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += key;
  url += '=';
  url += http::url_encode(value);
}

json parse_json(std::string_view body, const RequestTarget& target) {
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    throw Error(ErrorKind::Decode, fmt::format("context \"{}\": {} {}: malformed JSON from {} ({})", target.context,
                                               target.verb, target.resource, target.server,
                                               text::one_line(e.what(), 120)));
  }
}

std::string content_type_for(PatchType type) {
  switch (type) {
    case PatchType::Merge: return "application/merge-patch+json";
    case PatchType::Json: return "application/json-patch+json";
    case PatchType::StrategicMerge: return "application/strategic-merge-patch+json";
  }
  return "application/merge-patch+json";
}

bool is_success(long status) { return status >= 200 && status < 300; }

// Runs `body` inside a libcurl callback: exceptions must not cross C frames, so they are parked
// and rethrown once the transfer has returned.
class ParkedException {
 public:
  template <class F>
  bool guard(F&& body) {
    try {
      return body();
    } catch (...) {
      error_ = std::current_exception();
      return false;
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::exception_ptr error_;
};

}  // namespace

ApiClient::ApiClient(RestConfig config) : config_(std::move(config)) {
  while (!config_.server.empty() && config_.server.back() == '/') config_.server.pop_back();
}

ApiClient::~ApiClient() = default;

std::string ApiClient::resource_path(const ResourceType& type, const std::string& ns, const std::string& name,
                                     const std::string& subresource) {
  std::string path = type.group.empty() ? "/api/" + type.version : "/apis/" + type.group + "/" + type.version;
  if (type.namespaced && !ns.empty()) path += "/namespaces/" + http::url_encode(ns);
  path += "/" + type.plural;
  if (!name.empty()) path += "/" + http::url_encode(name);
  if (!subresource.empty()) path += "/" + subresource;
  return path;
}

std::shared_ptr<http::Session> ApiClient::session() {
  // An exec plugin may hand out a client certificate; the session's TLS must then carry it.
  std::optional<ClientCertificate> plugin_cert;
  if (config_.credentials) plugin_cert = config_.credentials->client_certificate();
  std::lock_guard lock(session_mutex_);
  const std::string wanted = plugin_cert ? plugin_cert->cert_pem : std::string();
  if (!session_ || wanted != session_client_cert_) {
    http::SessionOptions options = config_.http;
    if (plugin_cert) {
      options.tls.client_cert_pem = plugin_cert->cert_pem;
      options.tls.client_key_pem = plugin_cert->key_pem;
    }
    session_ = std::make_shared<http::Session>(std::move(options));
    session_client_cert_ = wanted;
  }
  return session_;
}

http::Response ApiClient::execute(http::Request request, const http::BodySink* sink, http::CancelToken* cancel) {
  if (request.url.empty() || request.url.front() == '/') request.url = config_.server + request.url;
  auto attempt = [&] {
    http::Request authorized = request;
    if (config_.credentials) {
      if (auto header = config_.credentials->authorization()) {
        authorized.headers.push_back({"Authorization", std::move(*header)});
      }
    }
    auto current = session();
    return sink ? current->stream(authorized, *sink, cancel) : current->send(authorized, cancel);
  };
  http::Response response = attempt();
  // A 401 may only mean the cached token expired early: refresh once (exec plugin, token file).
  if (response.status == 401 && config_.credentials && config_.credentials->invalidate()) response = attempt();
  return response;
}

http::Response ApiClient::request(http::Request request, http::CancelToken* cancel) {
  return execute(std::move(request), nullptr, cancel);
}

http::Response ApiClient::stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel) {
  return execute(std::move(request), &sink, cancel);
}

void ApiClient::fail(const http::Response& response, std::string_view verb, const ResourceType* type,
                     const std::string& ns, const std::string& name) const {
  RequestTarget target{config_.context,
                       std::string(verb),
                       type ? type->qualified_name() : std::string(),
                       name,
                       ns,
                       config_.credentials ? config_.credentials->describe() : std::string(),
                       config_.server};
  throw api_error(response, target);
}

json ApiClient::send_json(http::Method method, const std::string& url, const std::string& body,
                          const std::string& content_type, std::string_view verb, const ResourceType* type,
                          const std::string& ns, const std::string& name, http::CancelToken* cancel) {
  http::Request request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.total_timeout = kShortCallTimeout;
  request.headers.push_back({"Accept", "application/json"});
  if (!content_type.empty()) request.headers.push_back({"Content-Type", content_type});
  http::Response response = execute(std::move(request), nullptr, cancel);
  if (!is_success(response.status)) fail(response, verb, type, ns, name);
  RequestTarget target{config_.context, std::string(verb), type ? type->qualified_name() : "", name, ns, "",
                       config_.server};
  return response.body.empty() ? json::object() : parse_json(response.body, target);
}

std::string ApiClient::server_version(http::CancelToken* cancel) {
  json version = send_json(http::Method::Get, "/version", "", "", "get", nullptr, "", "version", cancel);
  return version.value("gitVersion", "");
}

std::vector<ApiGroup> ApiClient::api_groups(http::CancelToken* cancel) {
  json list = send_json(http::Method::Get, "/apis", "", "", "discover", nullptr, "", "API groups", cancel);
  std::vector<ApiGroup> groups;
  if (!list.contains("groups") || !list["groups"].is_array()) return groups;
  for (const json& g : list["groups"]) {
    if (!g.is_object()) continue;
    ApiGroup group;
    group.name = g.value("name", "");
    if (g.contains("versions") && g["versions"].is_array()) {
      for (const json& v : g["versions"]) {
        if (v.is_object()) group.versions.push_back(v.value("version", ""));
      }
    }
    if (g.contains("preferredVersion") && g["preferredVersion"].is_object()) {
      group.preferred_version = g["preferredVersion"].value("version", "");
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

bool ApiClient::serves(const ResourceType& type, http::CancelToken* cancel) {
  // The group/version's resource list, as kubectl's discovery reads it: a group can be installed
  // without every resource (an older Flink operator has no flinkstatesnapshots).
  http::Request request;
  request.url = type.group.empty() ? "/api/" + type.version : "/apis/" + type.group + "/" + type.version;
  request.total_timeout = kShortCallTimeout;
  request.headers.push_back({"Accept", "application/json"});
  http::Response response = execute(std::move(request), nullptr, cancel);
  if (response.status == 404) return false;
  if (!is_success(response.status)) fail(response, "discover", nullptr, "", type.group_version());
  RequestTarget target{config_.context, "discover", type.group_version(), "", "", "", config_.server};
  const json list = parse_json(response.body, target);
  if (!list.contains("resources") || !list["resources"].is_array()) return false;
  for (const json& resource : list["resources"]) {
    if (resource.is_object() && resource.value("name", "") == type.plural) return true;
  }
  return false;
}

json ApiClient::get(const ResourceType& type, const std::string& ns, const std::string& name,
                    http::CancelToken* cancel) {
  return send_json(http::Method::Get, resource_path(type, ns, name), "", "", "get", &type, ns, name, cancel);
}

ListResult ApiClient::list(const ResourceType& type, const ListOptions& options, http::CancelToken* cancel) {
  ListResult result;
  result.resource_version = list_each(
      type, options, [&](json&& item) { result.items.push_back(std::move(item)); }, [&] { result.items.clear(); },
      cancel);
  return result;
}

std::string ApiClient::list_each(const ResourceType& type, const ListOptions& options,
                                 const std::function<void(json&& item)>& on_item, const std::function<void()>& on_restart,
                                 http::CancelToken* cancel) {
  const auto read_page = [&](std::string&& body) {
    json page = json::parse(body);
    body.clear();
    body.shrink_to_fit();
    if (auto items = page.find("items"); items != page.end() && items->is_array()) {
      for (json& item : *items) {
        on_item(std::move(item));
        item = nullptr;  // this item's tree goes now, not with the whole page
      }
    }
    // The list's own fields are the server's to get right; only on_item's type errors are the caller's.
    const auto malformed = [&] {
      return Error(ErrorKind::Decode, fmt::format("context \"{}\": list {}: malformed list metadata from {}",
                                                  config_.context, type.qualified_name(), config_.server));
    };
    const auto metadata = page.find("metadata");
    if (metadata == page.end() || metadata->is_null()) return ListPage{};
    if (!metadata->is_object()) throw malformed();
    const auto text = [&](const char* key) {
      const auto field = metadata->find(key);
      if (field == metadata->end() || field->is_null()) return std::string();
      if (!field->is_string()) throw malformed();
      return field->get<std::string>();
    };
    return ListPage{text("continue"), text("resourceVersion")};
  };
  return list_pages(type, options, read_page, on_restart, cancel);
}

std::string ApiClient::list_pages(const ResourceType& type, const ListOptions& options,
                                  const std::function<ListPage(std::string&& body)>& read_page,
                                  const std::function<void()>& on_restart, http::CancelToken* cancel) {
  std::string continue_token;
  bool paged = options.page_size > 0;
  for (;;) {
    std::string url = resource_path(type, options.namespace_);
    if (paged) add_query(url, "limit", std::to_string(options.page_size));
    if (!continue_token.empty()) add_query(url, "continue", continue_token);
    if (!options.label_selector.empty()) add_query(url, "labelSelector", options.label_selector);
    if (!options.field_selector.empty()) add_query(url, "fieldSelector", options.field_selector);

    http::Request request;
    request.url = url;
    request.headers.push_back({"Accept", "application/json"});
    http::Response response = execute(std::move(request), nullptr, cancel);
    if (response.status == 410 && !continue_token.empty()) {
      // The continue token expired between pages: like client-go, list again in one piece.
      on_restart();
      continue_token.clear();
      paged = false;
      continue;
    }
    if (!is_success(response.status)) fail(response, "list", &type, options.namespace_, "");

    // A list is an object: a reader given `[]` or `null` would find no items and call the list
    // empty, which is worse than an error.
    const std::size_t first = response.body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && response.body[first] != '{') {
      throw Error(ErrorKind::Decode, fmt::format("context \"{}\": list {}: the server answered with a non-object",
                                                 config_.context, type.qualified_name()));
    }
    ListPage page;
    try {
      page = read_page(std::move(response.body));
    } catch (const json::parse_error& e) {  // not the reader's own type errors: they are no server's fault
      throw Error(ErrorKind::Decode, fmt::format("context \"{}\": list {}: malformed JSON from {} ({})", config_.context,
                                                 type.qualified_name(), config_.server, text::one_line(e.what(), 120)));
    }
    continue_token = std::move(page.continue_token);
    if (continue_token.empty()) return page.resource_version;
  }
}

void ApiClient::watch(const ResourceType& type, const WatchOptions& options,
                      const std::function<bool(WatchEvent&&)>& on_event, http::CancelToken* cancel) {
  std::string url = resource_path(type, options.namespace_);
  add_query(url, "watch", "1");
  if (!options.resource_version.empty()) add_query(url, "resourceVersion", options.resource_version);
  if (options.allow_bookmarks) add_query(url, "allowWatchBookmarks", "true");
  if (options.timeout_seconds > 0) add_query(url, "timeoutSeconds", std::to_string(options.timeout_seconds));
  if (!options.label_selector.empty()) add_query(url, "labelSelector", options.label_selector);
  if (!options.field_selector.empty()) add_query(url, "fieldSelector", options.field_selector);

  http::Request request;
  request.url = url;
  request.headers.push_back({"Accept", "application/json"});
  // The server may stay silent for the whole watch (no events, no bookmark due): only a silence
  // longer than the server-side timeout is a stall.
  if (options.timeout_seconds > 0) request.idle_timeout = std::chrono::seconds(options.timeout_seconds + 30);

  const RequestTarget target{config_.context, "watch", type.qualified_name(), "", options.namespace_, "",
                             config_.server};
  http::LineSplitter lines;
  ParkedException parked;
  bool stopped = false;
  auto on_line = [&](std::string_view line) {
    if (line.empty()) return true;
    json event = parse_json(line, target);
    const std::string kind = event.value("type", "");
    json object = event.contains("object") ? std::move(event["object"]) : json::object();
    if (kind == "ERROR") {
      http::Response status{object.value("code", 500L), {}, object.dump(), ""};
      throw api_error(status, target);
    }
    WatchEventType event_type;
    if (kind == "ADDED") {
      event_type = WatchEventType::Added;
    } else if (kind == "MODIFIED") {
      event_type = WatchEventType::Modified;
    } else if (kind == "DELETED") {
      event_type = WatchEventType::Deleted;
    } else if (kind == "BOOKMARK") {
      event_type = WatchEventType::Bookmark;
    } else {
      return true;  // an event type from a newer server: skip it
    }
    if (!on_event(WatchEvent{event_type, std::move(object)})) {
      stopped = true;
      return false;
    }
    return true;
  };
  http::BodySink sink = [&](std::string_view chunk) {
    return parked.guard([&] { return lines.feed(chunk, on_line); });
  };
  http::Response response = execute(std::move(request), &sink, cancel);
  parked.rethrow();
  if (!is_success(response.status)) fail(response, "watch", &type, options.namespace_, "");
  if (!stopped && !lines.remainder().empty()) {
    throw Error(ErrorKind::Connect, fmt::format("context \"{}\": watch {}: the stream ended in the middle of an event",
                                                config_.context, type.qualified_name()));
  }
}

json ApiClient::create(const ResourceType& type, const std::string& ns, const json& object, bool dry_run,
                       http::CancelToken* cancel) {
  std::string url = resource_path(type, ns);
  if (dry_run) add_query(url, "dryRun", "All");
  const std::string name = object.contains("metadata") && object["metadata"].is_object()
                               ? object["metadata"].value("name", "")
                               : std::string();
  return send_json(http::Method::Post, url, object.dump(), "application/json", "create", &type, ns, name, cancel);
}

json ApiClient::patch(const ResourceType& type, const std::string& ns, const std::string& name, const json& patch,
                      PatchType patch_type, bool dry_run, const std::string& subresource,
                      http::CancelToken* cancel) {
  std::string url = resource_path(type, ns, name, subresource);
  if (dry_run) add_query(url, "dryRun", "All");
  return send_json(http::Method::Patch, url, patch.dump(), content_type_for(patch_type), "patch", &type, ns, name,
                   cancel);
}

json ApiClient::replace(const ResourceType& type, const std::string& ns, const std::string& name, const json& object,
                        bool dry_run, http::CancelToken* cancel) {
  std::string url = resource_path(type, ns, name);
  if (dry_run) add_query(url, "dryRun", "All");
  return send_json(http::Method::Put, url, object.dump(), "application/json", "update", &type, ns, name, cancel);
}

void ApiClient::remove(const ResourceType& type, const std::string& ns, const std::string& name, bool dry_run,
                       http::CancelToken* cancel) {
  std::string url = resource_path(type, ns, name);
  if (dry_run) add_query(url, "dryRun", "All");
  send_json(http::Method::Delete, url, "", "", "delete", &type, ns, name, cancel);
}

void ApiClient::pod_logs(const std::string& ns, const std::string& pod, const LogOptions& options,
                         const std::function<bool(std::string_view line)>& on_line, http::CancelToken* cancel) {
  std::string url = resource_path(resources::kPods, ns, pod, "log");
  if (!options.container.empty()) add_query(url, "container", options.container);
  if (options.follow) add_query(url, "follow", "true");
  if (options.tail_lines) add_query(url, "tailLines", std::to_string(*options.tail_lines));
  if (!options.since_time.empty()) {
    add_query(url, "sinceTime", options.since_time);
  } else if (options.since_seconds) {
    add_query(url, "sinceSeconds", std::to_string(*options.since_seconds));
  }
  if (options.timestamps) add_query(url, "timestamps", "true");
  if (options.previous) add_query(url, "previous", "true");

  http::Request request;
  request.url = url;
  // A followed log may be quiet for hours; only the connection's own health ends it.
  if (options.follow) request.idle_timeout = std::chrono::hours(24 * 365);
  http::LineSplitter lines;
  ParkedException parked;
  bool stopped = false;
  http::BodySink sink = [&](std::string_view chunk) {
    return parked.guard([&] {
      return lines.feed(chunk, [&](std::string_view line) {
        if (on_line(line)) return true;
        stopped = true;
        return false;
      });
    });
  };
  http::Response response = execute(std::move(request), &sink, cancel);
  parked.rethrow();
  if (!is_success(response.status)) fail(response, "get logs of", &resources::kPods, ns, pod);
  if (!stopped && !lines.remainder().empty()) on_line(lines.remainder());
}

}  // namespace flinktop::kube
