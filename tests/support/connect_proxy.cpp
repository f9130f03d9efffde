#include "support/connect_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace flinktop::test {

namespace {

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool write_all(int fd, const std::string& text) { return write_all(fd, text.data(), text.size()); }

// The value of header `name` (case-insensitive) in a request head, or "".
std::string header(const std::string& head, std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), ::tolower);
  std::size_t start = head.find("\r\n");
  while (start != std::string::npos && start + 2 < head.size()) {
    const std::size_t end = head.find("\r\n", start + 2);
    const std::string line = head.substr(start + 2, end - start - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string key = line.substr(0, colon);
      std::transform(key.begin(), key.end(), key.begin(), ::tolower);
      if (key == name) {
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        return value;
      }
    }
    start = end;
  }
  return "";
}

int connect_to(const std::string& host, std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

ConnectProxy::ConnectProxy(std::string required_authorization) : required_(std::move(required_authorization)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return;  // port() stays 0: the test fails on connecting
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] {
    for (;;) {
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;  // shut down
      std::lock_guard lock(mutex_);
      fds_.push_back(client);
      threads_.emplace_back([this, client] { serve(client); });
    }
  });
}

ConnectProxy::~ConnectProxy() {
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  if (acceptor_.joinable()) acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (std::thread& t : threads_) t.join();
  for (int fd : fds_) ::close(fd);
}

std::vector<std::string> ConnectProxy::tunnelled() const {
  std::lock_guard lock(mutex_);
  return tunnelled_;
}

int ConnectProxy::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

void ConnectProxy::serve(int client) {
  std::string head;
  char buffer[65536];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
    const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  const std::size_t head_end = head.find("\r\n\r\n");
  if (head_end == std::string::npos) return;
  const std::string rest = head.substr(head_end + 4);  // what the client sent past the head
  head.resize(head_end + 2);
  // "CONNECT host:port HTTP/1.1"
  const std::string request_line = head.substr(0, head.find("\r\n"));
  const std::size_t space = request_line.find(' ');
  const std::string target = request_line.substr(space + 1, request_line.rfind(' ') - space - 1);
  const std::size_t colon = target.rfind(':');
  const std::string host = target.substr(0, colon);
  if (request_line.rfind("CONNECT ", 0) != 0 || colon == std::string::npos) {
    write_all(client, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  if (!required_.empty() && header(head, "Proxy-Authorization") != required_) {
    {
      std::lock_guard lock(mutex_);
      ++refused_;
    }
    write_all(client, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  const int upstream = host == "127.0.0.1" ? connect_to(host, static_cast<std::uint16_t>(std::stoi(target.substr(colon + 1)))) : -1;
  if (upstream < 0) {
    {
      std::lock_guard lock(mutex_);
      ++refused_;
    }
    write_all(client, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  {
    std::lock_guard lock(mutex_);
    fds_.push_back(upstream);
    tunnelled_.push_back(target);
  }
  if (!write_all(client, "HTTP/1.1 200 Connection established\r\n\r\n") || !write_all(upstream, rest)) return;
  pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
  for (;;) {
    if (::poll(fds, 2, -1) < 0) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      const ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
      if (n <= 0 || !write_all(fds[1 - i].fd, buffer, static_cast<std::size_t>(n))) {
        ::shutdown(fds[1 - i].fd, SHUT_RDWR);
        return;
      }
    }
  }
}

}  // namespace flinktop::test
