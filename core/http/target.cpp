// URL → Target. tls-server-name works like kubectl's: the certificate (and SNI) is checked against
// the given name while the TCP connection still goes to the URL's host. libcurl verifies against the
// URL host, so the URL's host becomes the server name and CURLOPT_CONNECT_TO sends the connection to
// the real host; the Host header keeps the original authority.
#include "core/http/target.hpp"

#include "core/error.hpp"
#include "core/http/curl_handles.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::http {

namespace {


// Reads one part of a parsed URL; "" when absent.
std::string part(CURLU* url, CURLUPart which, unsigned int flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(url, which, &raw, flags) != CURLUE_OK) return {};
  curl::String owned(raw);
  return owned ? std::string(owned.get()) : std::string();
}

// An IPv6 literal needs brackets wherever a host:port follows.
std::string bracketed(const std::string& host) {
  if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
  return host;
}

bool is_loopback(const std::string& host) {
  const std::string h = text::ascii_lower(host);
  return h == "localhost" || h == "[::1]" || h.rfind("127.", 0) == 0 || h.ends_with(".localhost");
}

[[noreturn]] void invalid(const std::string& why) {
  throw Error(ErrorKind::Config, "invalid server URL: " + why + " (expected scheme://host:port/path)");
}

}  // namespace

Target make_target(const std::string& url_text, const SessionOptions& options) {
  curl::Url url(curl_url());
  if (!url) throw Error(ErrorKind::Connect, "out of memory parsing a URL");
  if (curl_url_set(url.get(), CURLUPART_URL, url_text.c_str(), 0) != CURLUE_OK) {
    invalid("cannot parse it");  // the text itself is not repeated: it may carry userinfo
  }
  Target t;
  const std::string scheme = text::ascii_lower(part(url.get(), CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https") invalid("scheme " + scheme + " is not http or https");
  t.tls = scheme == "https";
  const std::string host = part(url.get(), CURLUPART_HOST);
  const std::string port = part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  const bool explicit_port = !part(url.get(), CURLUPART_PORT).empty();
  if (host.empty()) invalid("no host");

  t.names.host = bracketed(host);
  t.names.origin = scheme + "://" + t.names.host + ":" + port;
  t.names.verify_name = t.names.host;
  t.names.connect_timeout = options.connect_timeout;
  t.names.tls = t.tls;
  t.names.client_cert = !options.tls.client_cert_pem.empty();
  t.loopback = is_loopback(t.names.host);

  const std::string& server_name = options.tls.server_name;
  if (t.tls && !server_name.empty() && text::ascii_lower(server_name) != text::ascii_lower(host)) {
    t.names.verify_name = server_name;
    const std::string name = bracketed(server_name);
    if (curl_url_set(url.get(), CURLUPART_HOST, name.c_str(), 0) != CURLUE_OK) {
      throw Error(ErrorKind::Config, "invalid tls-server-name " + server_name + " (expected a DNS name)");
    }
    t.connect_to = name + ":" + port + ":" + t.names.host + ":" + port;
    t.host_header = "Host: " + t.names.host + (explicit_port ? ":" + port : std::string());
  }
  t.url = part(url.get(), CURLUPART_URL);
  if (t.url.empty()) invalid("cannot rebuild it");
  return t;
}

}  // namespace flinktop::http
