// A scripted Flink REST server on 127.0.0.1 for the client tests: each test registers the answers
// it needs; every request is recorded (method, path, query, body, headers) for assertions.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/flink/client.hpp"
#include "support/expect_error.hpp"
#include "demo/loopback_server.hpp"

namespace flinktop::flink::fake {

using flinktop::test::expect_error;

struct RecordedRequest {
  std::string method;
  std::string path;    // decoded, without the query
  std::string target;  // as sent: path and query, still percent-encoded
  std::multimap<std::string, std::string> params;
  std::string body;
  std::string content_type;
  std::string authorization;
};

class FakeFlink {
 public:
  FakeFlink() {
    // After the handler (the body has been read), before the response is written.
    server_.routes().set_post_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      RecordedRequest r{req.method,
                        req.path,
                        req.target,
                        {},
                        req.body,
                        req.get_header_value("Content-Type"),
                        req.get_header_value("Authorization")};
      for (const auto& [k, v] : req.params) r.params.emplace(k, v);
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(r));
    });
  }

  httplib::Server& routes() { return server_.routes(); }
  demo::LoopbackServer& server() { return server_; }
  void start() { server_.start(); }
  std::string url() const { return server_.url(); }

  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int count(const std::string& method, const std::string& path) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& r : requests_) n += r.method == method && r.path == path;
    return n;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  // Last, so it is destroyed first: its destructor stops and joins the worker threads, whose
  // post-routing handler writes requests_ under mutex_; both must outlive the last of them.
  demo::LoopbackServer server_;
};

constexpr const char* kJob = "9f7b40f6c549f53f1a934f5d0120fd99";
constexpr const char* kTrigger = "0123456789abcdef0123456789abcdef";

inline void reply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=UTF-8");
}

inline Client client_for(FakeFlink& flink, ClientOptions options = {}) {
  return Client(direct_endpoint(flink.url()), options);
}

// A Flink-style error body with a Java stack trace in the message.
inline std::string flink_errors(const std::string& first_line) {
  return R"({"errors":[")" + first_line +
         R"(\n\tat org.apache.flink.runtime.rest.handler.AbstractHandler.respondAsLeader(AbstractHandler.java:188)\n\tat java.base/java.lang.Thread.run(Thread.java:840)\n"]})";
}

}  // namespace flinktop::flink::fake
