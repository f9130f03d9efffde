// Chooses the credential source for a kubeconfig user, with kubectl's rules: one of token (a
// static token beats tokenFile), basic auth, or an exec plugin; client certificates travel in
// TlsConfig and need no source here.
#include "core/kube/credentials.hpp"

#include <fmt/format.h>

#include <vector>

#include "core/error.hpp"
#include "core/kube/base64.hpp"
#include "core/kube/exec_plugin.hpp"
#include "core/kube/token_file.hpp"

namespace flinktop::kube {
namespace {

class FixedAuthorization final : public Credentials {
 public:
  FixedAuthorization(std::optional<std::string> header, std::string description)
      : header_(std::move(header)), description_(std::move(description)) {}
  std::optional<std::string> authorization() override { return header_; }
  bool invalidate() override { return false; }
  std::string describe() const override { return description_; }

 private:
  const std::optional<std::string> header_;
  const std::string description_;
};

std::string quoted_user(const AuthInfo& user) {
  return fmt::format("user \"{}\"", user.name);
}

}  // namespace

std::shared_ptr<Credentials> make_static_token(std::string token, std::string description) {
  return std::make_shared<FixedAuthorization>("Bearer " + token, std::move(description));
}

std::shared_ptr<Credentials> make_credentials(const AuthInfo& user, const ClusterEntry& cluster) {
  if (!user.auth_provider.empty())
    throw Error(ErrorKind::Unsupported,
                fmt::format("auth-provider {} of {} is not supported; use an exec plugin (kubelogin / "
                            "gke-gcloud-auth-plugin)",
                            user.auth_provider, quoted_user(user)));

  const bool has_token = !user.token.empty() || !user.token_file.empty();
  const bool has_basic = !user.username.empty() || !user.password.empty();
  if (has_token && has_basic)
    throw Error(ErrorKind::Config,
                fmt::format("{} has more than one authentication method (token and username/password); "
                            "only one is allowed",
                            quoted_user(user)));

  if (!user.token.empty())
    return make_static_token(user.token, fmt::format("bearer token of {}", quoted_user(user)));
  if (!user.token_file.empty())
    return make_token_file(user.token_file, fmt::format("token file of {}", quoted_user(user)));
  if (has_basic)
    return std::make_shared<FixedAuthorization>("Basic " + base64_encode(user.username + ":" + user.password),
                                                fmt::format("basic auth of {}", quoted_user(user)));
  if (user.exec) return std::make_shared<ExecPluginCredentials>(user.name, *user.exec, cluster);

  const bool has_cert = !user.client_certificate.empty() || !user.client_certificate_data.empty();
  if (has_cert)
    return std::make_shared<FixedAuthorization>(std::nullopt,
                                                fmt::format("client certificate of {}", quoted_user(user)));
  if (user.name.empty())
    return std::make_shared<FixedAuthorization>(std::nullopt, "no credentials (anonymous)");
  return std::make_shared<FixedAuthorization>(std::nullopt,
                                              fmt::format("no credentials for {}", quoted_user(user)));
}

}  // namespace flinktop::kube
