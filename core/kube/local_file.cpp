// Small-file reading for kubeconfig and credential files.
#include "core/kube/local_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace flinktop::kube {

LocalFile read_local_file(const std::string& path) {
  LocalFile out;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out.error = errno;
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    out.error = EISDIR;
    return out;
  }
  constexpr size_t kLimit = 16u << 20;
  char buffer[16384];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      out.error = errno;
      break;
    }
    if (n == 0) break;
    out.text.append(buffer, size_t(n));
    if (out.text.size() > kLimit) {
      out.error = EFBIG;
      break;
    }
  }
  ::close(fd);
  if (out.error != 0) out.text.clear();
  return out;
}

std::optional<FileStamp> stat_local_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  FileStamp s;
  s.device = uint64_t(st.st_dev);
  s.inode = uint64_t(st.st_ino);
  s.size = uint64_t(st.st_size);
  s.mtime_ns = int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  return s;
}

std::string describe_errno(int error) {
  switch (error) {
    case ENOENT: return "does not exist";
    case EACCES: return "permission denied";
    case EISDIR: return "is a directory";
    case EFBIG: return "is too large";
    default: break;
  }
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = char(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string absolute_directory_of(const std::string& path) {
  if (path.empty()) return "";
  std::error_code ec;
  auto abs = std::filesystem::absolute(std::filesystem::path(path), ec);
  if (ec) abs = std::filesystem::path(path);
  return abs.lexically_normal().parent_path().string();
}

std::string resolve_against(const std::string& base_dir, const std::string& path) {
  if (path.empty() || base_dir.empty() || path.front() == '/') return path;
  return (std::filesystem::path(base_dir) / path).lexically_normal().string();
}

}  // namespace flinktop::kube
