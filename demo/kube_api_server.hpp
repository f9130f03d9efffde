// A Kubernetes API server on 127.0.0.1 that serves the subset flinktop (and kubectl get/logs) uses:
// discovery with or without the Flink operator's group, paged lists, watches with resourceVersions
// and bookmarks, get/create/merge-patch/json-patch/delete (and the status subresource), pod logs
// with follow, and the service proxy to loopback backends. The demo environment serves its simulated
// clusters with it; the tests use it too, with the fault injection below for the edge cases a real
// server will not produce on demand (compaction, cut or stalled streams, 401/403).
//
// Objects are kept as JSON per resource plural; every change gets a new resourceVersion and is sent
// to the open watches. The event history is bounded (as etcd compacts): a watch from a
// resourceVersion older than the history gets a 410. Stops and joins its threads on destruction.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/loopback_server.hpp"
#include "core/kube/resource_type.hpp"

namespace flinktop::demo {

struct KubeApiServerOptions {
  int port = 0;           // 0 = an ephemeral port
  int threads = 32;       // watches and followed logs hold a thread each for their whole life
  int history = 20'000;   // watch events kept; older resourceVersions get 410 Gone
};

// Where pod logs come from, the way the kubelet sees them: one container instance's log at a time.
// Lines appear over time, so `count` grows; a followed log sends each new line as it appears and
// ends when the container stops or is replaced (a restart).
struct PodLogQuery {
  std::string ns;
  std::string pod;
  std::string container;  // "" = the pod's default container
  bool previous = false;  // the container instance before the last restart
};

struct PodLogState {
  int status = 200;       // else the API server's answer: 400 (unknown container, no previous
  std::string reason;     // container, waiting to start) or 404, with `reason` and `message`
  std::string message;
  long long count = 0;      // lines written so far
  bool running = true;      // false: the log will not grow (a followed stream ends after its last line)
  long long instance = 0;   // changes when the container restarts: a followed stream of the old one ends
};

struct PodLogSource {
  std::function<PodLogState(const PodLogQuery&)> state;
  std::function<std::string(const PodLogQuery&, long long index)> line;      // line `index` (0-based)
  std::function<long long(const PodLogQuery&, long long index)> time_ms;     // when it was written (epoch ms)
};

// A write that a client (not the owner of the server) made over HTTP: "ADDED" / "MODIFIED" /
// "DELETED" with the stored object. How the demo's simulated operator notices flinktop's actions.
using ClientWriteObserver =
    std::function<void(const kube::ResourceType& type, const std::string& verb, const nlohmann::json& object)>;

class KubeApiServer {
 public:
  explicit KubeApiServer(KubeApiServerOptions options = {});
  ~KubeApiServer();
  KubeApiServer(const KubeApiServer&) = delete;
  KubeApiServer& operator=(const KubeApiServer&) = delete;

  std::string url() const;  // http://127.0.0.1:PORT
  // Stops serving and joins every request thread (the destructor does it too). Stop the server
  // before destroying what its PodLogSource or ClientWriteObserver call into.
  void stop();
  int port() const noexcept { return http_.port(); }

  // --- objects (uid, resourceVersion and creationTimestamp are filled in when missing) --------
  nlohmann::json add(const kube::ResourceType& type, nlohmann::json object);
  nlohmann::json modify(const kube::ResourceType& type, nlohmann::json object);  // by namespace/name
  void remove(const kube::ResourceType& type, const std::string& ns, const std::string& name);
  std::vector<nlohmann::json> objects(const kube::ResourceType& type) const;
  // Applies `change` to the stored object under the server's lock (so a client's concurrent patch
  // is never lost) and stores it as a new resourceVersion. False when there is no such object or
  // `change` returned false (nothing stored).
  bool edit(const kube::ResourceType& type, const std::string& ns, const std::string& name,
            const std::function<bool(nlohmann::json& object)>& change);

  // --- behaviour ---------------------------------------------------------------------------------
  void set_operator_installed(bool installed);
  // The metrics API (metrics.k8s.io pods, as metrics-server serves it) with made-up usage for
  // every pod; served unless turned off.
  void set_pod_metrics_served(bool served);
  // Serve (or not) one resource of an otherwise served group, e.g. no flinkstatesnapshots as
  // with a Flink operator older than 1.10.
  void set_resource_served(const std::string& plural, bool served);
  // The service proxy (/api/v1/namespaces/NS/services/SVC:PORT/proxy/...) of this Service forwards
  // to `loopback_url` (http://127.0.0.1:P[/prefix]). A real API server refuses to proxy to loopback,
  // so this is where flinktop's proxy route meets a (simulated or real) Flink on this machine.
  // `port` is the Service port's name or number; register both to accept both.
  void proxy_service(const std::string& ns, const std::string& service, const std::string& port,
                     const std::string& loopback_url);
  void set_pod_logs(PodLogSource source);
  void on_client_write(ClientWriteObserver observer);
  // Requests must carry "Authorization: Bearer <token>" (empty = no check).
  void require_token(const std::string& token);
  // 403 for every verb on this resource plural (in this namespace; "" = everywhere). A subresource
  // alone is forbidden as "pods/log".
  void forbid(const std::string& plural, const std::string& ns = "");
  // Forget the event history: watches from an older resourceVersion get an ERROR 410 event.
  void compact();
  // Open watches write half an event and drop the connection.
  void cut_watches();
  // Watches send headers, then nothing at all (a stalled server).
  void stall_watches(bool stall);
  // Open pod log streams write half a line and drop the connection (a cut stream).
  void cut_log_streams();
  // Send a BOOKMARK to each open watch.
  void bookmark();

  // --- what clients did --------------------------------------------------------------------------
  int list_requests(const std::string& plural) const;
  int watch_requests(const std::string& plural) const;
  std::vector<std::string> request_log() const;  // "METHOD /path?query", in arrival order (last 1000)

 private:
  struct Event {
    long long seq;  // arrival order, including bookmarks (which carry no new resourceVersion)
    long long resource_version;
    std::string plural;
    std::string type;  // ADDED, MODIFIED, DELETED, BOOKMARK
    nlohmann::json object;
  };
  struct Proxy {
    std::string base;    // http://127.0.0.1:P
    std::string prefix;  // "" or "/clusters/ns/name"
  };

  void install_routes();
  void handle(const httplib::Request& req, httplib::Response& res);
  void handle_resource(const httplib::Request& req, httplib::Response& res, std::unique_lock<std::mutex>& lock);
  void handle_pod_metrics(const httplib::Request& req, httplib::Response& res, const std::vector<std::string>& parts);
  void handle_proxy(const httplib::Request& req, httplib::Response& res, std::unique_lock<std::mutex>& lock,
                    const std::vector<std::string>& parts);
  void stream_watch(const httplib::Request& req, httplib::Response& res, const kube::ResourceType& type,
                    const std::string& ns);
  void stream_logs(const httplib::Request& req, httplib::Response& res, const std::string& ns,
                   const std::string& pod);
  void record_event_locked(Event event);
  nlohmann::json store_locked(const kube::ResourceType& type, nlohmann::json object, bool create);
  void notify_client_write(const kube::ResourceType& type, const std::string& verb, const nlohmann::json& object);

  LoopbackServer http_;
  const int history_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, kube::ResourceType> types_;                       // plural → type
  std::map<std::string, std::map<std::string, nlohmann::json>> objects_;  // plural → ns/name → object
  std::deque<Event> events_;                                              // ordered by seq
  long long resource_version_ = 100;
  long long event_seq_ = 0;
  long long compacted_below_ = 0;
  long long uid_counter_ = 0;
  bool operator_installed_ = true;
  bool pod_metrics_served_ = true;
  std::set<std::string> unserved_;
  std::map<std::string, Proxy> proxies_;  // "ns/svc:port" → backend
  std::shared_ptr<const PodLogSource> logs_;
  std::shared_ptr<const ClientWriteObserver> observer_;
  std::string required_token_;
  std::set<std::pair<std::string, std::string>> forbidden_;
  int cut_generation_ = 0;
  int log_cut_generation_ = 0;
  bool stall_ = false;
  bool stopping_ = false;
  std::map<std::string, int> list_requests_;
  std::map<std::string, int> watch_requests_;
  std::deque<std::string> request_log_;
};

}  // namespace flinktop::demo
