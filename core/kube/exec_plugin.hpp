// Credentials from a client-go exec plugin (client.authentication.k8s.io/v1 and v1beta1): runs
// the plugin without a terminal, caches what it returns until expirationTimestamp (or until
// invalidate()), and passes the plugin's stderr to a handler the front end chooses.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/kube/credentials.hpp"
#include "core/kube/kubeconfig.hpp"

namespace flinktop::kube {

// Process-wide: where exec plugins' stderr lines go (one call per line, from the worker thread
// that runs the plugin). The default writes them to our stderr; a TUI sets one that shows them
// in its status area. nullptr restores the default.
void set_exec_plugin_stderr_handler(std::function<void(std::string_view line)> handler);

struct ExecPluginOptions {
  std::chrono::milliseconds timeout{120'000};  // the plugin is killed after this long
  std::chrono::seconds expiry_margin{10};      // a credential counts as expired this much early
  std::function<std::chrono::system_clock::time_point()> now;  // default: system_clock::now
};

class ExecPluginCredentials final : public Credentials {
 public:
  // Throws Error(Config) for an unusable exec section (no command, unknown apiVersion or
  // interactiveMode) and Error(Unsupported) for interactiveMode Always or apiVersion v1alpha1.
  ExecPluginCredentials(std::string user_name, ExecConfig exec, ClusterEntry cluster,
                        ExecPluginOptions options = {});

  std::optional<std::string> authorization() override;
  std::optional<ClientCertificate> client_certificate() override;
  bool invalidate() override;
  std::string describe() const override;

  // The KUBERNETES_EXEC_INFO value handed to the plugin (exposed for tests).
  std::string exec_info_json() const;

 private:
  struct Issued {
    std::string token;
    ClientCertificate certificate;
    // expirationTimestamp as returned; after caching, the moment to run the plugin again.
    std::optional<std::chrono::system_clock::time_point> refresh_at;
  };
  Issued current();  // requires mutex_: the cached credential, or a fresh one
  Issued run_plugin() const;
  Issued parse_output(const std::string& out) const;
  std::string who() const;  // `exec plugin "cmd" for user "u"`

  std::string user_name_;
  ExecConfig exec_;
  ClusterEntry cluster_;
  ExecPluginOptions options_;
  std::mutex mutex_;  // one plugin run at a time; guards issued_
  std::optional<Issued> issued_;
};

// Parses an RFC 3339 timestamp ("2024-05-01T12:00:00Z", fractions and offsets allowed).
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace flinktop::kube
