// Session against a real loopback server: methods, headers, bodies, connection reuse, threads,
// total timeout, refused connections.
#include "core/http/session.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http_test_util.hpp"
#include "demo/loopback_server.hpp"

namespace flinktop::http {
namespace {

using namespace std::chrono_literals;
using demo::LoopbackServer;
using test_util::catch_error;
using test_util::Clock;
using test_util::get_request;
using test_util::ms_since;

TEST(HttpSession, GetSendsHeadersAndReturnsStatusHeadersAndBody) {
  LoopbackServer server;
  server.routes().Get("/hello", [](const httplib::Request& req, httplib::Response& res) {
    res.status = req.get_header_value("X-Flinktop-Test") == "a b" &&
                         req.get_header_value("Authorization") == "Bearer abc" &&
                         req.get_header_value("User-Agent").rfind("flinktop/", 0) == 0
                     ? 200
                     : 400;
    res.set_header("X-Reply", "Yes");
    res.set_content("hello " + req.get_param_value("name"), "text/plain");
  });
  server.start();
  Session session(SessionOptions{});
  Request request;
  request.url = server.url() + "/hello?name=" + url_encode("flink job");
  request.headers = {{"X-Flinktop-Test", "a b"}, {"Authorization", "Bearer abc"}};
  const Response response = session.send(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "hello flink job");
  EXPECT_EQ(response.header("x-reply"), "Yes");
  EXPECT_EQ(response.header("X-REPLY"), "Yes");
  EXPECT_EQ(response.header("content-type"), "text/plain");
  EXPECT_EQ(response.header("absent"), "");
  for (const Header& h : response.headers) EXPECT_EQ(h.name, test_util::lower_copy(h.name));
  EXPECT_EQ(response.http_version, "1.1");
}

TEST(HttpSession, SendsMethodsAndBodies) {
  LoopbackServer server;
  const auto echo = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.method + "|" + req.body + "|" + req.get_header_value("Content-Type"), "text/plain");
  };
  server.routes()
      .Post("/echo", echo)
      .Put("/echo", echo)
      .Patch("/echo", echo)
      .Delete("/echo", echo)
      .Get("/echo", echo);
  server.start();
  Session session(SessionOptions{});
  auto call = [&](Method method, std::string body, std::string type) {
    Request r;
    r.method = method;
    r.url = server.url() + "/echo";
    r.body = std::move(body);
    if (!type.empty()) r.headers.push_back({"Content-Type", type});
    const Response response = session.send(r);
    EXPECT_EQ(response.status, 200);
    return response.body;
  };
  EXPECT_EQ(call(Method::Post, R"({"a":1})", "application/json"), R"(POST|{"a":1}|application/json)");
  EXPECT_EQ(call(Method::Put, "put-body", "text/plain"), "PUT|put-body|text/plain");
  EXPECT_EQ(call(Method::Patch, R"({"spec":{}})", "application/merge-patch+json"),
            R"(PATCH|{"spec":{}}|application/merge-patch+json)");
  EXPECT_EQ(call(Method::Delete, R"({"propagationPolicy":"Foreground"})", "application/json"),
            R"(DELETE|{"propagationPolicy":"Foreground"}|application/json)");
  EXPECT_EQ(call(Method::Delete, "", ""), "DELETE||");
  EXPECT_EQ(call(Method::Get, "", ""), "GET||");
  EXPECT_EQ(call(Method::Post, "", ""), "POST||");  // no form-urlencoded default type

  const std::string big(3 * 1024 * 1024 + 7, 'x');  // larger than any libcurl buffer
  EXPECT_EQ(call(Method::Post, big, "application/octet-stream").size(), big.size() + 30);
}

TEST(HttpSession, ReusesTheConnectionForSequentialRequests) {
  LoopbackServer server;
  server.routes().Get("/port", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.remote_port), "text/plain");
  });
  server.start();
  Session session(SessionOptions{});
  Request request;
  request.url = server.url() + "/port";
  const std::string first = session.send(request).body;
  const std::string second = session.send(request).body;
  const std::string third = session.send(request).body;
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);
  EXPECT_EQ(second, third);
}

TEST(HttpSession, ServesFourThreadsAtOnce) {
  // Before the server, so they outlive it: its destructor joins the handlers that use them.
  std::mutex mutex;
  std::condition_variable all_in;
  int in_flight = 0;
  LoopbackServer server;
  server.routes().Get("/together", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock lock(mutex);
    ++in_flight;
    all_in.notify_all();
    // Only answers once all four requests are inside the server at the same time.
    const bool together = all_in.wait_for(lock, 5s, [&] { return in_flight >= 4; });
    res.set_content(together ? "together" : "alone", "text/plain");
  });
  server.routes().Get(R"(/n/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.matches[1].str(), "text/plain");
  });
  server.start();
  Session session(SessionOptions{});
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        if (session.send(get_request(server.url() + "/together")).body != "together") ++wrong;
        for (int i = 0; i < 25; ++i) {
          const std::string n = std::to_string(t * 100 + i);
          if (session.send(get_request(server.url() + "/n/" + n)).body != n) ++wrong;
        }
      } catch (const std::exception&) {
        ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(HttpSession, TotalTimeoutEndsASlowRequest) {
  LoopbackServer server;
  server.routes().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    server.wait_for_stop(10s);
    res.set_content("late", "text/plain");
  });
  server.start();
  Session session(SessionOptions{});
  Request request;
  request.url = server.url() + "/slow";
  request.total_timeout = 200ms;
  const auto start = Clock::now();
  const auto error = catch_error([&] { session.send(request); });
  const auto elapsed = ms_since(start);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Timeout) << error->what();
  EXPECT_NE(std::string(error->what()).find("did not complete within 0.2s"), std::string::npos)
      << error->what();
  EXPECT_GE(elapsed, 190);
  EXPECT_LT(elapsed, 1500);
}

TEST(HttpSession, StallBeforeHeadersIsAnIdleTimeout) {
  LoopbackServer server;
  server.routes().Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
    server.wait_for_stop(10s);
    res.set_content("late", "text/plain");
  });
  server.start();
  Session session(SessionOptions{});
  Request request;
  request.url = server.url() + "/stall";
  request.idle_timeout = 300ms;
  const auto start = Clock::now();
  const auto error = catch_error([&] { session.send(request); });
  const auto elapsed = ms_since(start);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Timeout) << error->what();
  EXPECT_GE(elapsed, 290);
  EXPECT_LT(elapsed, 1500);
}

TEST(HttpSession, RefusedConnectionIsAConnectErrorNamingHostAndPort) {
  const int port = demo::unused_loopback_port();
  Session session(SessionOptions{});
  const auto error =
      catch_error([&] { session.send(get_request("http://127.0.0.1:" + std::to_string(port) + "/x")); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Connect) << error->what();
  const std::string message = error->what();
  EXPECT_NE(message.find("http://127.0.0.1:" + std::to_string(port)), std::string::npos) << message;
  EXPECT_NE(message.find("refused"), std::string::npos) << message;
}

TEST(HttpSession, SessionDefaultIdleTimeoutApplies) {
  LoopbackServer server;
  server.routes().Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
    server.wait_for_stop(10s);
    res.set_content("late", "text/plain");
  });
  server.start();
  SessionOptions options;
  options.idle_timeout = 250ms;
  Session session(options);
  const auto start = Clock::now();
  const auto error = catch_error([&] { session.send(get_request(server.url() + "/stall")); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Timeout);
  EXPECT_NE(std::string(error->what()).find("for 0.25s"), std::string::npos) << error->what();
  EXPECT_LT(ms_since(start), 1500);
}

// Sets an environment variable for one test and restores it (tests run one at a time).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(HttpSession, ExplicitProxyCarriesTheRequest) {
  LoopbackServer proxy;  // a plain HTTP proxy sees the absolute URL as the request target
  proxy.routes().Get(".*", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("proxied " + req.target, "text/plain");
  });
  proxy.start();
  SessionOptions options;
  options.proxy_url = proxy.url();
  Session session(options);
  const std::string target = "http://127.0.0.1:" + std::to_string(demo::unused_loopback_port()) + "/jobs";
  EXPECT_EQ(session.send(get_request(target)).body, "proxied " + target);
}

TEST(HttpSession, EnvironmentProxiesNeverApplyToLoopback) {
  LoopbackServer server;
  server.routes().Get("/direct", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("direct", "text/plain");
  });
  server.start();
  const std::string dead_proxy = "http://127.0.0.1:" + std::to_string(demo::unused_loopback_port());
  ScopedEnv http_proxy("http_proxy", dead_proxy);
  ScopedEnv all_proxy("ALL_PROXY", dead_proxy);
  Session session(SessionOptions{});
  EXPECT_EQ(session.send(get_request(server.url() + "/direct")).body, "direct");
}

}  // namespace
}  // namespace flinktop::http
