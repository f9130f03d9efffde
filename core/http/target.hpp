// Where a request goes (private to core/http): the URL split into what libcurl dials, what the
// certificate must match and what error messages name.
#pragma once

#include <string>

#include "core/http/session.hpp"
#include "core/http/transfer_error.hpp"

namespace flinktop::http {

struct Target {
  TransferTarget names;     // origin / host / verify name for messages
  std::string url;          // the URL handed to libcurl (host replaced by tls server_name, if any)
  std::string connect_to;   // CURLOPT_CONNECT_TO entry "name:port:host:port", or "" for none
  std::string host_header;  // "Host: host[:port]" that keeps the URL's authority, or "" for none
  bool tls = false;
  bool loopback = false;  // 127.0.0.0/8, ::1 or localhost: environment proxies never apply
};

// Throws Error(Config) for a URL libcurl cannot parse or a scheme other than http/https.
Target make_target(const std::string& url, const SessionOptions& options);

}  // namespace flinktop::http
