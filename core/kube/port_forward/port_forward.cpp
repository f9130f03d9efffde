#include "core/kube/port_forward/port_forward.hpp"

#include <fmt/format.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <chrono>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "core/http/url_parts.hpp"
#include "core/kube/port_forward/proxy_route.hpp"
#include "core/kube/port_forward/tunnel.hpp"

namespace flinktop::kube {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using tunnel::open_tunnel;
using tunnel::ServerUrl;
using tunnel::Shared;
using tunnel::Spare;

namespace {

// How far a local port may move when the remote port is taken locally.
constexpr int kLocalPortsTried = 100;

ServerUrl parse_server(const std::string& server) {
  const auto url = http::parse_url(server);
  if (!url) throw Error(ErrorKind::Config, fmt::format("port-forward: the API server URL \"{}\" cannot be parsed", server));
  if (url->scheme != "https" && url->scheme != "http") {
    throw Error(ErrorKind::Config, fmt::format("port-forward: the API server URL \"{}\" is not http(s)", server));
  }
  return {url->scheme == "https", url->host, url->default_port, url->path};
}

void configure_tls(asio::ssl::context& ssl, const kube::RestConfig& api) {
  const http::TlsConfig& tls = api.http.tls;
  if (tls.insecure_skip_verify) {
    ssl.set_verify_mode(asio::ssl::verify_none);
  } else {
    ssl.set_verify_mode(asio::ssl::verify_peer);
    if (tls.ca_pem.empty()) {
      ssl.set_default_verify_paths();
    } else {
      ssl.add_certificate_authority(asio::buffer(tls.ca_pem));
    }
  }
  std::string cert = tls.client_cert_pem;
  std::string key = tls.client_key_pem;
  if (cert.empty() && api.credentials) {
    if (auto plugin = api.credentials->client_certificate()) {
      cert = plugin->cert_pem;
      key = plugin->key_pem;
    }
  }
  if (!cert.empty()) {
    ssl.use_certificate_chain(asio::buffer(cert));
    ssl.use_private_key(asio::buffer(key), asio::ssl::context::pem);
  }
}

std::string url_of(const asio::ip::address& address, std::uint16_t port) {
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return fmt::format("http://{}:{}", host, port);
}

}  // namespace

// How long a spare must have been open to count as healthy again, and the longest wait between
// two attempts to open one.
constexpr auto kSpareHealthy = std::chrono::seconds(2);
constexpr auto kBackoffMax = std::chrono::seconds(30);
// How often the forward asks who serves (a replaced JobManager, a pod gone while no one connects).
constexpr auto kTick = std::chrono::seconds(1);

struct PortForward::Impl {
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  asio::steady_timer tick{io};
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::uint16_t local_port = 0;
  bool local_port_moved = false;
  bool keep_spare = true;
  std::string url;
  // Forward thread only:
  std::shared_ptr<Spare> spare;
  std::chrono::steady_clock::time_point next_spare_at{};
  int spare_failures = 0;
  std::string spare_error;
  std::jthread thread;

  // Binds `port`; false when it is taken.
  bool try_bind(const asio::ip::address& address, std::uint16_t port) {
    beast::error_code ec;
    if (acceptor.is_open()) acceptor.close(ec);
    const tcp::endpoint endpoint(address, port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint, ec);
    if (ec == asio::error::address_in_use || ec == asio::error::access_denied) return false;
    if (ec) throw Error(ErrorKind::Usage, fmt::format("port-forward: cannot listen on {}: {}", url_of(address, port), ec.message()));
    return true;
  }

  void bind(const ForwardOptions& options) {
    beast::error_code ec;
    const std::string text = options.bind_address == "localhost" ? "127.0.0.1" : options.bind_address;
    const auto address = asio::ip::make_address(text, ec);
    if (ec) throw Error(ErrorKind::Usage, fmt::format("port-forward: the address \"{}\" to listen on is not an IP address", options.bind_address));
    if (options.any_local_port) {
      if (!try_bind(address, 0)) throw Error(ErrorKind::Usage, "port-forward: no local port is free on " + address.to_string());
      local_port = acceptor.local_endpoint().port();
    } else if (options.local_port != 0) {
      if (!try_bind(address, options.local_port)) {
        std::string free;
        for (int p = options.local_port + 1; p < options.local_port + kLocalPortsTried && p <= 65535; ++p) {
          if (try_bind(address, static_cast<std::uint16_t>(p))) {
            free = fmt::format("; {} is free", p);
            break;
          }
        }
        throw Error(ErrorKind::Usage, fmt::format("port-forward: local port {} on {} is in use{}", options.local_port,
                                                  address.to_string(), free));
      }
      local_port = options.local_port;
    } else {
      int p = options.remote_port;
      while (p <= 65535 && p < options.remote_port + kLocalPortsTried && !try_bind(address, static_cast<std::uint16_t>(p))) ++p;
      if (p > 65535 || p >= options.remote_port + kLocalPortsTried) {
        throw Error(ErrorKind::Usage, fmt::format("port-forward: ports {} to {} on {} are all in use", options.remote_port,
                                                  p - 1, address.to_string()));
      }
      local_port = static_cast<std::uint16_t>(p);
      local_port_moved = local_port != options.remote_port;
    }
    acceptor.listen(asio::socket_base::max_listen_connections);
    url = url_of(address, local_port);
  }

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        serve(std::move(socket));
      }
      accept();
    });
  }

  // A new local connection goes to the pod serving now: through the spare when it was opened to
  // that pod, else through a WebSocket of its own.
  void serve(tcp::socket local) {
    ServingPod pod = shared->resolve_now();
    if (pod.name.empty()) {
      ++shared->connections;
      shared->connection_failed(fmt::format("port-forward: no pod to forward to: {}", pod.why_not));
      beast::error_code ignored;
      local.shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    if (spare && spare->pod() != pod) {
      std::exchange(spare, nullptr)->abandon();
      next_spare_at = {};
    }
    if (spare) {
      std::exchange(spare, nullptr)->attach(std::move(local));
    } else {
      open_tunnel(shared, io, pod, std::move(local));
    }
    // The next one: at once, unless opening spares fails now (then the backoff decides).
    if (!spare && std::chrono::steady_clock::now() >= next_spare_at) open_spare(std::move(pod));
  }

  void open_spare(ServingPod pod) {
    if (!keep_spare || pod.name.empty()) return;
    spare = open_tunnel(shared, io, std::move(pod), std::nullopt);
  }

  // A spare ended unused. Long open and closed without an error (an idle timeout on the pod's
  // side): open the next at once. Otherwise wait 1, 2, 4 … 30 s, and say why once per new reason.
  void on_spare_lost(const Spare* lost, const std::string& why, std::chrono::steady_clock::duration lived) {
    if (spare.get() != lost) return;
    spare.reset();
    const auto now = std::chrono::steady_clock::now();
    if (why.empty() && lived >= kSpareHealthy) {
      next_spare_at = now;
      return open_spare(shared->resolve_now());
    }
    ++spare_failures;
    const std::string reason = why.empty() ? fmt::format("port-forward to pod {}/{} port {}: the pod closed the connection at once",
                                                          lost->pod().namespace_, lost->pod().name, shared->remote_port)
                                           : why;
    const auto wait = std::min<std::chrono::steady_clock::duration>(
        std::chrono::seconds(1) * (1 << std::min(spare_failures - 1, 5)), kBackoffMax);
    next_spare_at = now + wait;
    {
      std::lock_guard lock(shared->mutex);
      shared->reconnect_error = reason;
      shared->reconnect_attempts = spare_failures;
    }
    if (reason != std::exchange(spare_error, reason)) {
      shared->event(fmt::format("{} (retrying, up to {} s apart)", reason, kBackoffMax.count()));
    }
  }

  // Once a second: who serves now. Another pod than the spare's: give the spare up and open one to
  // the new pod (saying so); a spare open long enough after failures: say it reconnected.
  void on_tick() {
    const ServingPod pod = shared->resolve_now();
    if (spare && spare->pod() != pod) {
      std::exchange(spare, nullptr)->abandon();
      next_spare_at = {};
    }
    if (spare && spare_failures > 0 && spare->open_for() >= kSpareHealthy) {
      shared->event(fmt::format("port-forward to pod {}/{} port {}: connected again after {} failed attempt{}",
                                spare->pod().namespace_, spare->pod().name, shared->remote_port, spare_failures,
                                spare_failures == 1 ? "" : "s"));
      spare_failures = 0;
      spare_error.clear();
      std::lock_guard lock(shared->mutex);
      shared->reconnect_error.clear();
      shared->reconnect_attempts = 0;
    }
    if (!spare && std::chrono::steady_clock::now() >= next_spare_at) open_spare(pod);
    arm_tick();
  }

  void arm_tick() {
    tick.expires_after(kTick);
    tick.async_wait([this](beast::error_code ec) {
      if (!ec) on_tick();
    });
  }

  void run() {
    std::string unusable;
    try {
      if (shared->server.tls) configure_tls(shared->ssl, shared->api);
    } catch (const boost::system::system_error& e) {
      unusable = e.code().message();
    } catch (const std::exception& e) {
      unusable = e.what();
    }
    if (!unusable.empty()) {
      const std::string why = fmt::format("port-forward: the TLS settings of context \"{}\" are unusable: {}",
                                          shared->api.context, unusable);
      {
        std::lock_guard lock(shared->mutex);
        shared->failed = why;
      }
      beast::error_code ignored;
      acceptor.close(ignored);
      shared->event(why);
      return;
    }
    accept();
    open_spare(shared->resolve_now());
    arm_tick();
    // A handler that throws must not end the forward (nor the process): say it, serve on.
    for (;;) {
      try {
        io.run();
        return;
      } catch (const std::exception& e) {
        shared->event(fmt::format("port-forward: {}", e.what()));
      }
    }
  }

  ~Impl() {
    io.stop();
    if (thread.joinable()) thread.join();
    // The connections' handlers (and with them the connections) go with the io_context; the
    // spare's callback must not reach this Impl on the way.
    shared->spare_lost = nullptr;
  }
};

PortForward::PortForward(kube::RestConfig api, PodResolver resolve, ForwardOptions options, ForwardEvent on_event)
    : impl_(std::make_unique<Impl>()) {
  if (options.remote_port == 0) throw Error(ErrorKind::Usage, "port-forward: the remote port must be 1-65535");
  auto& shared = *impl_->shared;
  shared.server = parse_server(api.server);
  shared.proxy = proxy_route(shared.server.host, shared.server.tls, api.http.proxy_url, process_environment());
  shared.api = std::move(api);
  shared.resolve = std::move(resolve);
  shared.on_event = std::move(on_event);
  shared.remote_port = options.remote_port;
  shared.spare_lost = [impl = impl_.get()](const Spare* lost, const std::string& why,
                                           std::chrono::steady_clock::duration lived) {
    impl->on_spare_lost(lost, why, lived);
  };
  impl_->keep_spare = options.keep_spare;
  impl_->bind(options);
  impl_->thread = std::jthread([impl = impl_.get()] { impl->run(); });
}

PortForward::~PortForward() = default;

std::uint16_t PortForward::local_port() const { return impl_->local_port; }
bool PortForward::local_port_moved() const { return impl_->local_port_moved; }
const std::string& PortForward::url() const { return impl_->url; }

ForwardStatus PortForward::status() const {
  const Shared& shared = *impl_->shared;
  ForwardStatus status;
  status.open_connections = shared.open_connections;
  status.connections = shared.connections;
  status.bytes_to_pod = shared.bytes_to_pod;
  status.bytes_from_pod = shared.bytes_from_pod;
  std::lock_guard lock(shared.mutex);
  status.pod = shared.pod;
  status.serving = shared.serving;
  status.last_error = shared.last_error;
  status.reconnect_error = shared.reconnect_error;
  status.reconnect_attempts = shared.reconnect_attempts;
  status.failed = shared.failed;
  return status;
}

}  // namespace flinktop::kube
