// One port-forward connection — a WebSocket to the API server's pods/portforward, tunnelled
// through a proxy when there is one — and what every connection of a forward shares. Private to
// core/kube/port_forward: port_forward.cpp listens, picks the pod and keeps the spare; this is the
// byte path.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <utility>  // before Boost.Asio, whose awaitable.hpp uses std::exchange without it
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/kube/port_forward/port_forward.hpp"
#include "core/kube/port_forward/proxy_route.hpp"
#include "core/kube/rest_config.hpp"

namespace flinktop::kube::tunnel {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct ServerUrl {
  bool tls = true;
  std::string host;  // as dialled: "127.0.0.1", "::1", "api.example.com"
  std::string port;
  std::string path_prefix;  // a server URL may carry a path (Rancher's /k8s/clusters/ID)
};

// A connection opened ahead of need: the forward hands it the next local connection.
class Spare {
 public:
  virtual ~Spare() = default;
  virtual const ServingPod& pod() const = 0;
  // How long its WebSocket has been open (zero while the upgrade is under way).
  virtual std::chrono::steady_clock::duration open_for() const = 0;
  virtual void attach(tcp::socket local) = 0;
  virtual void abandon() = 0;  // close it unused (its pod serves no more; the forward stops)
};

// Everything the connections of one forward share; it outlives each of them.
struct Shared {
  kube::RestConfig api;
  ServerUrl server;
  ProxyRoute proxy;  // host "" when the API server is dialled straight
  asio::ssl::context ssl{asio::ssl::context::tls_client};
  PodResolver resolve;
  ForwardEvent on_event;
  std::uint16_t remote_port = 0;
  // Called (on the forward's thread) when a spare ends before it was used: why ("" when the pod's
  // side closed it without an error), and how long it lived.
  std::function<void(const Spare*, const std::string& why, std::chrono::steady_clock::duration lived)> spare_lost;

  std::atomic<int> open_connections{0};
  std::atomic<std::uint64_t> connections{0};
  std::atomic<std::uint64_t> bytes_to_pod{0};
  std::atomic<std::uint64_t> bytes_from_pod{0};
  mutable std::mutex mutex;
  std::string pod;              // guarded by mutex
  ServingPod serving;           // guarded by mutex
  std::string last_error;       // guarded by mutex
  std::string reconnect_error;  // guarded by mutex
  int reconnect_attempts = 0;   // guarded by mutex
  std::string failed;           // guarded by mutex

  void event(const std::string& line) const {
    if (on_event) on_event(line);
  }
  void connection_failed(const std::string& why) {
    {
      std::lock_guard lock(mutex);
      last_error = why;
    }
    event(why);
  }
  void went_through() {
    std::lock_guard lock(mutex);
    last_error.clear();
  }
  // Asks the resolver who serves now (a resolver that throws is a reason, not a crash).
  ServingPod resolve_now() {
    ServingPod now;
    try {
      now = resolve();
    } catch (const std::exception& e) {
      now.why_not = e.what();
    }
    std::lock_guard lock(mutex);
    serving = now;
    return now;
  }
  // Records the pod of a new connection; says so when it is another than the last one's.
  void serving_pod(const std::string& now) {
    std::string before;
    {
      std::lock_guard lock(mutex);
      before = std::exchange(pod, now);
    }
    if (!before.empty() && before != now) event(fmt::format("now forwarding to pod {} (was {})", now, before));
  }
};

// Opens a WebSocket to `pod` (resolve, connect, CONNECT through the proxy, TLS, upgrade) on `io`'s
// thread. With `local`, it serves that connection; without, it is a spare waiting for attach().
std::shared_ptr<Spare> open_tunnel(std::shared_ptr<Shared> shared, asio::io_context& io, ServingPod pod,
                                   std::optional<tcp::socket> local);

}  // namespace flinktop::kube::tunnel
