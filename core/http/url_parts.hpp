// A URL split by libcurl's parser, for the code outside core/http that must dial or name a server
// itself (the port-forward's WebSockets, its proxy): the same parser as every request, so a URL
// means the same thing everywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flinktop::http {

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // an IPv6 literal without its brackets
  std::string port;    // as written; "" when the URL names none
  std::string default_port;  // the scheme's (443, 80) when it names none, else `port`
  std::string path;          // "" or "/…", without a trailing "/"
  std::string user;          // URL-decoded; "" when absent
  std::string password;      // URL-decoded; "" when absent
};

// nullopt when libcurl cannot parse it. `guess_scheme`: "host:port" is read as http://host:port
// (as in a proxy variable), and any scheme is accepted.
std::optional<UrlParts> parse_url(std::string_view text, bool guess_scheme = false);

}  // namespace flinktop::http
