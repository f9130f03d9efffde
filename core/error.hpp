// The one error type that crosses module boundaries: a kind the caller can act on, and a one-line
// message written for the user (what failed and what to do). Messages never contain secrets.
#pragma once

#include <stdexcept>
#include <string>

namespace flinktop {

enum class ErrorKind {
  Usage,         // bad flags or arguments
  Config,        // kubeconfig / config file missing, unreadable or malformed; unknown context
  Connect,       // server unreachable, DNS, refused, proxy
  Tls,           // certificate authority, server name, client certificate
  Timeout,       // connect timeout, or no byte for longer than the idle timeout (a stall)
  Cancelled,     // cancelled from another thread
  Unauthorized,  // 401
  Forbidden,     // 403
  NotFound,      // 404
  Conflict,      // 409
  Gone,          // 410 (watch resourceVersion too old)
  Invalid,       // 400 / 422: the server rejected the request body
  Server,        // 5xx and anything else unexpected from the server
  Decode,        // malformed JSON / YAML / unexpected shape
  Unsupported,   // a feature the server or config asks for that flinktop does not support
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message) : std::runtime_error(std::move(message)), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// Process exit code for an error kind (documented in the man page and --help).
int exit_code_for(ErrorKind kind) noexcept;

}  // namespace flinktop
