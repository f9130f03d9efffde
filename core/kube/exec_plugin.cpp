// The exec credential plugin protocol: ExecCredential in (KUBERNETES_EXEC_INFO), ExecCredential
// out (stdout), diagnostics on stderr. Messages name the plugin and the user, never the output.
#include "core/kube/exec_plugin.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "core/kube/base64.hpp"
#include "core/kube/exec_process.hpp"
#include "core/kube/local_file.hpp"

extern char** environ;

namespace flinktop::kube {
namespace {

constexpr std::string_view kV1 = "client.authentication.k8s.io/v1";
constexpr std::string_view kV1beta1 = "client.authentication.k8s.io/v1beta1";

using StderrHandler = std::function<void(std::string_view)>;

std::mutex g_handler_mutex;
std::shared_ptr<const StderrHandler> g_handler;

void write_to_stderr(std::string_view line) {
  std::string text(line);
  text += '\n';
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(2, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= size_t(n);
  }
}

std::shared_ptr<const StderrHandler> stderr_handler() {
  std::lock_guard lock(g_handler_mutex);
  return g_handler;
}

// Plugin output is shown to the user: keep it to one short printable line.
std::string one_line(std::string_view text, size_t limit = 300) {
  std::string out;
  bool space = false;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || u < 0x20 || u == 0x7f) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= limit) {
      out += "…";
      break;
    }
  }
  return out;
}

// A value the plugin returned that we quote back (apiVersion, kind): only if it looks like one.
std::string quote_identifier(const nlohmann::json& value) {
  if (!value.is_string()) return "none";
  const std::string& s = value.get_ref<const std::string&>();
  if (s.empty() || s.size() > 80) return "an unexpected value";
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '/' && c != '-' && c != '_')
      return "an unexpected value";
  return "\"" + s + "\"";
}

std::string env_name(const std::string& entry) {
  return entry.substr(0, entry.find('='));
}

}  // namespace

void set_exec_plugin_stderr_handler(std::function<void(std::string_view line)> handler) {
  std::lock_guard lock(g_handler_mutex);
  g_handler = handler ? std::make_shared<const StderrHandler>(std::move(handler)) : nullptr;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s) {
  auto digits = [&](size_t pos, size_t count, int& out) {
    if (pos + count > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int year, month, day, hour, minute, second;
  if (!digits(0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(5, 2, month) || s[7] != '-' ||
      !digits(8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, hour) ||
      s[13] != ':' || !digits(14, 2, minute) || s[16] != ':' || !digits(17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  size_t pos = 19;
  long long nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    long long scale = 100'000'000;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      nanos += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(pos + 4, 2, om))
      return std::nullopt;
    offset_seconds = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  using std::chrono::system_clock;
  const long long t = static_cast<long long>(::timegm(&tm)) - offset_seconds;
  // system_clock counts nanoseconds in 64 bits (years 1677..2262): clamp "never expires" values
  // such as 2999-01-01 instead of overflowing.
  const long long limit =
      std::chrono::duration_cast<std::chrono::seconds>(system_clock::duration::max()).count() - 86400;
  if (t >= limit) return system_clock::time_point(std::chrono::seconds(limit));
  if (t <= -limit) return system_clock::time_point(std::chrono::seconds(-limit));
  return system_clock::time_point(std::chrono::seconds(t)) +
         std::chrono::duration_cast<system_clock::duration>(std::chrono::nanoseconds(nanos));
}

ExecPluginCredentials::ExecPluginCredentials(std::string user_name, ExecConfig exec, ClusterEntry cluster,
                                             ExecPluginOptions options)
    : user_name_(std::move(user_name)),
      exec_(std::move(exec)),
      cluster_(std::move(cluster)),
      options_(std::move(options)) {
  if (!options_.now) options_.now = [] { return std::chrono::system_clock::now(); };
  if (exec_.command.empty())
    throw Error(ErrorKind::Config,
                fmt::format("user \"{}\" has an exec section without a command", user_name_));
  if (exec_.command.find('/') != std::string::npos)
    exec_.command = resolve_against(exec_.origin_dir, exec_.command);
  if (exec_.api_version.empty())
    throw Error(ErrorKind::Config,
                fmt::format("{} has no apiVersion; set users[].user.exec.apiVersion to {}", who(), kV1));
  if (exec_.api_version == "client.authentication.k8s.io/v1alpha1")
    throw Error(ErrorKind::Unsupported,
                fmt::format("{} uses apiVersion {}, which Kubernetes no longer supports; use {} or {}", who(),
                            exec_.api_version, kV1, kV1beta1));
  if (exec_.api_version != kV1 && exec_.api_version != kV1beta1)
    throw Error(ErrorKind::Config, fmt::format("{} has an unknown apiVersion \"{}\"; use {} or {}", who(),
                                               one_line(exec_.api_version, 80), kV1, kV1beta1));
  // flinktop never gives a plugin a terminal (it runs on worker threads under a full-screen UI).
  // kubectl requires interactiveMode for v1; we treat a missing one as IfAvailable.
  if (exec_.interactive_mode == "Always")
    throw Error(
        ErrorKind::Unsupported,
        fmt::format("{} needs an interactive terminal (interactiveMode: Always), which flinktop cannot "
                    "give it; log in once with kubectl in a shell, or set interactiveMode to IfAvailable "
                    "or Never",
                    who()));
  if (!exec_.interactive_mode.empty() && exec_.interactive_mode != "IfAvailable" &&
      exec_.interactive_mode != "Never")
    throw Error(ErrorKind::Config,
                fmt::format("{} has an invalid interactiveMode \"{}\"; use Never, IfAvailable or Always",
                            who(), one_line(exec_.interactive_mode, 40)));
}

std::string ExecPluginCredentials::who() const {
  return fmt::format("exec plugin \"{}\" for user \"{}\"", exec_.command, user_name_);
}

std::string ExecPluginCredentials::describe() const {
  return fmt::format("exec plugin \"{}\" of user \"{}\"", exec_.command, user_name_);
}

std::string ExecPluginCredentials::exec_info_json() const {
  nlohmann::json spec = {{"interactive", false}};
  if (exec_.provide_cluster_info) {
    // client-go's Cluster type: empty fields are omitted.
    nlohmann::json cluster = {{"server", cluster_.server}};
    if (!cluster_.tls_server_name.empty()) cluster["tls-server-name"] = cluster_.tls_server_name;
    if (cluster_.insecure_skip_tls_verify) cluster["insecure-skip-tls-verify"] = true;
    std::string ca = cluster_.certificate_authority_data;
    if (ca.empty() && !cluster_.certificate_authority.empty()) {
      LocalFile file = read_local_file(cluster_.certificate_authority);
      if (!file.ok())
        throw Error(ErrorKind::Config,
                    fmt::format("certificate-authority {} of cluster \"{}\" {}",
                                cluster_.certificate_authority, cluster_.name, describe_errno(file.error)));
      ca = std::move(file.text);
    }
    if (!ca.empty()) cluster["certificate-authority-data"] = base64_encode(ca);
    if (!cluster_.proxy_url.empty()) cluster["proxy-url"] = cluster_.proxy_url;
    spec["cluster"] = std::move(cluster);
  }
  nlohmann::json info = {{"apiVersion", exec_.api_version}, {"kind", "ExecCredential"}, {"spec", spec}};
  return info.dump();
}

ExecPluginCredentials::Issued ExecPluginCredentials::run_plugin() const {
  ProcessSpec spec;
  spec.program = exec_.command;
  spec.args = exec_.args;
  spec.timeout = options_.timeout;

  // Our environment, then the kubeconfig's env (overriding), then KUBERNETES_EXEC_INFO.
  std::set<std::string> overridden{"KUBERNETES_EXEC_INFO"};
  for (const auto& [name, value] : exec_.env) overridden.insert(name);
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    if (!overridden.count(env_name(entry))) spec.env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : exec_.env) spec.env.push_back(name + "=" + value);
  spec.env.push_back("KUBERNETES_EXEC_INFO=" + exec_info_json());

  auto handler = stderr_handler();
  std::string first_stderr_line;
  ProcessResult result = run_process(spec, [&](std::string_view line) {
    if (first_stderr_line.empty()) first_stderr_line = one_line(line);
    if (handler)
      (*handler)(line);
    else
      write_to_stderr(line);
  });

  if (result.spawn_error == ENOENT) {
    std::string where =
        exec_.command.find('/') != std::string::npos ? "does not exist" : "was not found in PATH";
    std::string hint = exec_.install_hint.empty()
                           ? "install it, or fix users[].user.exec.command in the kubeconfig"
                           : one_line(exec_.install_hint, 500);
    throw Error(ErrorKind::Config, fmt::format("{} {}: {}", who(), where, hint));
  }
  if (result.spawn_error != 0)
    throw Error(ErrorKind::Config,
                fmt::format("{} could not be started: {}", who(), describe_errno(result.spawn_error)));
  if (result.timed_out)
    throw Error(ErrorKind::Timeout,
                fmt::format("{} did not finish within {} s and was stopped", who(),
                            std::chrono::duration_cast<std::chrono::seconds>(options_.timeout).count()));
  if (result.output_too_large)
    throw Error(ErrorKind::Decode, fmt::format("{} wrote too much output and was stopped", who()));
  std::string detail = first_stderr_line.empty() ? "(nothing on stderr)" : first_stderr_line;
  if (result.signal != 0)
    throw Error(ErrorKind::Unauthorized,
                fmt::format("{} was killed by signal {}: {}", who(), result.signal, detail));
  if (result.exit_code != 0)
    throw Error(ErrorKind::Unauthorized,
                fmt::format("{} failed with exit code {}: {}", who(), result.exit_code, detail));
  return parse_output(result.out);
}

ExecPluginCredentials::Issued ExecPluginCredentials::parse_output(const std::string& out) const {
  // Parse without exceptions: nlohmann's messages quote the input, and the input holds the token.
  nlohmann::json doc = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object())
    throw Error(ErrorKind::Decode,
                fmt::format("{} did not write an ExecCredential (JSON object) on stdout", who()));
  const auto api = doc.find("apiVersion");
  if (api == doc.end() || !api->is_string() || api->get_ref<const std::string&>() != exec_.api_version)
    throw Error(ErrorKind::Decode,
                fmt::format("{} returned apiVersion {}, but the kubeconfig asks for \"{}\"", who(),
                            api == doc.end() ? "none" : quote_identifier(*api), exec_.api_version));
  const auto kind = doc.find("kind");
  if (kind == doc.end() || !kind->is_string() || *kind != "ExecCredential")
    throw Error(ErrorKind::Decode, fmt::format("{} returned kind {}, not \"ExecCredential\"", who(),
                                               kind == doc.end() ? "none" : quote_identifier(*kind)));
  const auto status = doc.find("status");
  if (status == doc.end() || !status->is_object())
    throw Error(ErrorKind::Decode, fmt::format("{} returned no status", who()));

  auto string_at = [&](const char* key) -> std::string {
    auto it = status->find(key);
    if (it == status->end() || it->is_null()) return "";
    if (!it->is_string())
      throw Error(ErrorKind::Decode, fmt::format("{} returned a non-string status.{}", who(), key));
    return it->get<std::string>();
  };
  Issued issued;
  issued.token = string_at("token");
  issued.certificate.cert_pem = string_at("clientCertificateData");
  issued.certificate.key_pem = string_at("clientKeyData");
  if (issued.certificate.cert_pem.empty() != issued.certificate.key_pem.empty())
    throw Error(
        ErrorKind::Decode,
        fmt::format("{} returned only one of clientCertificateData and clientKeyData; both are needed",
                    who()));
  if (issued.token.empty() && issued.certificate.cert_pem.empty())
    throw Error(ErrorKind::Decode,
                fmt::format("{} returned neither a token nor a client certificate", who()));
  std::string expiry = string_at("expirationTimestamp");
  if (!expiry.empty()) {
    issued.refresh_at = parse_rfc3339(expiry);
    if (!issued.refresh_at)
      throw Error(ErrorKind::Decode,
                  fmt::format("{} returned an expirationTimestamp that is not RFC 3339: \"{}\"", who(),
                              one_line(expiry, 40)));
  }
  return issued;
}

ExecPluginCredentials::Issued ExecPluginCredentials::current() {
  if (issued_ && (!issued_->refresh_at || options_.now() < *issued_->refresh_at)) return *issued_;
  issued_.reset();
  Issued fresh = run_plugin();
  if (fresh.refresh_at) {
    // Refresh a little early, but never so early that a short-lived credential is never reused.
    const auto now = options_.now();
    const auto valid_until = *fresh.refresh_at;
    auto margin = std::chrono::duration_cast<std::chrono::system_clock::duration>(options_.expiry_margin);
    if (valid_until > now) margin = std::min(margin, (valid_until - now) / 2);
    fresh.refresh_at = valid_until - margin;
    if (*fresh.refresh_at <= now) return fresh;  // already expired: good for this call only
  }
  issued_ = fresh;
  return fresh;
}

std::optional<std::string> ExecPluginCredentials::authorization() {
  std::lock_guard lock(mutex_);
  const Issued issued = current();
  if (issued.token.empty()) return std::nullopt;
  return "Bearer " + issued.token;
}

std::optional<ClientCertificate> ExecPluginCredentials::client_certificate() {
  std::lock_guard lock(mutex_);
  const Issued issued = current();
  if (issued.certificate.cert_pem.empty()) return std::nullopt;
  return issued.certificate;
}

bool ExecPluginCredentials::invalidate() {
  std::lock_guard lock(mutex_);
  issued_.reset();
  return true;
}

}  // namespace flinktop::kube
