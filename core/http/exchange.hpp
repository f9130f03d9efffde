// The response being received (private to core/http): state shared with the libcurl callbacks,
// which run on the thread that drives the transfer. The callbacks never throw into libcurl.
#pragma once

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <exception>

#include "core/http/request.hpp"
#include "core/http/session.hpp"

namespace flinktop::http {

struct Exchange {
  using Clock = std::chrono::steady_clock;

  const BodySink* sink = nullptr;  // null: collect the whole body
  Response response;
  bool sink_stopped = false;
  std::exception_ptr sink_error;
  bool connected = false;     // the idle clock runs from here; before it the connect timeout rules
  bool got_response = false;  // any response byte arrived
  Clock::time_point last_activity = Clock::now();
  curl_off_t last_down = 0;
  curl_off_t last_up = 0;
  std::array<char, CURL_ERROR_SIZE> errbuf{};

  bool to_sink() const { return sink != nullptr && response.status >= 200 && response.status < 300; }
  void touch() { last_activity = Clock::now(); }
};

// CURLOPT_HEADERFUNCTION: status line (resets on each new response, e.g. after 100) and headers,
// names lower-cased.
size_t exchange_on_header(char* data, size_t size, size_t count, void* exchange);
// CURLOPT_WRITEFUNCTION: a 2xx body goes to the sink when there is one, anything else is collected.
size_t exchange_on_body(char* data, size_t size, size_t count, void* exchange);
// CURLOPT_XFERINFOFUNCTION: bytes moving either way count as activity for the idle timeout.
int exchange_on_progress(void* exchange, curl_off_t, curl_off_t down, curl_off_t, curl_off_t up);
// CURLOPT_PREREQFUNCTION: the connection is ready (TCP + TLS, or reused); the idle clock starts.
int exchange_on_connected(void* exchange, char*, char*, int, int);

}  // namespace flinktop::http
