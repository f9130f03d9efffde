// The failure → message table. Each message says what failed (naming scheme://host:port) and what
// to do; TLS failures say whether the CA, the server name or the client certificate is at fault.
#include "core/http/transfer_error.hpp"

#include <cerrno>
#include <cstring>
#include <string_view>

namespace flinktop::http {

namespace {

// libcurl's error text, made safe for a one-line message (it names hosts, never headers). Its
// "getpeername() failed" line only means the peer was already gone: noise for a user.
std::string in_parens(const std::string& detail) {
  if (detail.empty() || detail.find("getpeername") != std::string::npos) return {};
  std::string clean;
  clean.reserve(detail.size());
  for (char c : detail) clean.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  return " (" + clean + ")";
}

bool contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

// With TLS 1.3 a server checks the client certificate after the client considers the handshake
// done, so a rejection shows up on the first send or receive: as the peer's alert ("alert
// certificate required", "alert handshake failure"), or — when the server resets the connection —
// as a failed send, or a socket that was already gone right after the handshake (libcurl's first
// error line is then "getpeername() failed").
bool rejected_after_handshake(const TransferFailure& f) {
  if (f.got_response) return false;
  if (contains(f.detail, "alert") || contains(f.detail, "getpeername")) return true;
  return f.code == CURLE_SEND_ERROR;
}

// X509_V_ERR_CERT_NOT_YET_VALID / X509_V_ERR_CERT_HAS_EXPIRED (stable OpenSSL numbers; core/http
// does not include OpenSSL headers).
constexpr long kCertNotYetValid = 9;
constexpr long kCertHasExpired = 10;

Error closed_connection(const TransferTarget& t, const TransferFailure& f) {
  if (f.got_response) {
    return Error(ErrorKind::Connect, "connection to " + t.origin +
                                         " closed mid-response (retry; if it keeps " +
                                         "happening check proxies and the server's logs)");
  }
  return Error(ErrorKind::Connect, "connection to " + t.origin + " closed before a response" +
                                       in_parens(f.detail) + " (retry; check that the address serves " +
                                       (t.tls ? "HTTPS" : "HTTP") + ")");
}

Error handshake_failed(const TransferTarget& t, const TransferFailure& f) {
  if (contains(f.detail, "wrong version number")) {  // an HTTP (not HTTPS) server answered
    return Error(ErrorKind::Tls,
                 "TLS handshake with " + t.origin +
                     " failed: the server does not speak TLS on this port (use http:// or fix the port)");
  }
  if (!t.client_cert && f.code != CURLE_SSL_CONNECT_ERROR) {
    return Error(ErrorKind::Tls,
                 "TLS handshake with " + t.origin +
                     " failed: the server wants a client certificate and none is configured " +
                     "(check client-certificate / client-key or the user's credentials)");
  }
  return Error(ErrorKind::Tls, "TLS handshake with " + t.origin +
                                   " failed: the server rejected the client certificate or the handshake" +
                                   in_parens(f.detail) +
                                   " (check client-certificate / client-key and the CA)");
}

}  // namespace

std::string describe_duration(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  std::string text = std::to_string(ms / 1000);
  if (long long frac = ms % 1000; frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + "s";
}

Error transfer_error(const TransferTarget& t, const TransferFailure& f) {
  switch (f.code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Error(ErrorKind::Config, "invalid server address " + t.origin + in_parens(f.detail));

    case CURLE_COULDNT_RESOLVE_PROXY:
      return Error(ErrorKind::Connect, "cannot resolve the proxy for " + t.origin + in_parens(f.detail) +
                                           " (check proxy-url / HTTPS_PROXY)");
    case CURLE_COULDNT_RESOLVE_HOST:
      return Error(ErrorKind::Connect, "cannot resolve host " + t.host + " of " + t.origin +
                                           " (check the server address and DNS)");
    case CURLE_COULDNT_CONNECT: {
      std::string why = "connection failed";
      if (f.os_errno == ECONNREFUSED) why = "connection refused";
      if (f.os_errno == ENETUNREACH || f.os_errno == EHOSTUNREACH) why = "host unreachable";
      if (f.os_errno == ETIMEDOUT) why = "connection timed out";
      return Error(ErrorKind::Connect, "cannot connect to " + t.origin + ": " + why +
                                           " (is the server running and the address or port-forward right?)");
    }
    case CURLE_OPERATION_TIMEDOUT:  // only the connect timeout is delegated to libcurl
      return Error(ErrorKind::Timeout, "cannot connect to " + t.origin + " within " +
                                           describe_duration(t.connect_timeout) +
                                           " (check the address, the network and proxies)");

    case CURLE_PEER_FAILED_VERIFICATION:
      if (f.verify_result == kCertHasExpired || f.verify_result == kCertNotYetValid) {
        return Error(ErrorKind::Tls, "server certificate of " + t.origin +
                                         " has expired or is not yet valid (renew it or check the clock)");
      }
      // A chain that verified (0) with a failure here means the name check failed.
      if (f.verify_result != 0 && !contains(f.detail, "subject name") &&
          !contains(f.detail, "does not match")) {
        return Error(ErrorKind::Tls, "server certificate of " + t.origin +
                                         " is not signed by the trusted CA" + in_parens(f.detail) +
                                         " (check certificate-authority / certificate-authority-data)");
      }
      return Error(ErrorKind::Tls, "server certificate of " + t.origin + " is not valid for " +
                                       t.verify_name + " (set tls-server-name or fix the certificate)");

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CLIENTCERT: return handshake_failed(t, f);
    case CURLE_SSL_CERTPROBLEM:
      return Error(ErrorKind::Tls, "the client certificate or key for " + t.origin + " cannot be used" +
                                       in_parens(f.detail) +
                                       " (check client-certificate-data / client-key-data)");
    case CURLE_SSL_CACERT_BADFILE:
      return Error(ErrorKind::Tls, "the certificate authority for " + t.origin + " cannot be loaded" +
                                       in_parens(f.detail) + " (check certificate-authority-data)");
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return Error(ErrorKind::Tls, "TLS with " + t.origin + " failed" + in_parens(f.detail) +
                                       " (check the certificate settings)");

    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
      if (t.tls && rejected_after_handshake(f)) return handshake_failed(t, f);
      return closed_connection(t, f);
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return closed_connection(t, f);

    case CURLE_PROXY:
      return Error(ErrorKind::Connect, "the proxy refused the connection to " + t.origin +
                                           in_parens(f.detail) +
                                           " (check proxy-url / HTTPS_PROXY / NO_PROXY)");
    default: break;
  }
  const std::string detail = f.detail.empty() ? std::string(curl_easy_strerror(f.code)) : f.detail;
  return Error(ErrorKind::Connect, "request to " + t.origin + " failed" + in_parens(detail) + " (retry)");
}

Error idle_timeout_error(const TransferTarget& t, std::chrono::milliseconds idle) {
  return Error(ErrorKind::Timeout, "no data from " + t.origin + " for " + describe_duration(idle) +
                                       " (the server or network stalled; retry)");
}

Error total_timeout_error(const TransferTarget& t, std::chrono::milliseconds total) {
  return Error(ErrorKind::Timeout, "request to " + t.origin + " did not complete within " +
                                       describe_duration(total) + " (retry, or check the server's load)");
}

Error cancelled_error(const TransferTarget& t) {
  return Error(ErrorKind::Cancelled, "request to " + t.origin + " was cancelled");
}

}  // namespace flinktop::http
