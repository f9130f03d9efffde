// A loopback HTTP proxy that serves CONNECT, as a corporate proxy in front of an API server does:
// it records every target asked for, answers 407 when Proxy-Authorization is not the one
// required, and otherwise relays bytes both ways. It only tunnels to 127.0.0.1 (the network rule:
// tests dial nothing else) and answers 403 for anything else. It binds 127.0.0.1 on a port the
// system picks, and closes every connection and joins its threads when destroyed.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace flinktop::test {

class ConnectProxy {
 public:
  // `required_authorization`: the whole Proxy-Authorization value to insist on ("" = none).
  explicit ConnectProxy(std::string required_authorization = "");
  ~ConnectProxy();
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> tunnelled() const;  // "127.0.0.1:6443" per CONNECT that was answered 200
  int refused() const;                         // CONNECTs answered 407 (or 403)

 private:
  void serve(int client);

  std::string required_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::vector<int> fds_;  // every open socket, shut down on destruction
  std::vector<std::string> tunnelled_;
  int refused_ = 0;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace flinktop::test
