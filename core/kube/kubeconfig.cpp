// Kubeconfig loading as kubectl does it: the source list, YAML decoding into plain entries, path
// resolution against the file that named a path, base64 -data fields, and the first-wins merge.
#include "core/kube/kubeconfig.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdlib>
#include <set>

#include "core/error.hpp"
#include "core/kube/base64.hpp"
#include "core/kube/local_file.hpp"

namespace flinktop::kube {
namespace {

// Decodes one file. Every message names the file and, where yaml-cpp knows it, the line; none
// contains a field's value (values may be secrets).
class FileParser {
 public:
  explicit FileParser(const std::string& origin_path)
      : path_(origin_path), dir_(absolute_directory_of(origin_path)) {}

  Kubeconfig parse(const std::string& text) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw Error(ErrorKind::Config, fmt::format("kubeconfig {}: malformed YAML: {}", where(e.mark), e.msg));
    }
    Kubeconfig config;
    config.files.push_back(path_);
    if (root.IsNull() || !root.IsDefined()) return config;  // an empty file is an empty config
    if (!root.IsMap()) fail(root, "the top level is not a mapping (is this a kubeconfig file?)");
    try {
      config.current_context = string_field(root, "current-context", "current-context");
      for_each_named(root, "clusters", "cluster", [&](const std::string& name, const YAML::Node& n) {
        ClusterEntry entry = parse_cluster(name, n);
        insert_unique(config.clusters, name, std::move(entry), "cluster", n);
      });
      for_each_named(root, "users", "user", [&](const std::string& name, const YAML::Node& n) {
        AuthInfo entry = parse_user(name, n);
        insert_unique(config.users, name, std::move(entry), "user", n);
      });
      for_each_named(root, "contexts", "context", [&](const std::string& name, const YAML::Node& n) {
        ContextEntry entry = parse_context(name, n);
        insert_unique(config.contexts, name, std::move(entry), "context", n);
      });
    } catch (const YAML::Exception& e) {  // a shape this parser did not anticipate
      throw Error(ErrorKind::Config, fmt::format("kubeconfig {}: {}", where(e.mark), e.msg));
    }
    return config;
  }

 private:
  std::string where(const YAML::Mark& mark) const {
    if (mark.is_null()) return path_;
    return fmt::format("{}:{}", path_, mark.line + 1);
  }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    throw Error(ErrorKind::Config, fmt::format("kubeconfig {}: {}", where(at.Mark()), what));
  }

  static YAML::Node child(const YAML::Node& map, const char* key) {
    if (!map.IsMap()) return YAML::Node();
    YAML::Node n = map[key];
    return n.IsDefined() ? n : YAML::Node();
  }

  std::string string_field(const YAML::Node& map, const char* key, const std::string& what) const {
    YAML::Node n = child(map, key);
    if (n.IsNull()) return "";
    if (!n.IsScalar()) fail(n, fmt::format("{} must be a string", what));
    return n.Scalar();
  }

  bool bool_field(const YAML::Node& map, const char* key, const std::string& what) const {
    YAML::Node n = child(map, key);
    if (n.IsNull()) return false;
    bool value = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, value))
      fail(n, fmt::format("{} must be true or false", what));
    return value;
  }

  std::string data_field(const YAML::Node& map, const char* key, const std::string& what) const {
    YAML::Node n = child(map, key);
    if (n.IsNull()) return "";
    if (!n.IsScalar()) fail(n, fmt::format("{} must be a base64 string", what));
    auto decoded = base64_decode(n.Scalar());
    if (!decoded) fail(n, fmt::format("{} is not valid base64", what));
    return *decoded;
  }

  std::string path_field(const YAML::Node& map, const char* key, const std::string& what) const {
    return resolve_against(dir_, string_field(map, key, what));
  }

  // clusters/users/contexts are lists of {name: N, <body_key>: {...}}.
  template <typename F>
  void for_each_named(const YAML::Node& root, const char* list_key, const char* body_key, F&& f) const {
    YAML::Node list = child(root, list_key);
    if (list.IsNull()) return;
    if (!list.IsSequence()) fail(list, fmt::format("{} must be a list", list_key));
    for (const YAML::Node& item : list) {
      if (!item.IsMap()) fail(item, fmt::format("each entry of {} must be a mapping", list_key));
      std::string name = string_field(item, "name", fmt::format("{}[].name", list_key));
      YAML::Node body = child(item, body_key);
      if (!body.IsNull() && !body.IsMap())
        fail(body, fmt::format("{}[\"{}\"].{} must be a mapping", list_key, name, body_key));
      f(name, body.IsNull() ? item : body);
    }
  }

  template <typename T>
  void insert_unique(std::map<std::string, T>& into, const std::string& name, T entry, const char* kind,
                     const YAML::Node& at) const {
    if (!into.emplace(name, std::move(entry)).second)
      fail(at, fmt::format("{} \"{}\" is defined twice in this file", kind, name));
  }

  ClusterEntry parse_cluster(const std::string& name, const YAML::Node& n) const {
    auto what = [&](const char* field) { return fmt::format("clusters[\"{}\"].cluster.{}", name, field); };
    ClusterEntry c;
    c.name = name;
    c.server = string_field(n, "server", what("server"));
    c.certificate_authority = path_field(n, "certificate-authority", what("certificate-authority"));
    c.certificate_authority_data =
        data_field(n, "certificate-authority-data", what("certificate-authority-data"));
    c.insecure_skip_tls_verify = bool_field(n, "insecure-skip-tls-verify", what("insecure-skip-tls-verify"));
    c.tls_server_name = string_field(n, "tls-server-name", what("tls-server-name"));
    c.proxy_url = string_field(n, "proxy-url", what("proxy-url"));
    return c;
  }

  AuthInfo parse_user(const std::string& name, const YAML::Node& n) const {
    auto what = [&](const char* field) { return fmt::format("users[\"{}\"].user.{}", name, field); };
    AuthInfo u;
    u.name = name;
    u.token = string_field(n, "token", what("token"));
    u.token_file = path_field(n, "tokenFile", what("tokenFile"));
    u.username = string_field(n, "username", what("username"));
    u.password = string_field(n, "password", what("password"));
    u.client_certificate = path_field(n, "client-certificate", what("client-certificate"));
    u.client_certificate_data = data_field(n, "client-certificate-data", what("client-certificate-data"));
    u.client_key = path_field(n, "client-key", what("client-key"));
    u.client_key_data = data_field(n, "client-key-data", what("client-key-data"));
    YAML::Node provider = child(n, "auth-provider");
    if (!provider.IsNull()) {
      u.auth_provider = string_field(provider, "name", what("auth-provider.name"));
      if (u.auth_provider.empty()) u.auth_provider = "(unnamed)";
    }
    YAML::Node exec = child(n, "exec");
    if (!exec.IsNull()) {
      if (!exec.IsMap()) fail(exec, fmt::format("{} must be a mapping", what("exec")));
      u.exec = parse_exec(exec, what);
    }
    return u;
  }

  template <typename What>
  ExecConfig parse_exec(const YAML::Node& n, const What& what) const {
    ExecConfig e;
    e.api_version = string_field(n, "apiVersion", what("exec.apiVersion"));
    e.command = string_field(n, "command", what("exec.command"));
    // A command with a '/' is a path relative to this file; a bare name is looked up in PATH.
    if (e.command.find('/') != std::string::npos) e.command = resolve_against(dir_, e.command);
    YAML::Node args = child(n, "args");
    if (!args.IsNull()) {
      if (!args.IsSequence()) fail(args, fmt::format("{} must be a list of strings", what("exec.args")));
      for (const YAML::Node& a : args) {
        if (!a.IsScalar()) fail(a, fmt::format("{} must be a list of strings", what("exec.args")));
        e.args.push_back(a.Scalar());
      }
    }
    YAML::Node env = child(n, "env");
    if (!env.IsNull()) {
      if (!env.IsSequence())
        fail(env, fmt::format("{} must be a list of name/value pairs", what("exec.env")));
      for (const YAML::Node& v : env) {
        if (!v.IsMap()) fail(v, fmt::format("{} must be a list of name/value pairs", what("exec.env")));
        e.env.emplace_back(string_field(v, "name", what("exec.env[].name")),
                           string_field(v, "value", what("exec.env[].value")));
      }
    }
    e.interactive_mode = string_field(n, "interactiveMode", what("exec.interactiveMode"));
    e.provide_cluster_info = bool_field(n, "provideClusterInfo", what("exec.provideClusterInfo"));
    e.install_hint = string_field(n, "installHint", what("exec.installHint"));
    e.origin_dir = dir_;
    return e;
  }

  ContextEntry parse_context(const std::string& name, const YAML::Node& n) const {
    auto what = [&](const char* field) { return fmt::format("contexts[\"{}\"].context.{}", name, field); };
    ContextEntry c;
    c.name = name;
    c.cluster = string_field(n, "cluster", what("cluster"));
    c.user = string_field(n, "user", what("user"));
    c.namespace_ = string_field(n, "namespace", what("namespace"));
    return c;
  }

  std::string path_;
  std::string dir_;
};

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace

KubeconfigSources kubeconfig_sources_from_environment(std::optional<std::string> explicit_path) {
  KubeconfigSources sources;
  sources.explicit_path = std::move(explicit_path);
  if (const char* env = std::getenv("KUBECONFIG"); env && *env) sources.env = env;
  if (const char* home = std::getenv("HOME")) sources.home = home;
  return sources;
}

Kubeconfig parse_kubeconfig(const std::string& yaml_text, const std::string& origin_path) {
  return FileParser(origin_path).parse(yaml_text);
}

void merge_kubeconfig(Kubeconfig& into, const Kubeconfig& next) {
  for (const auto& [name, entry] : next.clusters) into.clusters.emplace(name, entry);
  for (const auto& [name, entry] : next.users) into.users.emplace(name, entry);
  for (const auto& [name, entry] : next.contexts) into.contexts.emplace(name, entry);
  if (into.current_context.empty()) into.current_context = next.current_context;
  into.files.insert(into.files.end(), next.files.begin(), next.files.end());
}

Kubeconfig load_kubeconfig(const KubeconfigSources& sources) {
  if (sources.explicit_path) {
    const std::string& path = *sources.explicit_path;
    if (path.empty()) throw Error(ErrorKind::Config, "--kubeconfig was given an empty path");
    LocalFile file = read_local_file(path);
    if (!file.ok())
      throw Error(ErrorKind::Config,
                  fmt::format("kubeconfig {} (from --kubeconfig) {}", path, describe_errno(file.error)));
    return parse_kubeconfig(file.text, path);
  }

  if (sources.env && !sources.env->empty()) {
    std::vector<std::string> listed;
    std::set<std::string> seen;
    size_t start = 0;
    while (start <= sources.env->size()) {
      size_t end = sources.env->find(':', start);
      if (end == std::string::npos) end = sources.env->size();
      std::string path = sources.env->substr(start, end - start);
      if (!path.empty() && seen.insert(path).second) listed.push_back(path);
      start = end + 1;
    }
    Kubeconfig merged;
    bool any = false;
    for (const std::string& path : listed) {
      LocalFile file = read_local_file(path);
      if (file.error == ENOENT) continue;  // kubectl skips files in KUBECONFIG that do not exist
      if (!file.ok())
        throw Error(ErrorKind::Config,
                    fmt::format("kubeconfig {} (from KUBECONFIG) {}", path, describe_errno(file.error)));
      merge_kubeconfig(merged, parse_kubeconfig(file.text, path));
      any = true;
    }
    if (!any)
      throw Error(
          ErrorKind::Config,
          fmt::format("none of the files in KUBECONFIG exists ({}); fix KUBECONFIG or pass --kubeconfig",
                      join(listed, ", ")));
    return merged;
  }

  if (sources.home.empty())
    throw Error(ErrorKind::Config, "no kubeconfig: HOME is not set; set KUBECONFIG or pass --kubeconfig");
  std::string path = sources.home + "/.kube/config";
  LocalFile file = read_local_file(path);
  if (!file.ok())
    throw Error(ErrorKind::Config, fmt::format("kubeconfig {} {}; set KUBECONFIG or pass --kubeconfig", path,
                                               describe_errno(file.error)));
  return parse_kubeconfig(file.text, path);
}

}  // namespace flinktop::kube
