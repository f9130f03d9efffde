// Exit codes by error kind: scripts branch on these, so they are part of the CLI contract.
#include "core/error.hpp"

namespace flinktop {

int exit_code_for(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Usage: return 2;
    case ErrorKind::Config: return 3;
    case ErrorKind::Connect:
    case ErrorKind::Tls:
    case ErrorKind::Timeout:
    case ErrorKind::Cancelled: return 4;
    case ErrorKind::Unauthorized:
    case ErrorKind::Forbidden: return 5;
    case ErrorKind::NotFound: return 6;
    case ErrorKind::Conflict:
    case ErrorKind::Gone:
    case ErrorKind::Invalid:
    case ErrorKind::Server:
    case ErrorKind::Decode:
    case ErrorKind::Unsupported: return 1;
  }
  return 1;
}

}  // namespace flinktop
