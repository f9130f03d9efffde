// The port-forwards the user started in the terminal UI: asked for as plain values (a Demand
// field, so they live in the UI's state, not in a view) and run by PortForwards, which Supply owns.
// A forward lives until the user stops it or flinktop exits; each runs its I/O on its own thread
// (core/kube/port_forward) and picks the pod per connection from the Store, so a forward to a
// cluster follows its JobManager.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/kube/port_forward/port_forward.hpp"
#include "core/kube/rest_config.hpp"
#include "core/model/serving_pod.hpp"
#include "core/model/store.hpp"

namespace flinktop::sync {

struct ForwardRequest {
  std::string context;
  model::ForwardTarget target;
  std::uint16_t remote_port = 0;
  std::uint16_t local_port = 0;  // 0: the remote port if free, else the next free one
  std::string address = "127.0.0.1";
  int restarts = 0;  // a new value starts the same forward again (`r` in the list)

  bool operator==(const ForwardRequest&) const = default;
  // "CONTEXT/cluster NS/NAME:REMOTE": the same forward whatever its restarts (a list row's id).
  std::string id() const;
};

enum class ForwardState {
  Starting,      // listening; who serves is not known yet
  Active,        // listening; the latest connection (if any) went through
  Waiting,       // listening, but no pod serves the target now (why: reason)
  Reconnecting,  // a pod serves, but a connection to it cannot be opened now (reason: attempt N: why)
  Failing,       // a pod serves, but the latest connection failed (why: reason)
  Failed,        // could not listen, or stopped for good (why: reason); nothing runs
};

// "starting", "active", "waiting", "reconnecting", "failing", "failed".
std::string_view to_string(ForwardState state) noexcept;

struct ForwardReport {
  ForwardRequest request;
  ForwardState state = ForwardState::Active;
  std::string reason;
  std::string url;  // "http://127.0.0.1:8081"; "" when it failed to listen
  std::uint16_t local_port = 0;
  bool local_port_moved = false;  // the remote port was taken locally: another one was chosen
  std::string serving_pod;        // NAMESPACE/NAME a new connection would go to now ("" = none)
  kube::ForwardStatus status;     // connections and bytes so far
  std::chrono::system_clock::time_point started{};

  bool operator==(const ForwardReport&) const = default;
};

class PortForwards {
 public:
  // The API server and credentials of a context (nullopt: not one flinktop watches).
  using ConfigFor = std::function<std::optional<kube::RestConfig>(const std::string& context)>;

  PortForwards(model::Store& store, ConfigFor config_for);
  ~PortForwards();  // closes every forward's listener and connections
  PortForwards(const PortForwards&) = delete;
  PortForwards& operator=(const PortForwards&) = delete;

  // Starts the forwards new in `requests`, stops those no longer in it. UI thread only.
  void want(const std::vector<ForwardRequest>& requests);
  // How each one is doing, in the order asked. UI thread only.
  std::vector<ForwardReport> reports();

 private:
  struct Running;
  model::Store& store_;
  ConfigFor config_for_;
  std::vector<std::unique_ptr<Running>> running_;
};

}  // namespace flinktop::sync
