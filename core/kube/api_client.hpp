// The Kubernetes API as flinktop uses it: discovery, list (paged), watch, get, create, patch,
// delete, server-side dry-run and pod log streams — for one context (one server, one user).
// Thread-safe; blocking calls meant for worker threads. Errors are flinktop::Error with one line
// that says what failed (verb, resource, namespace, context) in words a user can act on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http/session.hpp"
#include "core/kube/resource_type.hpp"
#include "core/kube/rest_config.hpp"

namespace flinktop::kube {

struct ListOptions {
  std::string namespace_;  // empty = all namespaces (or a cluster-scoped resource)
  std::string label_selector;
  std::string field_selector;
  int page_size = 500;  // `limit`; the rest comes through `continue`
};

struct ListResult {
  std::vector<nlohmann::json> items;
  std::string resource_version;  // of the list: where a watch continues from
};

enum class WatchEventType { Added, Modified, Deleted, Bookmark };

struct WatchEvent {
  WatchEventType type;
  nlohmann::json object;
};

struct WatchOptions {
  std::string namespace_;
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;
  bool allow_bookmarks = true;
  int timeout_seconds = 300;  // server ends the watch after this; the caller re-watches
};

struct LogOptions {
  std::string container;  // empty = the pod's only/default container
  bool follow = false;
  std::optional<std::int64_t> tail_lines;
  std::optional<std::int64_t> since_seconds;
  std::string since_time;  // RFC 3339; used instead of since_seconds when set
  bool timestamps = false;
  bool previous = false;
};

enum class PatchType { Merge, Json, StrategicMerge };

struct ApiGroup {
  std::string name;
  std::vector<std::string> versions;
  std::string preferred_version;
};

class ApiClient {
 public:
  explicit ApiClient(RestConfig config);
  ~ApiClient();

  const RestConfig& config() const noexcept { return config_; }
  const std::string& context() const noexcept { return config_.context; }

  // --- discovery -------------------------------------------------------------------------------
  // GET /version → gitVersion ("v1.31.2").
  std::string server_version(http::CancelToken* cancel = nullptr);
  // GET /apis: every served API group with its versions.
  std::vector<ApiGroup> api_groups(http::CancelToken* cancel = nullptr);
  // True when the API server serves `type` (its group/version lists the resource).
  bool serves(const ResourceType& type, http::CancelToken* cancel = nullptr);

  // --- reading ---------------------------------------------------------------------------------
  nlohmann::json get(const ResourceType& type, const std::string& ns, const std::string& name,
                     http::CancelToken* cancel = nullptr);
  // All pages; no total timeout (a big LIST may take long), only the idle timeout.
  ListResult list(const ResourceType& type, const ListOptions& options, http::CancelToken* cancel = nullptr);
  // The same list handed over item by item as each page arrives, so a caller that turns items
  // into typed objects never holds the whole list as JSON (5,000 pods: ~30 MB of JSON tree, half of
  // flinktop's peak memory). `on_restart` is called when the list starts over in one piece (the
  // continue token expired between pages): forget the items received so far. Returns the list's
  // resourceVersion.
  std::string list_each(const ResourceType& type, const ListOptions& options,
                        const std::function<void(nlohmann::json&& item)>& on_item,
                        const std::function<void()>& on_restart, http::CancelToken* cancel = nullptr);
  // What a page of a list says about the list: where it goes on, and its version.
  struct ListPage {
    std::string continue_token;
    std::string resource_version;
  };
  // The same list page by page, as the server's bytes (the caller's to keep or free): for a caller
  // that reads the items it needs without building a JSON tree (5,000 pods' metrics every 15 s).
  // `read_page` returns the page's metadata; a nlohmann::json::parse_error it throws is reported
  // as a malformed answer (Error Decode), and so is a page that is not a JSON object.
  std::string list_pages(const ResourceType& type, const ListOptions& options,
                         const std::function<ListPage(std::string&& body)>& read_page,
                         const std::function<void()>& on_restart, http::CancelToken* cancel = nullptr);
  // Streams events until the server ends the watch (returns normally), on_event returns false
  // (returns normally), or cancel (Error Cancelled). Throws Error(Gone) when the resourceVersion is
  // too old (HTTP 410 or an ERROR event with code 410): the caller must list again.
  void watch(const ResourceType& type, const WatchOptions& options,
             const std::function<bool(WatchEvent&&)>& on_event, http::CancelToken* cancel = nullptr);

  // --- writing (dry_run = server-side dry run: validated and admitted, not persisted) ----------
  nlohmann::json create(const ResourceType& type, const std::string& ns, const nlohmann::json& object,
                        bool dry_run = false, http::CancelToken* cancel = nullptr);
  // `subresource` may be "status" (used to set a custom resource's status as its operator would).
  nlohmann::json patch(const ResourceType& type, const std::string& ns, const std::string& name,
                       const nlohmann::json& patch, PatchType patch_type, bool dry_run = false,
                       const std::string& subresource = "", http::CancelToken* cancel = nullptr);
  // PUT: `object` replaces the stored one. With metadata.resourceVersion set, the server refuses
  // (Error Conflict) when the object changed since that version: an edit never overwrites blindly.
  nlohmann::json replace(const ResourceType& type, const std::string& ns, const std::string& name,
                         const nlohmann::json& object, bool dry_run = false, http::CancelToken* cancel = nullptr);
  void remove(const ResourceType& type, const std::string& ns, const std::string& name,
              bool dry_run = false, http::CancelToken* cancel = nullptr);

  // --- pod logs --------------------------------------------------------------------------------
  // Calls on_line for each log line (without '\n') as it arrives. Returns when the stream ends or
  // on_line returns false; cancel → Error(Cancelled).
  void pod_logs(const std::string& ns, const std::string& pod, const LogOptions& options,
                const std::function<bool(std::string_view line)>& on_line, http::CancelToken* cancel = nullptr);

  // --- raw -------------------------------------------------------------------------------------
  // A request to `path` (starting with '/') on the API server with this context's credentials,
  // retried once after a 401 when the credentials can be refreshed. Used for the service proxy.
  http::Response request(http::Request request, http::CancelToken* cancel = nullptr);
  http::Response stream(http::Request request, const http::BodySink& sink, http::CancelToken* cancel = nullptr);

  // URL path of a collection or object: /api/v1/namespaces/ns/pods[/name[/sub]].
  static std::string resource_path(const ResourceType& type, const std::string& ns, const std::string& name = "",
                                   const std::string& subresource = "");

 private:
  std::shared_ptr<http::Session> session();
  http::Response execute(http::Request request, const http::BodySink* sink, http::CancelToken* cancel);
  [[noreturn]] void fail(const http::Response& response, std::string_view verb, const ResourceType* type,
                         const std::string& ns, const std::string& name) const;
  nlohmann::json send_json(http::Method method, const std::string& url, const std::string& body,
                           const std::string& content_type, std::string_view verb, const ResourceType* type,
                           const std::string& ns, const std::string& name, http::CancelToken* cancel);

  RestConfig config_;
  std::mutex session_mutex_;
  std::shared_ptr<http::Session> session_;
  std::string session_client_cert_;  // the exec-plugin certificate the session was built with
};

}  // namespace flinktop::kube
