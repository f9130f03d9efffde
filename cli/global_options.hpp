// Flags every flinktop command shares: which kubeconfig, which contexts, which namespaces.
#pragma once

#include <string>
#include <vector>

namespace flinktop::cli {

// --flink-url: one Flink cluster's REST API, no Kubernetes. Secrets come from files or the
// environment, never from the command line (where `ps` would show them).
struct FlinkUrlOptions {
  std::string url;         // --flink-url http(s)://host:port[/prefix]
  std::string user;        // --flink-user: basic auth; the password is $FLINKTOP_FLINK_PASSWORD
  std::string token_file;  // --flink-token-file: bearer token (else $FLINKTOP_FLINK_TOKEN)
  std::string ca_file;     // --flink-ca: PEM bundle to verify the server with
  std::string cert_file;   // --flink-cert / --flink-key: client certificate
  std::string key_file;
  bool insecure = false;   // --flink-insecure: skip TLS verification
};

struct GlobalOptions {
  std::string kubeconfig;             // --kubeconfig (empty: $KUBECONFIG, then ~/.kube/config)
  std::vector<std::string> contexts;  // --context (repeatable, or comma-separated); empty = current
  bool all_contexts = false;          // --all-contexts
  std::string namespace_;             // -n/--namespace; empty = the context's namespace
  bool all_namespaces = false;        // -A/--all-namespaces
  bool readonly = false;              // --readonly: refuse every mutation
  bool demo = false;                  // --demo: the built-in simulated environment (the TUI says DEMO)
  FlinkUrlOptions flink;              // --flink-url and its options
};

}  // namespace flinktop::cli
