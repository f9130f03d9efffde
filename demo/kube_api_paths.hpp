// How the simulated Kubernetes API reads a request path and writes a Status: the small pieces the
// server's request handling, watches and logs share (demo/kube_api_*.cpp).
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flinktop::demo::kube_api {

// A Kubernetes `Status` object (kind Status, status Failure) as JSON text.
std::string status_body(int code, const std::string& reason, const std::string& message);
void reply_status(httplib::Response& res, int code, const std::string& reason, const std::string& message);

std::vector<std::string> split_path(const std::string& path);

// /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]] or /apis/GROUP/VERSION/...
struct Target {
  std::string group;
  std::string version;
  std::string ns;
  std::string plural;
  std::string name;
  std::string subresource;  // "status", "log"
};
std::optional<Target> parse_target(const std::string& path);

// "namespace/name" of a stored object ("/name" when cluster-scoped).
std::string key_of(const nlohmann::json& object);

// Equality-based label selectors as kubectl sends them: "a=b,c!=d,e" (e = the label exists).
// Unparseable terms match nothing, like the API server's 400 would show nothing.
bool labels_match(const nlohmann::json& object, const std::string& selector);

}  // namespace flinktop::demo::kube_api
