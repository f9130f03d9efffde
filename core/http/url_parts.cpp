#include "core/http/url_parts.hpp"

#include "core/http/curl_handles.hpp"
#include "core/text/ascii_case.hpp"

namespace flinktop::http {

namespace {

std::string part(CURLU* url, CURLUPart which, unsigned int flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(url, which, &raw, flags) != CURLUE_OK) return {};
  curl::String owned(raw);
  return owned ? std::string(owned.get()) : std::string();
}

}  // namespace

std::optional<UrlParts> parse_url(std::string_view text, bool guess_scheme) {
  curl::Url url(curl_url());
  const std::string owned(text);
  const unsigned flags = guess_scheme ? CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME : 0;
  if (!url || curl_url_set(url.get(), CURLUPART_URL, owned.c_str(), flags) != CURLUE_OK) return std::nullopt;
  UrlParts out;
  out.scheme = text::ascii_lower(part(url.get(), CURLUPART_SCHEME));
  out.host = part(url.get(), CURLUPART_HOST);
  if (out.host.size() > 2 && out.host.front() == '[') out.host = out.host.substr(1, out.host.size() - 2);
  out.port = part(url.get(), CURLUPART_PORT);
  out.default_port = part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  out.path = part(url.get(), CURLUPART_PATH);
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  out.user = part(url.get(), CURLUPART_USER, CURLU_URLDECODE);
  out.password = part(url.get(), CURLUPART_PASSWORD, CURLU_URLDECODE);
  return out;
}

}  // namespace flinktop::http
