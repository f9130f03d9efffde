// What the Kubernetes integration tests share about the control plane that ctest's fixture starts
// (tests/env/kube.sh, see tests/CMakeLists.txt): the instance's facts, an admin API client, other
// users' kubeconfigs, restricted service-account tokens, and flinktop run against it.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/kube/kubeconfig.hpp"
#include "core/kube/rest_config.hpp"
#include "integration/real_flink.hpp"
#include "support/run_command.hpp"

namespace flinktop::it {

inline const std::string kKubeScript = std::string(FLINKTOP_SOURCE_DIR) + "/tests/env/kube.sh";

// The control plane's kube.sh instance name (prefix + "kube", like the Flink instances').
inline std::string kube_instance() { return instance_name("kube"); }

// `kube.sh ARGS --name INSTANCE`, or a test failure with its stderr; returns stdout.
inline std::string kube_sh(std::vector<std::string> args) {
  std::vector<std::string> argv{kKubeScript};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--name", kube_instance()});
  test::CommandResult r = test::run_command(argv);
  EXPECT_EQ(r.exit_code, 0) << "kube.sh " << args[0] << " failed: " << r.err;
  return r.out;
}

// KEY=VALUE facts of the running instance (`kube.sh info`): KUBECONFIG, SERVER, CONTEXT,
// FLINK_URL, KUBECTL, STANDALONE_JOBMANAGER_POD, ... (tests/env/README.md).
inline const std::map<std::string, std::string>& kube_info() {
  static const std::map<std::string, std::string> info = [] {
    std::map<std::string, std::string> out;
    std::stringstream lines(kube_sh({"info"}));
    for (std::string line; std::getline(lines, line);) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
  }();
  return info;
}

inline std::string kube_fact(const std::string& key) {
  const auto& info = kube_info();
  const auto it = info.find(key);
  if (it == info.end()) {
    ADD_FAILURE() << "kube.sh info has no " << key << " (is the control plane running? ctest starts it)";
    return "";
  }
  return it->second;
}

inline std::string admin_kubeconfig() { return kube_fact("KUBECONFIG"); }

// An API client for the current context of `kubeconfig` (default: the admin's).
inline std::shared_ptr<kube::ApiClient> api_client(const std::string& kubeconfig = admin_kubeconfig()) {
  kube::KubeconfigSources sources;
  sources.explicit_path = kubeconfig;
  return std::make_shared<kube::ApiClient>(kube::resolve_context(kube::load_kubeconfig(sources), ""));
}

// The cluster CA of the admin kubeconfig (base64 PEM), for kubeconfigs of other users.
inline std::string cluster_ca_data() {
  std::ifstream in(admin_kubeconfig());
  const std::string key = "certificate-authority-data: ";
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(key);
    if (at != std::string::npos) return line.substr(at + key.size());
  }
  ADD_FAILURE() << "no certificate-authority-data in " << admin_kubeconfig();
  return "";
}

// A kubeconfig in `dir` whose user is `user_yaml` (indented under `user:`), current namespace `ns`.
inline std::string write_kubeconfig(const test::TempDir& dir, const std::string& file, const std::string& user_yaml,
                                    const std::string& ns) {
  std::string text = "apiVersion: v1\nkind: Config\nclusters:\n- name: kube\n  cluster:\n    server: " +
                     kube_fact("SERVER") + "\n    certificate-authority-data: " + cluster_ca_data() +
                     "\nusers:\n- name: restricted\n  user:\n" + user_yaml +
                     "contexts:\n- name: restricted\n  context:\n    cluster: kube\n    user: restricted\n"
                     "    namespace: " + ns + "\ncurrent-context: restricted\n";
  return dir.write(file, text);
}

// Creates (or keeps) ServiceAccount `sa` in `ns` bound to a Role with `rules`, and returns a
// token for it (TokenRequest, 1 h). The API server signs it with the instance's key.
inline std::string service_account_token(kube::ApiClient& admin, const std::string& ns, const std::string& sa,
                                         const nlohmann::json& rules) {
  using nlohmann::json;
  auto create_or_keep = [&](const kube::ResourceType& type, const json& object) {
    try {
      admin.create(type, ns, object);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Conflict) throw;
    }
  };
  static const kube::ResourceType kServiceAccounts{"", "v1", "serviceaccounts", "ServiceAccount", true};
  static const kube::ResourceType kRoles{"rbac.authorization.k8s.io", "v1", "roles", "Role", true};
  static const kube::ResourceType kRoleBindings{"rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true};
  create_or_keep(kServiceAccounts, {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", {{"name", sa}}}});
  create_or_keep(kRoles, {{"apiVersion", "rbac.authorization.k8s.io/v1"},
                          {"kind", "Role"},
                          {"metadata", {{"name", sa}}},
                          {"rules", rules}});
  create_or_keep(kRoleBindings, {{"apiVersion", "rbac.authorization.k8s.io/v1"},
                                 {"kind", "RoleBinding"},
                                 {"metadata", {{"name", sa}}},
                                 {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", sa}}},
                                 {"subjects", json::array({{{"kind", "ServiceAccount"}, {"name", sa}, {"namespace", ns}}})}});
  http::Request request;
  request.method = http::Method::Post;
  request.url = "/api/v1/namespaces/" + ns + "/serviceaccounts/" + sa + "/token";
  request.body = json{{"apiVersion", "authentication.k8s.io/v1"},
                      {"kind", "TokenRequest"},
                      {"spec", {{"expirationSeconds", 3600}}}}
                     .dump();
  request.headers.push_back({"Content-Type", "application/json"});
  request.headers.push_back({"Accept", "application/json"});
  const http::Response response = admin.request(request);
  EXPECT_EQ(response.status, 201) << response.body;
  return json::parse(response.body, nullptr, false).value("status", json::object()).value("token", "");
}

// Creates namespace `ns` unless it exists (no controller-manager runs: namespaces are never
// deleted here, so tests reuse theirs).
inline void ensure_namespace(kube::ApiClient& admin, const std::string& ns) {
  try {
    admin.create(kube::resources::kNamespaces, "",
                 {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Conflict) throw;
  }
}

// A TaskManager pod of native cluster `cluster` on kwok's node (no scheduler runs: nodeName is
// set), which kwok makes Running.
inline nlohmann::json kwok_taskmanager_pod(const std::string& ns, const std::string& name, const std::string& cluster) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", name},
            {"namespace", ns},
            {"labels", {{"type", "flink-native-kubernetes"}, {"app", cluster}, {"component", "taskmanager"}}}}},
          {"spec",
           {{"nodeName", "kwok-node-0"},
            {"containers", nlohmann::json::array({{{"name", "flink-main-container"}, {"image", "flink:2.3.0"}}})}}}};
}

// Deletes a pod at once, as `kubectl delete --grace-period=0 --force` does. A plain delete only
// marks a pod Terminating until its kubelet (kwok here) confirms, and kwok's own watch may still be
// catching up after an API server restart: tests about flinktop's watch must not wait on kwok's.
inline void delete_pod_now(kube::ApiClient& admin, const std::string& ns, const std::string& name) {
  http::Request request;
  request.method = http::Method::Delete;
  request.url = kube::ApiClient::resource_path(kube::resources::kPods, ns, name);
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = R"({"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0})";
  const http::Response response = admin.request(std::move(request));
  // 404: already gone, which is what the caller wants.
  EXPECT_TRUE((response.status >= 200 && response.status < 300) || response.status == 404)
      << "deleting pod " << ns << "/" << name << ": HTTP " << response.status << " " << response.body;
}

// A list of one namespace.
inline kube::ListOptions in_namespace(const std::string& ns) {
  kube::ListOptions options;
  options.namespace_ = ns;
  return options;
}

// "2.3.0" → "2.3".
inline std::string major_minor(const std::string& version) {
  const auto first = version.find('.');
  const auto second = first == std::string::npos ? first : version.find('.', first + 1);
  return version.substr(0, second);
}

// flinktop with `kubeconfig`, a private state dir (journal) and no other kubeconfig in reach.
inline test::CommandResult flinktop_kube(const std::string& kubeconfig, std::vector<std::string> args,
                                         const std::string& state_dir) {
  args.insert(args.begin(), {FLINKTOP_BINARY, "--kubeconfig", kubeconfig});
  return test::run_command(args, {"XDG_STATE_HOME=" + state_dir, "KUBECONFIG=", "HOME=" + state_dir});
}

inline nlohmann::json parse_json_or_fail(const test::CommandResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  try {
    return nlohmann::json::parse(r.out);
  } catch (const nlohmann::json::exception& e) {
    ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out << "\nstderr: " << r.err;
    return nlohmann::json::object();
  }
}

}  // namespace flinktop::it
