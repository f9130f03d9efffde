// The kubeconfig as kubectl reads it: several files merged (first file wins per key), paths
// resolved relative to the file that named them, -data fields decoded. Pure data; no network.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flinktop::kube {

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or /v1beta1
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;  // Never | IfAvailable | Always ("" = IfAvailable, as kubectl)
  bool provide_cluster_info = false;
  std::string install_hint;
  std::string origin_dir;  // directory of the kubeconfig that named it: a relative command resolves here
};

struct AuthInfo {
  std::string name;
  std::string token;
  std::string token_file;
  std::string username;
  std::string password;
  std::string client_certificate;       // path
  std::string client_certificate_data;  // decoded PEM
  std::string client_key;               // path
  std::string client_key_data;          // decoded PEM
  std::optional<ExecConfig> exec;
  std::string auth_provider;  // name of a legacy auth-provider (unsupported: clear error)
};

struct ClusterEntry {
  std::string name;
  std::string server;
  std::string certificate_authority;       // path
  std::string certificate_authority_data;  // decoded PEM
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
};

struct ContextEntry {
  std::string name;
  std::string cluster;
  std::string user;
  std::string namespace_;
};

struct Kubeconfig {
  std::map<std::string, ClusterEntry> clusters;
  std::map<std::string, AuthInfo> users;
  std::map<std::string, ContextEntry> contexts;
  std::string current_context;
  std::vector<std::string> files;  // the files that were read, in merge order
};

// Where to read from, in kubectl's order: --kubeconfig (one file, must exist), else KUBECONFIG
// (a ':'-separated list; missing files skipped), else ~/.kube/config.
struct KubeconfigSources {
  std::optional<std::string> explicit_path;  // --kubeconfig
  std::optional<std::string> env;            // $KUBECONFIG
  std::string home;                          // $HOME
};

KubeconfigSources kubeconfig_sources_from_environment(std::optional<std::string> explicit_path);

// Throws flinktop::Error(Config) naming the file (and line where yaml-cpp gives one).
Kubeconfig load_kubeconfig(const KubeconfigSources& sources);
Kubeconfig parse_kubeconfig(const std::string& yaml_text, const std::string& origin_path);
// Merges `next` into `into` with kubectl's rule: an existing key is never overwritten.
void merge_kubeconfig(Kubeconfig& into, const Kubeconfig& next);

}  // namespace flinktop::kube
