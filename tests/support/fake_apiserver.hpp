// A small Kubernetes API server on 127.0.0.1 for the edge cases a real one will not produce on
// demand: discovery with or without the Flink operator's group, paged lists, watches with
// resourceVersions and bookmarks, compaction (410), streams cut mid-event, stalls, 401/403.
// Objects are kept as JSON per resource plural; every change gets a new resourceVersion and is
// sent to the open watches. Stops and joins its threads on destruction.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/resource_type.hpp"
#include "support/loopback_server.hpp"

namespace flinktop::test {

class FakeApiServer {
 public:
  FakeApiServer();
  ~FakeApiServer();
  FakeApiServer(const FakeApiServer&) = delete;
  FakeApiServer& operator=(const FakeApiServer&) = delete;

  std::string url() const;  // http://127.0.0.1:PORT

  // --- objects (uid, resourceVersion and creationTimestamp are filled in when missing) --------
  nlohmann::json add(const kube::ResourceType& type, nlohmann::json object);
  nlohmann::json modify(const kube::ResourceType& type, nlohmann::json object);  // by namespace/name
  void remove(const kube::ResourceType& type, const std::string& ns, const std::string& name);
  std::vector<nlohmann::json> objects(const kube::ResourceType& type) const;

  // --- behaviour ---------------------------------------------------------------------------------
  void set_operator_installed(bool installed);
  // Serve (or not) one resource of an otherwise served group, e.g. no flinkstatesnapshots as
  // with a Flink operator older than 1.10.
  void set_resource_served(const std::string& plural, bool served);
  // The service proxy (/api/v1/namespaces/NS/services/SVC:PORT/proxy/...) of this Service forwards
  // to `loopback_url` (http://127.0.0.1:P). A real API server refuses to proxy to loopback, so
  // this is where flinktop's proxy route meets a (fake or real) Flink in tests.
  void proxy_service(const std::string& ns, const std::string& service, const std::string& port,
                     const std::string& loopback_url);
  // Requests must carry "Authorization: Bearer <token>" (empty = no check).
  void require_token(const std::string& token);
  // 403 for list/watch of this resource plural (in this namespace; "" = everywhere).
  void forbid(const std::string& plural, const std::string& ns = "");
  // Forget the event history: watches from an older resourceVersion get an ERROR 410 event.
  void compact();
  // Open watches write half an event and drop the connection.
  void cut_watches();
  // Watches send headers, then nothing at all (a stalled server).
  void stall_watches(bool stall);
  // Send a BOOKMARK to each open watch.
  void bookmark();

  // --- what clients did --------------------------------------------------------------------------
  int list_requests(const std::string& plural) const;
  int watch_requests(const std::string& plural) const;
  std::vector<std::string> request_log() const;  // "METHOD /path?query", in arrival order

 private:
  struct Event {
    long long seq;  // arrival order, including bookmarks (which carry no new resourceVersion)
    long long resource_version;
    std::string plural;
    std::string type;  // ADDED, MODIFIED, DELETED, BOOKMARK
    nlohmann::json object;
  };

  void install_routes();
  nlohmann::json store_locked(const kube::ResourceType& type, nlohmann::json object, bool create);

  LoopbackServer http_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, kube::ResourceType> types_;                       // plural → type
  std::map<std::string, std::map<std::string, nlohmann::json>> objects_;  // plural → ns/name → object
  std::vector<Event> events_;
  long long resource_version_ = 100;
  long long event_seq_ = 0;
  long long compacted_below_ = 0;
  long long uid_counter_ = 0;
  bool operator_installed_ = true;
  std::set<std::string> unserved_;
  std::map<std::string, std::string> proxies_;  // "ns/svc:port" → loopback base URL
  std::string required_token_;
  std::set<std::pair<std::string, std::string>> forbidden_;
  int cut_generation_ = 0;
  bool stall_ = false;
  bool stopping_ = false;
  std::map<std::string, int> list_requests_;
  std::map<std::string, int> watch_requests_;
  std::vector<std::string> request_log_;
};

}  // namespace flinktop::test
