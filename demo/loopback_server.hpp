// A real HTTP server on 127.0.0.1 only: cpp-httplib on an ephemeral (or given) port, serving from a
// background thread, stopped and joined on destruction (no stray threads, no leftover sockets).
// The demo environment serves its simulated Kubernetes API and Flink REST endpoints with it, and the
// tests their fakes (tests/support/loopback_https_server.hpp adds TLS for them).
//
//   flinktop::demo::LoopbackServer server;
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
// connection occupies one (set routes().new_task_queue before start() for another pool size).
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace flinktop::demo {

// A 127.0.0.1 port that was free a moment ago (bound, then closed): connecting to it is refused.
int unused_loopback_port();

class LoopbackServer {
 public:
  // Plain HTTP on 127.0.0.1:`port` (0 = an ephemeral port); bound at once, serving after start().
  // Throws std::runtime_error when the port cannot be bound.
  explicit LoopbackServer(int port = 0);
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
  // For a subclass that serves TLS (an httplib::SSLServer), on an ephemeral port.
  LoopbackServer(std::unique_ptr<httplib::Server> server, std::string scheme, int port = 0);

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

}  // namespace flinktop::demo
