// Exchange callbacks: parse the status line and headers, route body bytes, stamp activity.
#include "core/http/exchange.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>

#include "core/text/ascii_case.hpp"

namespace flinktop::http {

namespace {

constexpr std::size_t kMaxErrorBody = 1 << 20;  // a non-2xx body while streaming is kept up to this

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}


}  // namespace

size_t exchange_on_header(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  const size_t n = size * count;
  x.touch();
  x.got_response = true;
  try {
    const std::string_view line = trim(std::string_view(data, n));
    if (line.starts_with("HTTP/")) {  // a status line starts a (new, after 1xx) response
      x.response.headers.clear();
      x.response.status = 0;
      const size_t space = line.find(' ');
      x.response.http_version =
          std::string(line.substr(5, space == std::string_view::npos ? space : space - 5));
      if (space != std::string_view::npos) {
        const std::string_view code = trim(line.substr(space + 1));
        std::from_chars(code.data(), code.data() + std::min<size_t>(code.size(), 3), x.response.status);
      }
    } else if (const size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
      x.response.headers.push_back(
          Header{text::ascii_lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    }
  } catch (...) {
    return 0;  // out of memory: fail the transfer rather than let an exception cross libcurl
  }
  return n;
}

size_t exchange_on_body(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  const size_t n = size * count;
  x.touch();
  x.got_response = true;
  try {
    if (x.to_sink()) {
      if (!(*x.sink)(std::string_view(data, n))) {
        x.sink_stopped = true;
        return CURL_WRITEFUNC_ERROR;
      }
    } else if (x.sink == nullptr || x.response.body.size() < kMaxErrorBody) {
      x.response.body.append(data, n);
    }
  } catch (...) {
    x.sink_error = std::current_exception();
    return CURL_WRITEFUNC_ERROR;
  }
  return n;
}

// Uploaded bytes count too: sending a large request body is not a stall.
int exchange_on_progress(void* user, curl_off_t, curl_off_t down, curl_off_t, curl_off_t up) {
  auto& x = *static_cast<Exchange*>(user);
  if (down != x.last_down || up != x.last_up) {
    x.last_down = down;
    x.last_up = up;
    x.touch();
  }
  return 0;
}

int exchange_on_connected(void* user, char*, char*, int, int) {
  auto& x = *static_cast<Exchange*>(user);
  x.connected = true;
  x.touch();
  return CURL_PREREQFUNC_OK;
}

}  // namespace flinktop::http
