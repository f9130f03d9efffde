// A local port forwarded to a port of a pod, natively: every accepted local connection gets its own
// WebSocket to the API server's pods/portforward subresource (v4.channel.k8s.io, see
// channel_frames.hpp), with the TLS settings and credentials of the rest of the Kubernetes client —
// no kubectl. The pod is chosen per connection by a resolver, so a forward to a cluster follows its
// JobManager when the pod is replaced. One WebSocket is kept open ahead of need (the spare), so a
// new connection does not wait for TCP, TLS and the upgrade; the spare is re-opened with a bounded
// backoff when it fails, which is how a forward notices and reports an API server or pod gone
// while no one uses it. The I/O (and the TLS set-up, which may run an exec plugin) runs on the
// forward's own thread (Boost.Asio); the caller only reads status().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/kube/rest_config.hpp"

namespace flinktop::kube {

// The pod a new connection goes to, or why there is none now.
struct ServingPod {
  std::string namespace_;
  std::string name;     // "" when no pod serves
  std::string why_not;  // one line, when name is ""

  bool operator==(const ServingPod&) const = default;
};

// Called on the forward's thread for every new local connection and once a second. Must not wait
// on the network: read a snapshot that a watch keeps fresh (see core/model/serving_pod.hpp).
using PodResolver = std::function<ServingPod()>;

struct ForwardOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t local_port = 0;  // 0: the remote port if free, else the next free one above it
  std::uint16_t remote_port = 0;
  bool any_local_port = false;  // the system picks the local port (a forward only flinktop uses)
  bool keep_spare = true;       // keep a WebSocket open ahead of the next connection
};

struct ForwardStatus {
  std::string pod;     // namespace/name the latest connection (or the spare) went to
  ServingPod serving;  // who a new connection goes to now, or why none (as last resolved)
  int open_connections = 0;
  std::uint64_t connections = 0;  // accepted so far
  std::uint64_t bytes_to_pod = 0;
  std::uint64_t bytes_from_pod = 0;
  std::string last_error;  // why the latest connection failed; "" once one goes through
  // The spare cannot be opened: why, and how many times in a row (0: it is open, or not needed).
  std::string reconnect_error;
  int reconnect_attempts = 0;
  std::string failed;  // the forward stopped for good (its TLS settings are unusable): why

  bool operator==(const ForwardStatus&) const = default;
};

// A line worth telling the user: a connection failed (and why), another pod serves now.
using ForwardEvent = std::function<void(const std::string& line)>;

class PortForward {
 public:
  // Binds and listens before returning, then serves until destroyed. Throws Error(Usage) when the
  // bind address is not an IP address or the asked-for local port is taken (naming a free one),
  // Error(Config) for a server URL it cannot use. TLS settings that prove unusable on the forward's
  // thread end it: status().failed says why (and `on_event` too). `on_event` is called on the
  // forward's thread.
  PortForward(kube::RestConfig api, PodResolver resolve, ForwardOptions options, ForwardEvent on_event = {});
  ~PortForward();  // stops listening, closes every connection, joins its thread
  PortForward(const PortForward&) = delete;
  PortForward& operator=(const PortForward&) = delete;

  std::uint16_t local_port() const;
  bool local_port_moved() const;  // no port was asked for and the remote port was taken locally
  const std::string& url() const;  // "http://127.0.0.1:8081" (an IPv6 address in brackets)
  ForwardStatus status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flinktop::kube
