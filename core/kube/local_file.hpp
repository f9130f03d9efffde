// Reading small local files (kubeconfigs, certificates, token files) with the errno kept, so that
// messages can say "does not exist" rather than "cannot be read".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace flinktop::kube {

struct LocalFile {
  std::string text;
  int error = 0;  // errno of the failed open/read; 0 on success
  bool ok() const { return error == 0; }
};

// Reads the whole file (refuses anything over 16 MiB: no credential file is that big).
LocalFile read_local_file(const std::string& path);

// What changes when a file is rewritten: used to re-read a token file only when it changed.
struct FileStamp {
  uint64_t device = 0, inode = 0, size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> stat_local_file(const std::string& path);

// "does not exist", "permission denied", ...: strerror in lower case, for one-line messages.
std::string describe_errno(int error);

// Directory part of a path, made absolute ("" stays "").
std::string absolute_directory_of(const std::string& path);

// `path` unchanged when absolute or empty, else joined to `base_dir` (kubectl's ResolvePaths).
std::string resolve_against(const std::string& base_dir, const std::string& path);

}  // namespace flinktop::kube
