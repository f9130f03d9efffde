// Session::stream: incremental delivery, stopping from the sink, cut and stalled streams,
// cancellation from another thread, error bodies, and secrets never reaching error messages.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "core/http/session.hpp"
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

// A one-shot flag one thread sets and another waits for.
class Signal {
 public:
  void set() {
    std::lock_guard lock(mutex_);
    set_ = true;
    cv_.notify_all();
  }
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [this] { return set_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool set_ = false;
};

// Streams "hello\n", then holds the response open without sending anything until the server stops.
void route_stall_after_first_chunk(LoopbackServer& server) {
  server.routes().Get("/stall", [&server](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&server](size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        sink.write("hello\n", 6);
        return true;
      }
      server.wait_for_stop(10s);
      return false;
    });
  });
}

TEST(HttpStream, DeliversChunksWhileTheServerHoldsTheResponseOpen) {
  // Before the server, so they outlive it: its destructor joins the handler that uses them.
  Signal client_saw_first;
  std::atomic<bool> first_seen_before_second{false};
  LoopbackServer server;
  server.routes().Get("/watch", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [&](size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        sink.write("{\"type\":\"ADDED\"}\n", 17);
        return true;
      }
      // The second chunk only goes out once the client has the first one.
      first_seen_before_second = client_saw_first.wait_for(5s);
      sink.write("{\"type\":\"DELETED\"}\n", 19);
      sink.done();
      return true;
    });
  });
  server.start();
  Session session(SessionOptions{});
  std::vector<std::string> chunks;
  const Response response = session.stream(get_request(server.url() + "/watch"), [&](std::string_view chunk) {
    chunks.emplace_back(chunk);
    client_saw_first.set();
    return true;
  });
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  EXPECT_TRUE(first_seen_before_second.load());
  std::string all;
  for (const auto& c : chunks) all += c;
  EXPECT_EQ(all, "{\"type\":\"ADDED\"}\n{\"type\":\"DELETED\"}\n");
  EXPECT_EQ(chunks.front(), "{\"type\":\"ADDED\"}\n");
}

TEST(HttpStream, SinkReturningFalseEndsTheTransferNormally) {
  LoopbackServer server;
  server.routes().Get("/endless", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t, httplib::DataSink& sink) {
      sink.write("line\n", 5);
      return !server.wait_for_stop(5ms);
    });
  });
  server.start();
  Session session(SessionOptions{});
  int calls = 0;
  const auto start = Clock::now();
  const Response response =
      session.stream(get_request(server.url() + "/endless"), [&](std::string_view) { return ++calls < 3; });
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(calls, 3);
  EXPECT_LT(ms_since(start), 2000);
  // The session is still usable afterwards.
  int more = 0;
  session.stream(get_request(server.url() + "/endless"), [&](std::string_view) { return ++more < 1; });
  EXPECT_EQ(more, 1);
}

TEST(HttpStream, IdleTimeoutCountsFromTheLastByteNotFromTheStart) {
  LoopbackServer server;
  server.routes().Get("/trickle", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t offset, httplib::DataSink& sink) {
      if (offset >= 6 * 2) {
        sink.done();
        return true;
      }
      if (offset > 0 && server.wait_for_stop(100ms)) return false;
      sink.write("x\n", 2);
      return true;
    });
  });
  server.start();
  Session session(SessionOptions{});
  Request request = get_request(server.url() + "/trickle");
  request.idle_timeout = 300ms;  // the whole stream takes ~500 ms, no gap exceeds ~100 ms
  std::string all;
  session.stream(request, [&](std::string_view chunk) {
    all += chunk;
    return true;
  });
  EXPECT_EQ(all, "x\nx\nx\nx\nx\nx\n");
}

TEST(HttpStream, StreamCutMidBodyIsAConnectErrorAfterEarlierChunks) {
  LoopbackServer server;
  Signal client_saw_first;
  server.routes().Get("/cut", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        sink.write("one\n", 4);
        return true;
      }
      client_saw_first.wait_for(5s);
      return false;  // httplib closes the connection without the final chunk
    });
  });
  server.start();
  Session session(SessionOptions{});
  std::string delivered;
  const auto error = catch_error([&] {
    session.stream(get_request(server.url() + "/cut"), [&](std::string_view chunk) {
      delivered += chunk;
      client_saw_first.set();
      return true;
    });
  });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Connect) << error->what();
  EXPECT_NE(std::string(error->what()).find("closed mid-response"), std::string::npos) << error->what();
  EXPECT_NE(std::string(error->what()).find(server.url()), std::string::npos) << error->what();
  EXPECT_EQ(delivered, "one\n");
}

TEST(HttpStream, ContentLengthBodyCutShortIsAConnectError) {
  LoopbackServer server;
  server.routes().Get("/short", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(100, "text/plain", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;
      sink.write("0123456789", 10);
      return true;
    });
  });
  server.start();
  Session session(SessionOptions{});
  const auto error = catch_error([&] { session.send(get_request(server.url() + "/short")); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Connect) << error->what();
  EXPECT_NE(std::string(error->what()).find("closed mid-response"), std::string::npos) << error->what();
}

TEST(HttpStream, StallAfterHeadersIsATimeoutAfterTheIdleTimeout) {
  LoopbackServer server;
  route_stall_after_first_chunk(server);
  server.start();
  Session session(SessionOptions{});
  Request request = get_request(server.url() + "/stall");
  request.idle_timeout = 300ms;
  std::string delivered;
  Clock::time_point first_chunk_at;
  const auto error = catch_error([&] {
    session.stream(request, [&](std::string_view chunk) {
      delivered += chunk;
      first_chunk_at = Clock::now();
      return true;
    });
  });
  const auto quiet = ms_since(first_chunk_at);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Timeout) << error->what();
  EXPECT_NE(std::string(error->what()).find("no data from " + server.url() + " for 0.3s"), std::string::npos)
      << error->what();
  EXPECT_EQ(delivered, "hello\n");
  EXPECT_GE(quiet, 290);
  EXPECT_LT(quiet, 1000);
}

TEST(HttpStream, CancelFromAnotherThreadEndsAStalledStreamPromptly) {
  LoopbackServer server;
  route_stall_after_first_chunk(server);
  server.start();
  Session session(SessionOptions{});  // default idle timeout: 30 s
  CancelToken token;
  Signal streaming;
  std::atomic<Clock::time_point> cancelled_at{};
  std::thread canceller([&] {
    if (!streaming.wait_for(5s)) return;
    // Past libcurl's own 200 ms start-up timer, so only a real wake-up can end the wait early.
    std::this_thread::sleep_for(300ms);
    cancelled_at = Clock::now();
    token.cancel();
  });
  const auto error = catch_error([&] {
    session.stream(
        get_request(server.url() + "/stall"),
        [&](std::string_view) {
          streaming.set();
          return true;
        },
        &token);
  });
  const auto done_at = Clock::now();
  canceller.join();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Cancelled) << error->what();
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(done_at - cancelled_at.load()).count(),
            500);
}

TEST(HttpStream, AlreadyCancelledTokenFailsAtOnce) {
  Session session(SessionOptions{});
  CancelToken token;
  token.cancel();
  const auto error = catch_error([&] { session.send(get_request("http://127.0.0.1:9/"), &token); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind(), ErrorKind::Cancelled);
}

TEST(HttpStream, NonSuccessStatusCollectsTheBodyAndNeverCallsTheSink) {
  LoopbackServer server;
  server.routes().Get("/gone", [](const httplib::Request&, httplib::Response& res) {
    res.status = 410;
    res.set_chunked_content_provider("application/json", [](size_t, httplib::DataSink& sink) {
      sink.write(R"({"kind":"Status","code":410})", 28);
      sink.done();
      return true;
    });
  });
  server.start();
  Session session(SessionOptions{});
  bool sink_called = false;
  const Response response = session.stream(get_request(server.url() + "/gone"), [&](std::string_view) {
    sink_called = true;
    return true;
  });
  EXPECT_EQ(response.status, 410);
  EXPECT_EQ(response.body, R"({"kind":"Status","code":410})");
  EXPECT_FALSE(sink_called);
}

TEST(HttpStream, AnExceptionFromTheSinkPropagatesUnchanged) {
  LoopbackServer server;
  route_stall_after_first_chunk(server);
  server.start();
  Session session(SessionOptions{});
  EXPECT_THROW(session.stream(get_request(server.url() + "/stall"),
                              [](std::string_view) -> bool { throw std::invalid_argument("bad event"); }),
               std::invalid_argument);
}

TEST(HttpErrors, NoMessageContainsTheBearerTokenOrTheBody) {
  const std::string token = "s3cr3t-t0ken-value";
  const std::string body_secret = "password-in-body";
  LoopbackServer server;
  route_stall_after_first_chunk(server);
  server.routes().Get("/cut", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(100, "text/plain", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;
      sink.write("0123456789", 10);
      return true;
    });
  });
  server.routes().Post("/cut", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(100, "text/plain", [](size_t, size_t, httplib::DataSink&) { return false; });
  });
  server.start();
  Session session(SessionOptions{});
  auto request = [&](std::string url) {
    Request r;
    r.url = std::move(url);
    r.headers = {{"Authorization", "Bearer " + token}, {"X-Api-Key", token}};
    r.idle_timeout = 200ms;
    return r;
  };
  std::vector<std::optional<Error>> errors;
  errors.push_back(catch_error(
      [&] { session.send(request("http://127.0.0.1:" + std::to_string(demo::unused_loopback_port()))); }));
  errors.push_back(catch_error([&] { session.send(request(server.url() + "/stall")); }));
  errors.push_back(catch_error([&] { session.send(request(server.url() + "/cut")); }));
  Request post = request(server.url() + "/cut");
  post.method = Method::Post;
  post.body = body_secret;
  errors.push_back(catch_error([&] { session.send(post); }));
  Request tls = request("https://127.0.0.1:" + std::to_string(server.port()) + "/");  // HTTPS to HTTP
  errors.push_back(catch_error([&] { session.send(tls); }));
  CancelToken cancelled;
  cancelled.cancel();
  errors.push_back(catch_error([&] { session.send(request(server.url()), &cancelled); }));
  Request bad_header = request(server.url());
  bad_header.headers.push_back({"X-Bad", token + "\r\nInjected: yes"});
  errors.push_back(catch_error([&] { session.send(bad_header); }));
  for (const auto& error : errors) {
    ASSERT_TRUE(error);
    const std::string message = error->what();
    EXPECT_EQ(message.find(token), std::string::npos) << message;
    EXPECT_EQ(message.find(body_secret), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace flinktop::http
