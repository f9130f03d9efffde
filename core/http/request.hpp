// Plain values for one HTTP exchange: what we send and what came back.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace flinktop::http {

enum class Method { Get, Post, Put, Patch, Delete };

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  Method method = Method::Get;
  std::string url;  // absolute: scheme://host:port/path?query
  std::vector<Header> headers;
  std::string body;
  // Whole-request limit. Zero means none: LIST pages, watches and log streams must not have one.
  std::chrono::milliseconds total_timeout{0};
  // Abort when no byte arrives for this long. Zero means the Session's default.
  std::chrono::milliseconds idle_timeout{0};
};

struct Response {
  long status = 0;
  std::vector<Header> headers;  // names lower-cased
  std::string body;             // empty for a streamed 2xx body (it went to the sink)
  std::string http_version;     // "1.1", "2"

  // Value of the first header with this (case-insensitive) name, or "".
  std::string header(std::string_view name) const;
};

}  // namespace flinktop::http
