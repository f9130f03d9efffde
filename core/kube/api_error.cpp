#include "core/kube/api_error.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/text/one_line.hpp"

namespace flinktop::kube {

std::string status_message(std::string_view body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) {
    auto it = parsed.find("message");
    if (it != parsed.end() && it->is_string()) return text::one_line(it->get<std::string>());
  }
  return text::one_line(body.substr(0, body.find('\n')));
}

namespace {

std::string describe_target(const RequestTarget& t) {
  std::string what = fmt::format("{} {}", t.verb, t.resource);
  if (!t.name.empty()) what += fmt::format(" \"{}\"", t.name);
  if (!t.namespace_.empty()) {
    what += fmt::format(" in namespace \"{}\"", t.namespace_);
  } else if (t.name.empty()) {
    what += " in all namespaces";
  }
  return what;
}

}  // namespace

Error api_error(const http::Response& response, const RequestTarget& t) {
  const std::string server_says = status_message(response.body);
  const std::string said = server_says.empty() ? "" : ": " + server_says;
  const std::string where = fmt::format("context \"{}\": ", t.context);
  const std::string what = describe_target(t);
  switch (response.status) {
    case 401:
      return Error(ErrorKind::Unauthorized,
                   fmt::format("{}{} failed: {} rejected the {} (401 Unauthorized); log in again or fix the "
                               "user in the kubeconfig",
                               where, what, t.server, t.credential.empty() ? "anonymous request" : t.credential));
    case 403:
      return Error(ErrorKind::Forbidden,
                   fmt::format("{}not allowed to {} (403 Forbidden){}", where, what, said));
    case 404:
      return Error(ErrorKind::NotFound, fmt::format("{}{}: not found (404){}", where, what, said));
    case 409:
      return Error(ErrorKind::Conflict, fmt::format("{}{}: conflict (409){}", where, what, said));
    case 410:
      return Error(ErrorKind::Gone, fmt::format("{}{}: resource version too old (410 Gone){}", where, what, said));
    case 400:
    case 422:
      return Error(ErrorKind::Invalid,
                   fmt::format("{}{} rejected by the API server ({}){}", where, what, response.status, said));
    default:
      return Error(ErrorKind::Server,
                   fmt::format("{}{} failed: {} answered {}{}", where, what, t.server, response.status, said));
  }
}

}  // namespace flinktop::kube
