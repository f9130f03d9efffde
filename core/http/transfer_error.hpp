// Turns a failed libcurl transfer into the one-line flinktop::Error a user can act on (private to
// core/http). Messages name scheme://host:port and never carry header values or bodies.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>

#include "core/error.hpp"

namespace flinktop::http {

// What is known about a failed transfer when libcurl reports it.
struct TransferFailure {
  CURLcode code = CURLE_OK;
  std::string detail;         // libcurl's error buffer (no headers, no bodies)
  long verify_result = 0;     // CURLINFO_SSL_VERIFYRESULT: the X509 verification error, 0 = chain OK
  long os_errno = 0;          // CURLINFO_OS_ERRNO
  bool got_response = false;  // any byte of a response (status line, header or body) arrived
};

// Where the transfer went, for messages.
struct TransferTarget {
  std::string origin;       // scheme://host:port (no userinfo, path or query)
  std::string host;         // as in the URL ("[::1]" for IPv6)
  std::string verify_name;  // the name the server certificate must match (tls-server-name or host)
  std::chrono::milliseconds connect_timeout{0};
  bool tls = false;          // https
  bool client_cert = false;  // a client certificate is configured
};

Error transfer_error(const TransferTarget& target, const TransferFailure& failure);
Error idle_timeout_error(const TransferTarget& target, std::chrono::milliseconds idle);
Error total_timeout_error(const TransferTarget& target, std::chrono::milliseconds total);
Error cancelled_error(const TransferTarget& target);

// "30s", "0.3s", "1.25s".
std::string describe_duration(std::chrono::milliseconds duration);

}  // namespace flinktop::http
