#include "demo/kube_api_paths.hpp"

#include <sstream>

namespace flinktop::demo::kube_api {

using nlohmann::json;

std::string status_body(int code, const std::string& reason, const std::string& message) {
  return json{{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"status", "Failure"},
              {"message", message}, {"reason", reason}, {"code", code}}
      .dump();
}

void reply_status(httplib::Response& res, int code, const std::string& reason, const std::string& message) {
  res.status = code;
  res.set_content(status_body(code, reason, message), "application/json");
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::optional<Target> parse_target(const std::string& path) {
  auto parts = split_path(path);
  Target t;
  std::size_t i = 0;
  if (parts.size() >= 2 && parts[0] == "api") {
    t.version = parts[1];
    i = 2;
  } else if (parts.size() >= 3 && parts[0] == "apis") {
    t.group = parts[1];
    t.version = parts[2];
    i = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> rest(parts.begin() + static_cast<long>(i), parts.end());
  if (rest.size() >= 3 && rest[0] == "namespaces") {
    t.ns = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.empty() || rest.size() > 3) return std::nullopt;
  t.plural = rest[0];
  if (rest.size() >= 2) t.name = rest[1];
  if (rest.size() == 3) t.subresource = rest[2];
  return t;
}

std::string key_of(const json& object) {
  const json& meta = object["metadata"];
  return meta.value("namespace", "") + "/" + meta.value("name", "");
}

bool labels_match(const json& object, const std::string& selector) {
  if (selector.empty()) return true;
  const json* labels = nullptr;
  if (auto meta = object.find("metadata"); meta != object.end()) {
    if (auto l = meta->find("labels"); l != meta->end() && l->is_object()) labels = &*l;
  }
  auto value_of = [&](const std::string& key) -> std::optional<std::string> {
    if (labels == nullptr) return std::nullopt;
    auto it = labels->find(key);
    if (it == labels->end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  std::stringstream in(selector);
  std::string term;
  while (std::getline(in, term, ',')) {
    if (term.empty()) continue;
    if (auto ne = term.find("!="); ne != std::string::npos) {
      if (value_of(term.substr(0, ne)) == term.substr(ne + 2)) return false;
    } else if (auto eq = term.find('='); eq != std::string::npos) {
      const std::size_t value_at = term.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
      if (value_of(term.substr(0, eq)) != term.substr(value_at)) return false;
    } else if (term[0] == '!') {
      if (value_of(term.substr(1))) return false;
    } else if (!value_of(term)) {
      return false;
    }
  }
  return true;
}

}  // namespace flinktop::demo::kube_api
