// Where the Authorization header comes from: a static token, a token file (re-read when it
// changes), basic auth, or an exec credential plugin (cached until it expires, re-run after a 401).
// Thread-safe. Never puts a secret into a message.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/kube/kubeconfig.hpp"

namespace flinktop::kube {

struct ClientCertificate {
  std::string cert_pem;
  std::string key_pem;
};

class Credentials {
 public:
  virtual ~Credentials() = default;

  // Value for the Authorization header ("Bearer …", "Basic …"), or nullopt for none. May run an
  // exec plugin (blocking; call from a worker thread). Throws flinktop::Error(Unauthorized or
  // Config) when the plugin fails, with its exit status and the first line of its stderr.
  virtual std::optional<std::string> authorization() = 0;

  // A client certificate supplied by an exec plugin (kubeconfig certificates go into TlsConfig).
  virtual std::optional<ClientCertificate> client_certificate() { return std::nullopt; }

  // Called after a 401: forget what is cached. True if asking again may give something new
  // (an exec plugin re-runs, a token file may have changed); false for a static token.
  virtual bool invalidate() = 0;

  // For messages: which credential was used, never its value, e.g.
  // "bearer token of user \"alice\"", "exec plugin \"aws\" of user \"eks\"", "client certificate of user \"admin\"".
  virtual std::string describe() const = 0;
};

// Builds the credential source for a kubeconfig user (the cluster is passed to exec plugins that
// ask for provideClusterInfo). Returns a source that yields nullopt when the user has no token.
// Precedence as kubectl: token, tokenFile, username/password, exec plugin. Throws Error(Config)
// for token plus username/password or an unusable exec section, Error(Unsupported) for an
// auth-provider or an exec plugin that needs a terminal. The exec plugin (and the process-wide
// handler for its stderr, set_exec_plugin_stderr_handler) lives in exec_plugin.hpp.
std::shared_ptr<Credentials> make_credentials(const AuthInfo& user, const ClusterEntry& cluster);

// A fixed bearer token (in-cluster token files use make_credentials with token_file instead).
std::shared_ptr<Credentials> make_static_token(std::string token, std::string description);

}  // namespace flinktop::kube
