// Real HTTP(S) servers for tests, on 127.0.0.1 only: cpp-httplib on an ephemeral port, serving from
// a background thread, stopped and joined on destruction (no stray threads, no leftover sockets).
//
//   flinktop::test::LoopbackServer server;
//   server.routes().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
//     res.set_content("hi", "text/plain");
//   });
//   server.start();                  // after the routes: httplib's tables are not thread-safe
//   session.send({.url = server.url() + "/hello"});
//
// Streaming: use res.set_chunked_content_provider(type, [&](size_t, httplib::DataSink& sink) {...}).
// httplib calls the provider again and again until it calls sink.done() or returns false, so a
// provider that must hold the response open should wait with `server.wait_for_stop(10ms)` (never a
// plain sleep): stop() wakes it, and then stop() does not wait for it. Returning false from the
// provider closes the connection mid-body (a "cut" response).
//
// stop() also shuts down connections the server accepted, so a client that still holds a
// keep-alive connection never delays it. Each server runs 8 worker threads; each open client
// connection occupies one.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "test_certs.hpp"

namespace flinktop::test {

// A 127.0.0.1 port that was free a moment ago (bound, then closed): connecting to it is refused.
int unused_loopback_port();

class LoopbackServer {
 public:
  LoopbackServer();  // plain HTTP; bound at once, serving after start()
  virtual ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Register handlers here, before start().
  httplib::Server& routes() { return *server_; }

  // Serves on a background thread; returns once the accept loop runs.
  void start();
  // Idempotent; the destructor calls it. Wakes wait_for_stop(), drops accepted connections, joins.
  void stop();

  int port() const noexcept { return port_; }
  std::string host() const { return "127.0.0.1"; }
  // "http://127.0.0.1:<port>" ("https://..." for LoopbackHttpsServer). Throws std::logic_error
  // before start(): a bound but unserved port would make a client hang instead of fail.
  std::string url() const;

  // For handlers that must stall: waits up to `timeout`; true when the server is stopping.
  bool wait_for_stop(std::chrono::milliseconds timeout);
  bool stopping() const;

 protected:
  LoopbackServer(std::unique_ptr<httplib::Server> server, std::string scheme);

 private:
  std::unique_ptr<httplib::Server> server_;
  std::string scheme_;
  int port_ = -1;
  std::thread thread_;
  bool started_ = false;
  bool stopped_ = false;
  mutable std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
};

// HTTPS on 127.0.0.1 with the given identity (e.g. test_certs().server). With a client CA file the
// server requires a client certificate signed by it (mTLS); without one it asks for none.
class LoopbackHttpsServer : public LoopbackServer {
 public:
  explicit LoopbackHttpsServer(const CertKey& identity, const std::filesystem::path& client_ca_file = {});
};

}  // namespace flinktop::test
