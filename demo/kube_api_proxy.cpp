// KubeApiServer's service proxy: /api/v1/namespaces/NS/services/SVC:PORT/proxy/PATH forwarded to the
// registered loopback backend (never anywhere else), as a real API server forwards to a Service.
#include <httplib.h>

#include "demo/kube_api_paths.hpp"
#include "demo/kube_api_server.hpp"

namespace flinktop::demo {

using namespace kube_api;

void KubeApiServer::handle_proxy(const httplib::Request& req, httplib::Response& res,
                                 std::unique_lock<std::mutex>& lock, const std::vector<std::string>& parts) {
  // "svc", "svc:port" or "http:svc:port" (the scheme prefix is how a client asks for TLS).
  std::string service = parts[5];
  if (service.rfind("http:", 0) == 0) service = service.substr(5);
  auto proxy = proxies_.find(parts[3] + "/" + service);
  if (proxy == proxies_.end() && service.find(':') == std::string::npos) {
    proxy = proxies_.find(parts[3] + "/" + service + ":8081");
  }
  if (proxy == proxies_.end()) {
    reply_status(res, 503, "ServiceUnavailable",
                 "no endpoints available for service \"" + service.substr(0, service.find(':')) + "\"");
    return;
  }
  const Proxy backend_at = proxy->second;
  lock.unlock();  // the backend may be slow: never hold the server's lock across it

  std::string path = backend_at.prefix;
  for (std::size_t i = 7; i < parts.size(); ++i) path += "/" + parts[i];
  if (path.empty()) path = "/";
  std::string query;
  for (const auto& [key, value] : req.params) {
    query += (query.empty() ? "?" : "&") + key + "=" + httplib::detail::encode_query_param(value);
  }
  path += query;

  // By host and port, not by URL: httplib's URL constructor parses with a function-local static
  // std::regex inside libcpp-httplib.so, which is not built with ThreadSanitizer, so TSan cannot see
  // that two handler threads find it initialised in order (the TSan stage reported it).
  // proxy_service() only takes "http://127.0.0.1:PORT".
  httplib::Client backend("127.0.0.1", std::stoi(backend_at.base.substr(backend_at.base.rfind(':') + 1)));
  backend.set_read_timeout(30, 0);
  httplib::Headers headers;
  const std::string content_type = req.get_header_value("Content-Type");
  // cpp-httplib hands a multipart body (a jar upload) over parsed: send it on as multipart again.
  httplib::MultipartFormDataItems form;
  for (const auto& [name, part] : req.files) form.push_back(part);
  httplib::Result answer = req.method == "POST" && req.is_multipart_form_data() ? backend.Post(path, headers, form)
                           : req.method == "GET"                                 ? backend.Get(path, headers)
                           : req.method == "POST" ? backend.Post(path, headers, req.body, content_type)
                           : req.method == "PATCH" ? backend.Patch(path, headers, req.body, content_type)
                           : req.method == "PUT"   ? backend.Put(path, headers, req.body, content_type)
                                                   : backend.Delete(path, headers);
  if (!answer) {
    reply_status(res, 503, "ServiceUnavailable", "error trying to reach service: connection refused");
    return;
  }
  res.status = answer->status;
  res.set_content(answer->body, answer->get_header_value("Content-Type"));
}

}  // namespace flinktop::demo
