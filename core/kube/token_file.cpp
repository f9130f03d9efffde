// Token-file credentials: stat() on every use, read only when the file's identity, size or
// mtime changed.
#include "core/kube/token_file.hpp"

#include <fmt/format.h>

#include <mutex>
#include <optional>

#include "core/error.hpp"
#include "core/kube/local_file.hpp"

namespace flinktop::kube {
namespace {

std::string trim(std::string s) {
  const char* space = " \t\r\n";
  s.erase(s.find_last_not_of(space) + 1);
  s.erase(0, s.find_first_not_of(space) == std::string::npos ? s.size() : s.find_first_not_of(space));
  return s;
}

class TokenFileCredentials final : public Credentials {
 public:
  TokenFileCredentials(std::string path, std::string description)
      : path_(std::move(path)), description_(std::move(description)) {}

  std::optional<std::string> authorization() override {
    std::lock_guard lock(mutex_);
    auto stamp = stat_local_file(path_);
    if (token_ && stamp && stamp == stamp_) return "Bearer " + *token_;
    if (!stamp && token_) return "Bearer " + *token_;  // vanished mid-rotation: keep the last good one
    reload(stamp);
    return "Bearer " + *token_;
  }

  bool invalidate() override {
    std::lock_guard lock(mutex_);
    stamp_.reset();  // re-read on next use, even if the stamp looks unchanged
    return true;
  }

  std::string describe() const override { return description_; }

 private:
  void reload(const std::optional<FileStamp>& stamp) {
    LocalFile file = read_local_file(path_);
    if (!file.ok()) {
      if (token_) return;
      throw Error(ErrorKind::Config,
                  fmt::format("{}: {} {}", description_, path_, describe_errno(file.error)));
    }
    std::string token = trim(std::move(file.text));
    if (token.empty()) {
      if (token_) return;
      throw Error(ErrorKind::Config, fmt::format("{}: {} is empty", description_, path_));
    }
    token_ = std::move(token);
    stamp_ = stamp;
  }

  const std::string path_;
  const std::string description_;
  std::mutex mutex_;
  std::optional<FileStamp> stamp_;
  std::optional<std::string> token_;
};

}  // namespace

std::shared_ptr<Credentials> make_token_file(std::string path, std::string description) {
  return std::make_shared<TokenFileCredentials>(std::move(path), std::move(description));
}

}  // namespace flinktop::kube
