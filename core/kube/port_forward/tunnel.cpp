#include "core/kube/port_forward/tunnel.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "core/http/request.hpp"
#include "core/http/session.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/port_forward/channel_frames.hpp"
#include "flinktop/version.hpp"

namespace flinktop::kube::tunnel {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

// The size of one read from the local connection; one WebSocket message each.
constexpr std::size_t kChunk = 64 * 1024;

bool is_ip_address(const std::string& host) {
  beast::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}


// One WebSocket to the pod, with the local connection it serves — from the start (`local`), or
// handed over later when it was opened as the spare. `Layer` is beast::tcp_stream (http://) or
// beast::ssl_stream<beast::tcp_stream> (https://). Every handler holds the connection alive; it
// ends when both directions have.
template <class Layer>
class Connection : public Spare, public std::enable_shared_from_this<Connection<Layer>> {
 public:
  Connection(std::shared_ptr<Shared> shared, asio::io_context& io, ServingPod pod, std::optional<tcp::socket> local)
      : shared_(std::move(shared)),
        local_(local ? std::move(*local) : tcp::socket(io)),
        resolver_(io),
        ws_(make_stream(io)),
        demux_(shared_->remote_port),
        pod_(std::move(pod)),
        attached_(local.has_value()) {
    if (attached_) count_attached();
  }
  ~Connection() override {
    if (attached_) --shared_->open_connections;
  }

  void start() {
    shared_->serving_pod(pod_.namespace_ + "/" + pod_.name);
    if (!shared_->proxy.unsupported.empty()) return fail(shared_->proxy.unsupported);
    const bool proxied = !shared_->proxy.host.empty();
    resolver_.async_resolve(proxied ? shared_->proxy.host : shared_->server.host,
                            proxied ? shared_->proxy.port : shared_->server.port,
                            [self = this->shared_from_this()](beast::error_code ec, tcp::resolver::results_type found) {
                              self->on_resolve(ec, std::move(found));
                            });
  }

  const ServingPod& pod() const override { return pod_; }
  std::chrono::steady_clock::duration open_for() const override {
    return opened_ ? std::chrono::steady_clock::now() - opened_at_ : std::chrono::steady_clock::duration{};
  }

  void attach(tcp::socket local) override {
    local_ = std::move(local);
    attached_ = true;
    count_attached();
    if (!opened_) return;  // on_handshake starts both directions
    flush();
    read_local();
  }

  void abandon() override {
    abandoned_ = true;
    close_ws();
  }

 private:
  // What the pod sent before a local connection was attached is kept up to this much; reading
  // from the pod pauses beyond it.
  static constexpr std::size_t kPendingMax = 1024 * 1024;

  Layer make_stream(asio::io_context& io) {
    if constexpr (std::is_same_v<Layer, beast::tcp_stream>) {
      return Layer(io);
    } else {
      return Layer(io, shared_->ssl);
    }
  }

  void count_attached() {
    ++shared_->open_connections;
    ++shared_->connections;
  }

  std::string where() const {
    return fmt::format("pod {}/{} port {}", pod_.namespace_, pod_.name, shared_->remote_port);
  }

  // The API server, or the proxy in front of it.
  std::string dialled() const {
    return shared_->proxy.host.empty() ? "the API server " + shared_->api.server : "the proxy " + shared_->proxy.shown;
  }

  void on_resolve(beast::error_code ec, tcp::resolver::results_type found) {
    if (ec) return fail(fmt::format("port-forward to {}: cannot resolve {}: {}", where(), dialled(), ec.message()));
    auto& tcp_layer = beast::get_lowest_layer(ws_);
    tcp_layer.expires_after(shared_->api.http.connect_timeout);
    tcp_layer.async_connect(found, [self = this->shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
      self->on_connect(ec);
    });
  }

  void on_connect(beast::error_code ec) {
    if (ec) return fail(fmt::format("port-forward to {}: cannot connect to {}: {}", where(), dialled(), ec.message()));
    // Small messages (a request line, a keystroke) go at once, as on the local side: Nagle's wait
    // for an ACK would add to every exchange. (Go, on the API server's end, does the same.)
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ignored);
    if (shared_->proxy.host.empty()) return on_tunnel();
    // CONNECT host:port through the proxy; once it says 200, the bytes are the API server's.
    const std::string authority = fmt::format("{}:{}",
                                              shared_->server.host.find(':') != std::string::npos
                                                  ? "[" + shared_->server.host + "]"
                                                  : shared_->server.host,
                                              shared_->server.port);
    connect_request_ = {beast::http::verb::connect, authority, 11};
    connect_request_.set(beast::http::field::host, authority);
    connect_request_.set(beast::http::field::user_agent, std::string("flinktop/") + kVersion);
    if (shared_->proxy.authorization) connect_request_.set(beast::http::field::proxy_authorization, *shared_->proxy.authorization);
    beast::http::async_write(beast::get_lowest_layer(ws_), connect_request_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) {
                                 return self->fail(fmt::format("port-forward to {}: {}: {}", self->where(), self->dialled(),
                                                               ec.message()));
                               }
                               self->read_connect_response();
                             });
  }

  void read_connect_response() {
    connect_response_.skip(true);  // a CONNECT answer has no body
    beast::http::async_read(beast::get_lowest_layer(ws_), proxy_buffer_, connect_response_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_connect_response(ec);
                            });
  }

  void on_connect_response(beast::error_code ec) {
    if (ec) return fail(fmt::format("port-forward to {}: {}: {}", where(), dialled(), ec.message()));
    const auto& response = connect_response_.get();
    if (response.result_int() / 100 != 2) {
      return fail(fmt::format("port-forward to {}: {} refused to connect to {}: {} {}", where(), dialled(),
                              shared_->api.server, response.result_int(), std::string(response.reason())));
    }
    if (proxy_buffer_.size() != 0) {
      return fail(fmt::format("port-forward to {}: {} sent bytes of its own into the tunnel", where(), dialled()));
    }
    on_tunnel();
  }

  // A connection to the API server (straight, or tunnelled through the proxy): TLS, then the upgrade.
  void on_tunnel() {
    if constexpr (std::is_same_v<Layer, beast::tcp_stream>) {
      on_tls({});
    } else {
      const auto& tls = shared_->api.http.tls;
      const std::string name = tls.server_name.empty() ? shared_->server.host : tls.server_name;
      auto& ssl = ws_.next_layer();
      if (!is_ip_address(name)) SSL_set_tlsext_host_name(ssl.native_handle(), name.c_str());
      if (!tls.insecure_skip_verify) ssl.set_verify_callback(asio::ssl::host_name_verification(name));
      ssl.async_handshake(asio::ssl::stream_base::client,
                          [self = this->shared_from_this()](beast::error_code ec) { self->on_tls(ec); });
    }
  }

  void on_tls(beast::error_code ec) {
    if (ec) {
      return fail(fmt::format("port-forward to {}: TLS with the API server {} failed: {}", where(),
                              shared_->api.server, ec.message()));
    }
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
    timeouts.handshake_timeout = shared_->api.http.connect_timeout;
    ws_.set_option(timeouts);
    std::optional<std::string> authorization;
    try {
      if (shared_->api.credentials) authorization = shared_->api.credentials->authorization();
    } catch (const std::exception& e) {
      return fail(fmt::format("port-forward to {}: {}", where(), e.what()));
    }
    ws_.set_option(websocket::stream_base::decorator([authorization](websocket::request_type& request) {
      request.set(beast::http::field::user_agent, std::string("flinktop/") + kVersion);
      request.set(beast::http::field::sec_websocket_protocol, std::string(kChannelProtocol));
      if (authorization) request.set(beast::http::field::authorization, *authorization);
    }));
    ws_.binary(true);
    // One frame per message: the kubelet side (wsstream on golang.org/x/net/websocket, as in kwok)
    // takes every frame for a message and its first byte for the channel, so Beast's default
    // 4 KiB fragments would route the bytes of a large upload to nonexistent channels.
    ws_.auto_fragment(false);
    const bool default_port = shared_->server.port == (shared_->server.tls ? "443" : "80");
    std::string host = shared_->server.host.find(':') != std::string::npos ? "[" + shared_->server.host + "]"
                                                                           : shared_->server.host;
    if (!default_port) host += ":" + shared_->server.port;
    const std::string target =
        fmt::format("{}/api/v1/namespaces/{}/pods/{}/portforward?ports={}", shared_->server.path_prefix,
                    http::url_encode(pod_.namespace_), http::url_encode(pod_.name), shared_->remote_port);
    ws_.async_handshake(response_, host, target,
                        [self = this->shared_from_this()](beast::error_code ec) { self->on_handshake(ec); });
  }

  void on_handshake(beast::error_code ec) {
    if (ec == websocket::error::upgrade_declined) {
      http::Response declined;
      declined.status = static_cast<long>(response_.result_int());
      declined.body = response_.body();
      const kube::RequestTarget target{shared_->api.context,
                                       "create",
                                       "pods/portforward",
                                       pod_.name,
                                       pod_.namespace_,
                                       shared_->api.credentials ? shared_->api.credentials->describe() : std::string(),
                                       shared_->api.server};
      return fail(kube::api_error(declined, target).what());
    }
    if (ec) return fail(fmt::format("port-forward to {}: {}", where(), ec.message()));
    if (abandoned_) return close_ws();
    opened_ = true;
    opened_at_ = std::chrono::steady_clock::now();
    read_remote();
    if (attached_) read_local();
  }

  // local → pod: each read becomes one message; byte 0 of the buffer is the data channel's.
  void read_local() {
    up_[0] = 0;
    local_.async_read_some(asio::buffer(up_.data() + 1, up_.size() - 1),
                           [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                             self->on_local_read(ec, n);
                           });
  }

  void on_local_read(beast::error_code ec, std::size_t n) {
    if (ec) {
      // The local side is done (or this connection is being torn down): no half-close exists in
      // v4.channel.k8s.io, so close the WebSocket; the pending remote read ends with it.
      close_ws();
      return;
    }
    shared_->bytes_to_pod += n;
    ws_.async_write(asio::buffer(up_.data(), n + 1), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close_local();
      self->read_local();
    });
  }

  // pod → local.
  void read_remote() {
    ws_.async_read(down_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_remote_read(ec);
    });
  }

  void on_remote_read(beast::error_code ec) {
    if (ec) return finish(ec);
    ChannelDemux::Received received;
    try {
      const auto bytes = down_.cdata();
      received = demux_.on_message(std::string_view(static_cast<const char*>(bytes.data()), bytes.size()));
    } catch (const std::exception& e) {
      fail(fmt::format("port-forward to {}: {}", where(), e.what()));
      return;
    }
    if (received.data.empty()) {
      down_.consume(down_.size());
      return read_remote();
    }
    if (!went_through_) {
      went_through_ = true;
      shared_->went_through();
    }
    if (!attached_ || writing_) {
      // No one to give it to yet (a spare: the pod spoke first), or earlier bytes are on their way.
      pending_.append(received.data);
      down_.consume(down_.size());
      if (pending_.size() < kPendingMax) return read_remote();
      paused_ = true;
      return;
    }
    // The path of nearly every byte: straight from the WebSocket's buffer, no copy.
    writing_ = true;
    asio::async_write(local_, asio::buffer(received.data.data(), received.data.size()),
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                        self->writing_ = false;
                        self->down_.consume(self->down_.size());
                        self->shared_->bytes_from_pod += n;
                        if (ec) return self->close_ws();
                        self->read_remote();
                      });
  }

  // Writes what was kept while no local connection was attached (or while a write was under way).
  void flush() {
    if (pending_.empty() || writing_) return;
    writing_ = true;
    flushing_.swap(pending_);
    asio::async_write(local_, asio::buffer(flushing_), [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
      self->writing_ = false;
      self->flushing_.clear();
      self->shared_->bytes_from_pod += n;
      if (ec) return self->close_ws();
      if (!self->pending_.empty()) return self->flush();
      if (self->closing_local_after_flush_) return self->close_local();
      if (self->paused_) {
        self->paused_ = false;
        self->read_remote();
      }
    });
  }

  // The WebSocket ended: a normal close after the pod's side closed, or an error. What the error
  // channel said is the reason (e.g. the remote port refused the connection).
  void finish(beast::error_code ec) {
    if (!demux_.error().empty()) {
      fail(fmt::format("port-forward to {}: {}", where(), error_cause(demux_.error())));
      return;
    }
    if (ec != websocket::error::closed && ec != asio::error::operation_aborted && ec != asio::error::eof &&
        !went_through_) {
      fail(fmt::format("port-forward to {}: {}", where(), ec.message()));
      return;
    }
    if (!attached_) return lost("");
    // What the pod sent last may still be on its way to the local side.
    if (writing_ || !pending_.empty()) {
      closing_local_after_flush_ = true;
      return flush();  // a no-op while a write is under way: its end closes
    }
    close_local();
  }

  // Once: a close while another is under way is not allowed (both directions may end at once).
  void close_ws() {
    if (closing_ || !ws_.is_open()) return;
    closing_ = true;
    ws_.async_close(websocket::close_code::normal, [self = this->shared_from_this()](beast::error_code) {});
  }

  void fail(const std::string& why) {
    if (!attached_) return lost(why);
    shared_->connection_failed(why);
    close_local();
  }

  // A spare ended unused: the forward opens another (or backs off). Not for one it gave up itself.
  void lost(const std::string& why) {
    close_ws();
    if (abandoned_ || !shared_->spare_lost) return;
    shared_->spare_lost(this, why, open_for());
  }

  void close_local() {
    beast::error_code ignored;
    local_.shutdown(tcp::socket::shutdown_both, ignored);
    local_.close(ignored);
  }

  std::shared_ptr<Shared> shared_;
  tcp::socket local_;
  tcp::resolver resolver_;
  websocket::stream<Layer> ws_;
  beast::http::request<beast::http::empty_body> connect_request_;  // to the proxy, if any
  beast::http::response_parser<beast::http::empty_body> connect_response_;
  beast::flat_buffer proxy_buffer_;
  websocket::response_type response_;
  ChannelDemux demux_;
  ServingPod pod_;
  bool attached_ = false;
  bool opened_ = false;
  bool abandoned_ = false;
  std::chrono::steady_clock::time_point opened_at_{};
  std::array<char, kChunk + 1> up_{};
  beast::flat_buffer down_;
  std::string pending_;   // from the pod, not yet written locally
  std::string flushing_;  // being written locally
  bool writing_ = false;
  bool paused_ = false;   // reading from the pod waits for pending_ to drain
  bool closing_local_after_flush_ = false;
  bool went_through_ = false;
  bool closing_ = false;
};

}  // namespace

std::shared_ptr<Spare> open_tunnel(std::shared_ptr<Shared> shared, asio::io_context& io, ServingPod pod,
                                   std::optional<tcp::socket> local) {
  if (shared->server.tls) {
    auto connection = std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(std::move(shared), io,
                                                                                          std::move(pod), std::move(local));
    connection->start();
    return connection;
  }
  auto connection = std::make_shared<Connection<beast::tcp_stream>>(std::move(shared), io, std::move(pod), std::move(local));
  connection->start();
  return connection;
}

}  // namespace flinktop::kube::tunnel
