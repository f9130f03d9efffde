// LoopbackServer: httplib's Server::stop() only closes the listening socket; a worker waiting on an
// idle keep-alive connection would linger for the keep-alive timeout (5 s). So stop() also shuts
// down every socket of this process whose local address is 127.0.0.1:<our port> — after the
// listener is closed those can only be connections this server accepted.
#include "demo/loopback_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace flinktop::demo {

namespace {

void shutdown_accepted_connections(int port) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
    int fd = -1;
    try {
      fd = std::stoi(it->path().filename().string());
    } catch (...) {
      continue;
    }
    sockaddr_in local{};
    socklen_t length = sizeof(local);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) continue;
    if (local.sin_family != AF_INET || ntohs(local.sin_port) != port) continue;
    if (local.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) continue;
    int type = 0;
    socklen_t type_length = sizeof(type);
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) != 0 || type != SOCK_STREAM) continue;
    ::shutdown(fd, SHUT_RDWR);  // httplib still owns (and closes) the fd
  }
}

}  // namespace

int unused_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("unused_loopback_port: socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("unused_loopback_port: cannot bind 127.0.0.1:0");
  return ntohs(address.sin_port);
}

LoopbackServer::LoopbackServer(int port) : LoopbackServer(std::make_unique<httplib::Server>(), "http", port) {}

LoopbackServer::LoopbackServer(std::unique_ptr<httplib::Server> server, std::string scheme, int port)
    : server_(std::move(server)), scheme_(std::move(scheme)) {
  if (!server_->is_valid()) throw std::runtime_error("LoopbackServer: invalid server (certificate or key?)");
  server_->set_tcp_nodelay(true);  // a streamed chunk leaves at once, not after a delayed ACK
  if (port > 0) {
    port_ = server_->bind_to_port("127.0.0.1", port) ? port : -1;
  } else {
    port_ = server_->bind_to_any_port("127.0.0.1");
  }
  if (port_ <= 0) {
    throw std::runtime_error(port > 0 ? "cannot listen on 127.0.0.1:" + std::to_string(port) + " (port in use?)"
                                      : std::string("cannot listen on 127.0.0.1"));
  }
}

LoopbackServer::~LoopbackServer() {
  stop();
}

void LoopbackServer::start() {
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_->is_running()) {
    if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("LoopbackServer: did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void LoopbackServer::stop() {
  if (stopped_) return;
  // httplib's stop() is a no-op before its accept loop runs, and the bound socket would leak: start
  // first so that stopping always ends in a closed socket and a joined thread.
  start();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  server_->stop();
  shutdown_accepted_connections(port_);
  thread_.join();
  stopped_ = true;
}

std::string LoopbackServer::url() const {
  if (!started_) throw std::logic_error("LoopbackServer::url(): call start() after registering routes");
  return scheme_ + "://127.0.0.1:" + std::to_string(port_);
}

bool LoopbackServer::wait_for_stop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return stop_signal_.wait_for(lock, timeout, [this] { return stopping_; });
}

bool LoopbackServer::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

}  // namespace flinktop::demo
